package io.risbnn.predict;

import io.risbnn.train.ExampleSet;
import java.util.Optional;

/**
 * What prediction needs of a trained posterior, whatever the inference method that produced it:
 * network outputs sampled from the posterior, and the method's own predictive where it has one
 * beyond sampling (moment propagation, a linearised network, …) as a Gaussian over the outputs.
 * Outputs are raw network outputs in the model's standardised units: regression means (and, for a
 * heteroscedastic model, log noise variances), or classification logits.
 */
public interface PosteriorOutputs {
    /** S networks drawn from the posterior (seeded by {@code seed}), each applied to every input: [S][N][out]. */
    double[][][] sampled(ExampleSet inputs, int samples, long seed);

    /** The method's own predictive over the outputs, or empty when sampling is all it has. */
    Optional<GaussianOutputs> own(ExampleSet inputs);
}
