package io.risbnn.method.dropout;

import io.risbnn.model.ModelSpec;

/**
 * Options of MC dropout (Gal &amp; Ghahramani 2016).
 *
 * @param rate probability p of dropping a unit, before every weight layer (the input layer included);
 *             it is part of the architecture, so a run builds its model with {@link #applyTo}
 */
public record DropoutOptions(double rate) {
    /**
     * A dropout rate of 0.05.
     *
     * @return the default options
     */
    public static DropoutOptions defaults() {
        return new DropoutOptions(0.05);
    }

    /**
     * The model to build for an MC dropout run: {@code spec} with this rate.
     *
     * @param spec the run's architecture
     * @return the architecture with a dropout block before every weight layer
     */
    public ModelSpec applyTo(ModelSpec spec) {
        return spec.withDropout(rate);
    }
}
