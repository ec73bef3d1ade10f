package io.risbnn.predict;

import io.risbnn.eval.GaussianLogits;
import io.risbnn.eval.Predictive;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classification predictives of a posterior for new inputs: the mean of S sampled networks' softmax
 * outputs, and the method's own where it has one (E softmax over Gaussian logits, by {@link
 * GaussianLogits}; a point prediction when the logits have no variance).
 */
public final class ClassificationPredictor {
    private final PosteriorOutputs posterior;
    private final List<String> classNames;

    /**
     * A predictor of a trained classifier's posterior.
     *
     * @param posterior any method's posterior
     * @param classNames the name of each class index, for the predicted-class column
     */
    public ClassificationPredictor(PosteriorOutputs posterior, List<String> classNames) {
        this.posterior = posterior;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * The sampled predictive first, then the method's own when it has one.
     *
     * @param inputs the N inputs
     * @param samples S, the sampled networks, ≥ 1
     * @param seed fixes the S networks
     * @return one or two predictives
     */
    public List<ClassificationPredictive> predict(ExampleSet inputs, int samples, long seed) {
        List<ClassificationPredictive> out = new ArrayList<>();
        out.add(sampled(Predictive.softmax(posterior.sampled(inputs, samples, seed))));
        posterior.own(inputs).ifPresent(g -> out.add(gaussian(g)));
        return out;
    }

    /**
     * The predictive of S networks' probabilities: their mean, its entropy, and the mutual information.
     *
     * @param probs the networks' probabilities [S][N][C]
     * @return the {@code sampled} predictive
     */
    public ClassificationPredictive sampled(double[][][] probs) {
        double[][] mean = ClassificationMetrics.predictive(probs);
        double[] meanEntropy = new double[mean.length];
        for (double[][] network : probs) {
            for (int i = 0; i < mean.length; i++) {
                meanEntropy[i] += ClassificationMetrics.entropy(network[i]) / probs.length;
            }
        }
        return of("sampled", mean, meanEntropy);
    }

    /**
     * The predictive of a deterministic Gaussian over logits: E softmax, or the softmax of the mean for a
     * point prediction (mutual information NaN then).
     *
     * @param g the method's own predictive over logits
     * @return the predictive named {@code g.name()}
     */
    public ClassificationPredictive gaussian(GaussianOutputs g) {
        if (!g.hasEpistemicPart()) {
            double[][] p = Predictive.softmax(new double[][][] {g.mean()})[0];
            double[] none = new double[p.length];
            Arrays.fill(none, Double.NaN);
            return of(g.name(), p, none);
        }
        GaussianLogits.Expectation e = GaussianLogits.expectation(g.mean(), g.variance());
        return of(g.name(), e.probabilities(), e.meanEntropy());
    }

    /** @param meanEntropy E H of the networks (NaN: not modelled, the mutual information is NaN too) */
    private ClassificationPredictive of(String name, double[][] p, double[] meanEntropy) {
        int n = p.length;
        int[] predicted = new int[n];
        double[] entropy = new double[n];
        double[] mi = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = ClassificationMetrics.argMax(p[i]);
            entropy[i] = ClassificationMetrics.entropy(p[i]);
            mi[i] = Double.isNaN(meanEntropy[i]) ? Double.NaN : Math.max(0, entropy[i] - meanEntropy[i]);
        }
        return new ClassificationPredictive(name, classNames, p, predicted, entropy, mi);
    }
}
