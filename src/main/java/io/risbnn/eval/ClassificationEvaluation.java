package io.risbnn.eval;

import io.risbnn.eval.metrics.ClassificationReport;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test metrics of a classifier ({@link ClassificationReport}: accuracy, nll, ece, brier, entropy,
 * mutual_information) under two predictives: the posterior predictive of S sampled networks (softmax
 * of each network's logits, averaged; keys with {@code _sampled}) and first-moment propagation
 * (softmax of the first-moment logits; keys with {@code _moment}). The unsuffixed keys repeat the
 * predictive the model was trained for, as in {@link RegressionEvaluation}: sampled under ELBO,
 * first-moment under MOMENT, and under MEAN_VAR the mean–variance predictive (E softmax over the
 * propagated Gaussian logits, keys with {@code _meanvar}, reported for mean-var models only); there the
 * NLL is called {@code test_nll}, because {@code nll} in the epoch log is the training NLL.
 */
public final class ClassificationEvaluation {
    private ClassificationEvaluation() {}

    /**
     * The test metrics of a variational (or MAP) classifier; S networks drawn with a seed from the engine.
     *
     * @param model the trained classifier
     * @param test the test inputs
     * @param labels the class indices of {@code test}, in its order
     * @param samples S, the sampled networks of the {@code _sampled} predictive
     * @param objective the objective the model was trained under (decides the unsuffixed keys)
     * @return metrics by key, e.g. {@code accuracy}, {@code accuracy_sampled}, {@code ece_moment}
     */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, int[] labels, int samples,
                                               Objective objective) {
        return evaluate(model, test, labels, samples, objective, null);
    }

    /**
     * As {@link #evaluate(BayesianModel, ExampleSet, int[], int, Objective)}; {@code predictives}, when not
     * null, receives each predictive's probabilities [N][C] by name (sampled, moment, meanvar), e.g. for a
     * reliability diagram.
     *
     * @param model the trained classifier
     * @param test the test inputs
     * @param labels the class indices of {@code test}, in its order
     * @param samples S, the sampled networks of the {@code _sampled} predictive
     * @param objective the objective the model was trained under
     * @param predictives receives the [N][C] probabilities by predictive name; may be null
     * @return metrics by key
     */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, int[] labels, int samples,
                                               Objective objective, Map<String, double[][]> predictives) {
        return evaluate(new VariationalPosterior(model, objective), test, labels, samples,
                Predictive.drawSeed(model.manager()), predictives);
    }

    /**
     * Any method's posterior: keys {@code <metric>_sampled} from S networks drawn with {@code seed}, then
     * {@code <metric>_<name>} for each deterministic predictive (E softmax over its Gaussian logits; the
     * softmax of the mean for a point prediction); the unsuffixed keys repeat the posterior's own.
     *
     * @param posterior any method's posterior
     * @param test the test inputs
     * @param labels the class indices of {@code test}, in its order
     * @param samples S, the sampled networks
     * @param seed fixes the S networks
     * @param predictives receives the [N][C] probabilities by predictive name; may be null
     * @return metrics by key
     */
    public static Map<String, Double> evaluate(PosteriorOutputs posterior, ExampleSet test, int[] labels, int samples,
                                               long seed, Map<String, double[][]> predictives) {
        Map<String, Map<String, Double>> byName = new LinkedHashMap<>();
        double[][][] sampledProbs = Predictive.softmax(posterior.sampled(test, samples, seed));
        byName.put(PosteriorOutputs.SAMPLED, ClassificationReport.of(sampledProbs, labels).asMap());
        if (predictives != null) {
            predictives.put(PosteriorOutputs.SAMPLED, io.risbnn.eval.metrics.ClassificationMetrics.predictive(sampledProbs));
        }
        byName.putAll(deterministic(posterior, test, labels, predictives));
        Map<String, Double> own = byName.get(posterior.ownPredictive());
        if (own == null) {
            throw new IllegalStateException("posterior's own predictive '" + posterior.ownPredictive() + "' is not among "
                    + byName.keySet());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        own.forEach((k, v) -> out.put(k.equals("nll") ? "test_nll" : k, v));
        byName.forEach((name, metrics) -> metrics.forEach((k, v) -> out.put(k + "_" + name, v)));
        return out;
    }

    /**
     * The metrics of each deterministic predictive of {@code posterior}, by name (E softmax over its
     * Gaussian logits; the softmax of the mean for a point prediction); {@code probabilities}, when not
     * null, receives each one's [N][C] probabilities.
     *
     * @param posterior any method's posterior
     * @param test the test inputs
     * @param labels the class indices of {@code test}, in its order
     * @param probabilities receives the [N][C] probabilities by predictive name; may be null
     * @return for each deterministic predictive, its metrics by (unsuffixed) key
     */
    public static Map<String, Map<String, Double>> deterministic(PosteriorOutputs posterior, ExampleSet test, int[] labels,
                                                                 Map<String, double[][]> probabilities) {
        Map<String, Map<String, Double>> byName = new LinkedHashMap<>();
        for (GaussianOutputs g : posterior.predictives(test)) {
            double[][] probs;
            Map<String, Double> metrics;
            if (!g.hasEpistemicPart()) {
                probs = Predictive.softmax(new double[][][] {g.mean()})[0];
                metrics = ClassificationReport.of(new double[][][] {probs}, labels).asMap();
            } else {
                GaussianLogits.Expectation e = GaussianLogits.expectation(g, true);
                probs = e.probabilities();
                metrics = ClassificationReport.of(new double[][][] {probs}, labels).asMap();
                // one predictive distribution has no spread of its own: the MI is that of the Gaussian logits' draws
                metrics.put("mutual_information", meanMutualInformation(e));
            }
            byName.put(g.name(), metrics);
            if (probabilities != null) {
                probabilities.put(g.name(), probs);
            }
        }
        return byName;
    }

    /** Mean over examples of H(E softmax) − E H(softmax) under the Gaussian logits. */
    private static double meanMutualInformation(GaussianLogits.Expectation e) {
        double[] entropy = io.risbnn.eval.metrics.ClassificationMetrics.predictiveEntropy(e.probabilities());
        double sum = 0;
        for (int i = 0; i < entropy.length; i++) {
            sum += Math.max(0, entropy[i] - e.meanEntropy()[i]);
        }
        return sum / entropy.length;
    }
}
