package io.risbnn.posterior;

import io.risbnn.train.ExampleSet;
import java.util.List;
import java.util.Optional;

/**
 * What evaluation and prediction need of a trained posterior, whatever the inference method that
 * produced it (VI, MAP, SWAG, Laplace, an ensemble, MC dropout): network outputs sampled from the
 * posterior, and the deterministic predictives the method has beyond sampling (moment propagation, a
 * linearised network, the SWA mean, …) as Gaussians over the outputs. One of them, or the sampled
 * networks, is the method's own predictive: the one its results lead with.
 *
 * <p>Outputs are raw network outputs in the model's standardised units: regression means (and, where
 * {@link #noise()} says so, log noise variances), or classification logits.
 */
public interface PosteriorOutputs {
    /** The name of the own predictive when it is the sampled networks'. */
    String SAMPLED = "sampled";

    /**
     * S networks drawn from the posterior, each applied to every input: [S][N][out]. The same seed
     * gives the same S networks whatever the inputs, so callers may split the inputs into chunks.
     *
     * @param inputs the N inputs (targets are not read)
     * @param samples S, the number of networks, ≥ 1
     * @param seed fixes the S networks
     * @return raw outputs [S][N][out] in standardised units
     */
    double[][][] sampled(ExampleSet inputs, int samples, long seed);

    /**
     * The deterministic predictives, in report order (empty when sampling is all the method has).
     *
     * @param inputs the N inputs
     * @return one Gaussian over the outputs per predictive
     */
    List<GaussianOutputs> predictives(ExampleSet inputs);

    /**
     * {@value #SAMPLED}, or the name of one of {@link #predictives}: the predictive results lead with.
     *
     * @return the own predictive's name
     */
    String ownPredictive();

    /**
     * How a regression network's outputs carry the noise (unused for classification).
     *
     * @return the noise model, or null for a classifier
     */
    NoiseModel noise();

    /**
     * The own predictive when it is a deterministic one (empty when it is the sampled networks').
     *
     * @param inputs the N inputs
     * @return the predictive named {@link #ownPredictive()}, or empty
     */
    default Optional<GaussianOutputs> own(ExampleSet inputs) {
        if (SAMPLED.equals(ownPredictive())) {
            return Optional.empty();
        }
        return predictives(inputs).stream().filter(g -> g.name().equals(ownPredictive())).findFirst();
    }
}
