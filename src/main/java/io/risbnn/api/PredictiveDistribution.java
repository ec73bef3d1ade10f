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
     * own Gaussian outputs, if any. {@link Posterior#predict} builds these; call it directly only to turn outputs
     * obtained otherwise into a predictive.
     *
     * @param sampled [S][N][out], S &ge; 1, N &ge; 1: column 0 each network's mean, the rest what {@code noise} reads
     * @param own the method's own deterministic Gaussian over the outputs, or empty
     * @param noise the likelihood's noise, which gives each network's noise variance from its outputs
     * @param scale the target's standardisation, to return to target units
     * @param level the central interval's level, in (0, 1)
     * @return the predictive of the N inputs
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

    /**
     * Classification predictives from S networks' logits [S][N][classes] and the method's own Gaussian logits, if
     * any. {@link Posterior#predict} builds these.
     *
     * @param logits [S][N][K], S &ge; 1: each sampled network's logits
     * @param own the method's own deterministic Gaussian over the logits, or empty
     * @param classNames the K class names
     * @return the predictive of the N inputs
     */
    public static PredictiveDistribution classification(double[][][] logits, Optional<GaussianOutputs> own,
                                                        List<String> classNames) {
        ClassificationPredictor predictor = new ClassificationPredictor(null, classNames);
        List<ClassificationPredictive> all = new ArrayList<>();
        all.add(predictor.sampled(Predictive.softmax(logits)));
        own.ifPresent(g -> all.add(predictor.gaussian(g)));
        return new PredictiveDistribution(null, List.copyOf(all), null, null);
    }

    /**
     * Whether this is a predictive over classes; the accessors of the other kind throw
     * {@link IllegalStateException}.
     *
     * @return true for class probabilities, false for a regression predictive
     */
    public boolean isClassification() {
        return classification != null;
    }

    /**
     * The number of inputs predicted; every per-input array has this length.
     *
     * @return N
     */
    public int size() {
        return isClassification() ? classification.get(0).size() : regression.get(0).size();
    }

    // ---- regression ----

    /**
     * Every regression predictive of the inputs, to compare the sampled one with the method's own.
     *
     * @return the sampled networks' predictive, then the method's own when it has one
     * @throws IllegalStateException for a classification predictive
     */
    public List<RegressionPredictive> regressionPredictives() {
        return requireRegression();
    }

    /**
     * The sampled networks' regression predictive, with its intervals at the level of the options.
     *
     * @return the predictive the mean, variance and std accessors read
     * @throws IllegalStateException for a classification predictive
     */
    public RegressionPredictive sampled() {
        return requireRegression().get(0);
    }

    /**
     * The method's own deterministic regression predictive (mean–variance propagation, a linearised network, …).
     *
     * @return the predictive, or empty when sampling is all the method has
     * @throws IllegalStateException for a classification predictive
     */
    public Optional<RegressionPredictive> own() {
        List<RegressionPredictive> all = requireRegression();
        return all.size() > 1 ? Optional.of(all.get(1)) : Optional.empty();
    }

    /**
     * The predictive mean of each input, in target units: the mean of the sampled networks' means.
     *
     * @return [N], a copy
     * @throws IllegalStateException for a classification predictive
     */
    public double[] mean() {
        return sampled().mean().clone();
    }

    /**
     * The total predictive std of each input, in target units: √({@link #epistemicVariance} +
     * {@link #aleatoricVariance}).
     *
     * @return [N], a copy
     * @throws IllegalStateException for a classification predictive
     */
    public double[] std() {
        return sampled().std().clone();
    }

    /**
     * The total predictive variance of each input, in squared target units: {@link #epistemicVariance} +
     * {@link #aleatoricVariance}.
     *
     * @return [N]
     * @throws IllegalStateException for a classification predictive
     */
    public double[] variance() {
        return squared(sampled().std());
    }

    /**
     * The epistemic variance of each input: the variance of the sampled networks' means, what more data would
     * reduce.
     *
     * @return [N], in squared target units
     * @throws IllegalStateException for a classification predictive
     */
    public double[] epistemicVariance() {
        return squared(sampled().epistemicStd());
    }

    /**
     * The aleatoric variance of each input: the networks' mean noise variance, the noise the model expects around
     * any one network.
     *
     * @return [N], in squared target units
     * @throws IllegalStateException for a classification predictive
     */
    public double[] aleatoricVariance() {
        return squared(sampled().aleatoricStd());
    }

    /**
     * The square root of {@link #epistemicVariance}, in target units.
     *
     * @return [N], a copy
     * @throws IllegalStateException for a classification predictive
     */
    public double[] epistemicStd() {
        return sampled().epistemicStd().clone();
    }

    /**
     * The square root of {@link #aleatoricVariance}, in target units.
     *
     * @return [N], a copy
     * @throws IllegalStateException for a classification predictive
     */
    public double[] aleatoricStd() {
        return sampled().aleatoricStd().clone();
    }

    /**
     * The p-quantile of each input's predictive, the sampled networks' Gaussian mixture: for any interval, e.g.
     * {@code quantile(0.05)} and {@code quantile(0.95)} for a central 90 % one.
     *
     * @param p the probability, 0 &lt; p &lt; 1
     * @return [N], in target units
     * @throws IllegalArgumentException if p is not strictly between 0 and 1
     * @throws IllegalStateException for a classification predictive
     */
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

    /**
     * Every class predictive of the inputs, to compare the sampled one with the method's own.
     *
     * @return the sampled networks' class predictive, then the method's own when it has one
     * @throws IllegalStateException for a regression predictive
     */
    public List<ClassificationPredictive> classificationPredictives() {
        return requireClassification();
    }

    /**
     * The sampled networks' class predictive, which the probability and entropy accessors read.
     *
     * @return the predictive
     * @throws IllegalStateException for a regression predictive
     */
    public ClassificationPredictive sampledClasses() {
        return requireClassification().get(0);
    }

    /**
     * The method's own deterministic class predictive (from Gaussian logits: mean–variance propagation, a
     * linearised network, …).
     *
     * @return the predictive, or empty when sampling is all the method has
     * @throws IllegalStateException for a regression predictive
     */
    public Optional<ClassificationPredictive> ownClasses() {
        List<ClassificationPredictive> all = requireClassification();
        return all.size() > 1 ? Optional.of(all.get(1)) : Optional.empty();
    }

    /**
     * The predictive class probabilities of each input: the mean of the sampled networks' softmax outputs.
     *
     * @return [N][K], each row summing to 1, a copy
     * @throws IllegalStateException for a regression predictive
     */
    public double[][] probabilities() {
        double[][] p = sampledClasses().probabilities();
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i].clone();
        }
        return out;
    }

    /**
     * The predicted class of each input: the most probable under {@link #probabilities()}.
     *
     * @return [N] class indices 0..K-1, a copy
     * @throws IllegalStateException for a regression predictive
     */
    public int[] predicted() {
        return sampledClasses().predicted().clone();
    }

    /**
     * The class names, in the order of the probabilities' columns.
     *
     * @return the K names
     * @throws IllegalStateException for a regression predictive
     */
    public List<String> classNames() {
        return sampledClasses().classNames();
    }

    /**
     * The predictive entropy H(p) of each input, in nats: the total uncertainty, {@link #mutualInformation}
     * (epistemic) + {@link #expectedEntropy} (aleatoric).
     *
     * @return [N], in [0, ln K], a copy
     * @throws IllegalStateException for a regression predictive
     */
    public double[] entropy() {
        return sampledClasses().entropy().clone();
    }

    /**
     * The mutual information H(p) − E H(p_network) of each input, in nats: the epistemic part of the entropy, high
     * where the sampled networks disagree.
     *
     * @return [N], a copy
     * @throws IllegalStateException for a regression predictive
     */
    public double[] mutualInformation() {
        return sampledClasses().mutualInformation().clone();
    }

    /**
     * The networks' expected entropy E H(p_network) of each input, in nats: the aleatoric part of the entropy,
     * high where each network is itself unsure.
     *
     * @return [N]
     * @throws IllegalStateException for a regression predictive
     */
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
