package io.risbnn.api;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.Predictive;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.predict.ClassificationPredictive;
import io.risbnn.predict.ClassificationPredictor;
import io.risbnn.predict.MixtureQuantile;
import io.risbnn.predict.RegressionPredictive;
import io.risbnn.predict.RegressionPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The posterior predictive of a batch of inputs, one distribution per input. The accessors give the
 * predictive of S networks sampled from the posterior; {@link #own()} / {@link #ownClasses()} the
 * method's deterministic predictive where it has one (mean–variance propagation, a linearised
 * network, …) — the project reports both, and they should agree.
 *
 * <p>Regression (target units): mean, variance = epistemic (spread of the networks' means: what more
 * data would reduce) + aleatoric (the noise the model expects around any one network), quantiles of the
 * sampled networks' Gaussian mixture. Classification: class probabilities, the predicted class, the
 * predictive entropy (total uncertainty, nats), its epistemic part the mutual information between the
 * prediction and the network, and the aleatoric rest, the networks' expected entropy.
 */
public final class PredictiveDistribution {
    private final List<RegressionPredictive> regression;
    private final List<ClassificationPredictive> classification;
    /** Regression: per input, each sampled network's mean and noise std in target units, [N][S]. */
    private final double[][] networkMeans;
    private final double[][] networkStds;

    private PredictiveDistribution(List<RegressionPredictive> regression, List<ClassificationPredictive> classification,
                                   double[][] networkMeans, double[][] networkStds) {
        this.regression = regression;
        this.classification = classification;
        this.networkMeans = networkMeans;
        this.networkStds = networkStds;
    }

    /**
     * Regression predictives from S networks' raw outputs [S][N][out] (standardised units) and the method's
     * own Gaussian outputs, if any.
     */
    public static PredictiveDistribution regression(double[][][] sampled, Optional<GaussianOutputs> own, NoiseModel noise,
                                                    TargetStandardizer scale, double level) {
        RegressionPredictor predictor = new RegressionPredictor(null, noise, scale);
        List<RegressionPredictive> all = new ArrayList<>();
        all.add(predictor.sampled(sampled, level));
        own.ifPresent(g -> all.add(predictor.gaussian(g, level)));
        int s = sampled.length;
        int n = sampled[0].length;
        double[][] means = new double[n][s];
        double[][] stds = new double[n][s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                means[i][j] = scale.inverse(sampled[j][i][0]);
                stds[i][j] = Math.sqrt(noise.variance(sampled[j][i])) * scale.std();
            }
        }
        return new PredictiveDistribution(List.copyOf(all), null, means, stds);
    }

    /** Classification predictives from S networks' logits [S][N][classes] and the method's own Gaussian logits, if any. */
    public static PredictiveDistribution classification(double[][][] logits, Optional<GaussianOutputs> own,
                                                        List<String> classNames) {
        ClassificationPredictor predictor = new ClassificationPredictor(null, classNames);
        List<ClassificationPredictive> all = new ArrayList<>();
        all.add(predictor.sampled(Predictive.softmax(logits)));
        own.ifPresent(g -> all.add(predictor.gaussian(g)));
        return new PredictiveDistribution(null, List.copyOf(all), null, null);
    }

    public boolean isClassification() {
        return classification != null;
    }

    /** Inputs predicted. */
    public int size() {
        return isClassification() ? classification.get(0).size() : regression.get(0).size();
    }

    // ---- regression ----

    /** The sampled networks' predictive, then the method's own when it has one. */
    public List<RegressionPredictive> regressionPredictives() {
        return requireRegression();
    }

    /** The sampled networks' regression predictive. */
    public RegressionPredictive sampled() {
        return requireRegression().get(0);
    }

    /** The method's own deterministic regression predictive (empty when sampling is all it has). */
    public Optional<RegressionPredictive> own() {
        List<RegressionPredictive> all = requireRegression();
        return all.size() > 1 ? Optional.of(all.get(1)) : Optional.empty();
    }

    public double[] mean() {
        return sampled().mean().clone();
    }

    public double[] std() {
        return sampled().std().clone();
    }

    /** Total predictive variance = {@link #epistemicVariance} + {@link #aleatoricVariance}. */
    public double[] variance() {
        return squared(sampled().std());
    }

    /** The variance of the sampled networks' means. */
    public double[] epistemicVariance() {
        return squared(sampled().epistemicStd());
    }

    /** The networks' mean noise variance. */
    public double[] aleatoricVariance() {
        return squared(sampled().aleatoricStd());
    }

    public double[] epistemicStd() {
        return sampled().epistemicStd().clone();
    }

    public double[] aleatoricStd() {
        return sampled().aleatoricStd().clone();
    }

    /** The p-quantile of each input's predictive (the sampled networks' Gaussian mixture), 0 &lt; p &lt; 1. */
    public double[] quantile(double p) {
        requireRegression();
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile: p must be strictly between 0 and 1, got " + p);
        }
        double[] out = new double[networkMeans.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = MixtureQuantile.of(networkMeans[i], networkStds[i], p);
        }
        return out;
    }

    // ---- classification ----

    /** The sampled networks' class predictive, then the method's own when it has one. */
    public List<ClassificationPredictive> classificationPredictives() {
        return requireClassification();
    }

    public ClassificationPredictive sampledClasses() {
        return requireClassification().get(0);
    }

    public Optional<ClassificationPredictive> ownClasses() {
        List<ClassificationPredictive> all = requireClassification();
        return all.size() > 1 ? Optional.of(all.get(1)) : Optional.empty();
    }

    /** [N][classes]: the mean of the sampled networks' softmax outputs. */
    public double[][] probabilities() {
        double[][] p = sampledClasses().probabilities();
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i].clone();
        }
        return out;
    }

    public int[] predicted() {
        return sampledClasses().predicted().clone();
    }

    public List<String> classNames() {
        return sampledClasses().classNames();
    }

    /** Predictive entropy H(p) in nats: the total uncertainty. */
    public double[] entropy() {
        return sampledClasses().entropy().clone();
    }

    /** Mutual information H(p) − E H(p_network): the epistemic part of the entropy. */
    public double[] mutualInformation() {
        return sampledClasses().mutualInformation().clone();
    }

    /** E H(p_network), the networks' expected entropy: the aleatoric part of the entropy. */
    public double[] expectedEntropy() {
        double[] h = entropy();
        double[] mi = sampledClasses().mutualInformation();
        for (int i = 0; i < h.length; i++) {
            h[i] -= mi[i];
        }
        return h;
    }

    private static double[] squared(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * values[i];
        }
        return out;
    }

    private List<RegressionPredictive> requireRegression() {
        if (regression == null) {
            throw new IllegalStateException("a classification predictive has no mean or variance: use probabilities(), "
                    + "entropy() and mutualInformation()");
        }
        return regression;
    }

    private List<ClassificationPredictive> requireClassification() {
        if (classification == null) {
            throw new IllegalStateException("a regression predictive has no class probabilities: use mean(), variance() "
                    + "and quantile(p)");
        }
        return classification;
    }
}
