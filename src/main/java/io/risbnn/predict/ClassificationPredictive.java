package io.risbnn.predict;

import java.util.List;

/**
 * One predictive over the classes for each input: the class probabilities, the predicted (most
 * probable) class, the predictive entropy H(p) in nats (total uncertainty) and the mutual information
 * H(p) − E H(p_network) between the prediction and the network (its epistemic part).
 *
 * @param name {@code sampled}, or the method's own predictive (e.g. {@code meanvar}, {@code moment})
 * @param mutualInformation NaN throughout when the predictive does not model it (first-moment logits)
 */
public record ClassificationPredictive(String name, List<String> classNames, double[][] probabilities, int[] predicted,
                                       double[] entropy, double[] mutualInformation) {
    /**
     * The number of inputs.
     *
     * @return the rows of {@link #probabilities()}
     */
    public int size() {
        return predicted.length;
    }
}
