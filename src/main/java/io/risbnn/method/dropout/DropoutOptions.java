package io.risbnn.method.dropout;

/**
 * Options of MC dropout (Gal & Ghahramani 2016).
 *
 * @param rate probability of dropping a unit, before every weight layer
 */
public record DropoutOptions(double rate) {
    public static DropoutOptions defaults() {
        return new DropoutOptions(0.05);
    }
}
