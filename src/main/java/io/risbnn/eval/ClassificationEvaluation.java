package io.risbnn.eval;

import io.risbnn.eval.metrics.ClassificationReport;
import io.risbnn.model.BayesianModel;
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

    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, int[] labels, int samples,
                                               Objective objective) {
        return evaluate(model, test, labels, samples, objective, null);
    }

    /**
     * As {@link #evaluate(BayesianModel, ExampleSet, int[], int, Objective)}; {@code predictives}, when not
     * null, receives each predictive's probabilities [N][C] by name (sampled, moment, meanvar), e.g. for a
     * reliability diagram.
     */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, int[] labels, int samples,
                                               Objective objective, Map<String, double[][]> predictives) {
        double[][][] sampledProbs = Predictive.softmax(Predictive.sampled(model, test, samples));
        double[][][] momentProbs = Predictive.softmax(Predictive.moment(model, test));
        GaussianLogits.Expectation meanVarExpectation = null;
        double[][][] meanVarProbs = null;
        if (objective == Objective.MEAN_VAR) {
            double[][][] moments = Predictive.meanVar(model, test);
            meanVarExpectation = GaussianLogits.expectation(moments[0], moments[1]);
            meanVarProbs = new double[][][] {meanVarExpectation.probabilities()};
        }
        if (predictives != null) {
            predictives.put("sampled", io.risbnn.eval.metrics.ClassificationMetrics.predictive(sampledProbs));
            predictives.put("moment", momentProbs[0]);
            if (meanVarProbs != null) {
                predictives.put("meanvar", meanVarProbs[0]);
            }
        }
        Map<String, Double> sampled = ClassificationReport.of(sampledProbs, labels).asMap();
        Map<String, Double> moment = ClassificationReport.of(momentProbs, labels).asMap();
        Map<String, Double> meanVar = null;
        if (meanVarProbs != null) {
            meanVar = ClassificationReport.of(meanVarProbs, labels).asMap();
            // one predictive distribution has no spread of its own: the MI is that of the Gaussian logits' draws
            meanVar.put("mutual_information", meanMutualInformation(meanVarExpectation));
        }
        Map<String, Double> own = objective == Objective.ELBO ? sampled : objective == Objective.MEAN_VAR ? meanVar : moment;
        Map<String, Double> out = new LinkedHashMap<>();
        own.forEach((k, v) -> out.put(k.equals("nll") ? "test_nll" : k, v));
        sampled.forEach((k, v) -> out.put(k + "_sampled", v));
        moment.forEach((k, v) -> out.put(k + "_moment", v));
        if (meanVar != null) {
            meanVar.forEach((k, v) -> out.put(k + "_meanvar", v));
        }
        return out;
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
