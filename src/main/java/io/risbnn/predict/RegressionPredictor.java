package io.risbnn.predict;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Regression predictives of a posterior for new inputs, in the target's original units:
 * <ul>
 *   <li>{@code sampled}: the mixture (1/S) Σ N(μ_s, σ_s²) of S networks; epistemic variance
 *       Var_s μ_s, aleatoric E_s σ_s², interval from the mixture's quantiles;</li>
 *   <li>the method's own (if any): N(m, v + E σ²), epistemic v, aleatoric E σ².</li>
 * </ul>
 */
public final class RegressionPredictor {
    private final PosteriorOutputs posterior;
    private final NoiseModel noise;
    private final TargetStandardizer scale;

    /**
     * A predictor of a trained regression model's posterior.
     *
     * @param posterior any method's posterior
     * @param noise how the outputs carry the noise
     * @param scale maps standardised outputs back to the target's units
     */
    public RegressionPredictor(PosteriorOutputs posterior, NoiseModel noise, TargetStandardizer scale) {
        this.posterior = posterior;
        this.noise = noise;
        this.scale = scale;
    }

    /**
     * The sampled predictive first, then the method's own when it has one.
     *
     * @param inputs the N inputs
     * @param samples S, the sampled networks, ≥ 1
     * @param seed fixes the S networks
     * @param level the central interval's level, in (0, 1)
     * @return one or two predictives
     * @throws IllegalArgumentException if {@code level} is outside (0, 1)
     */
    public List<RegressionPredictive> predict(ExampleSet inputs, int samples, long seed, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1): " + level);
        }
        List<RegressionPredictive> out = new ArrayList<>();
        out.add(sampled(posterior.sampled(inputs, samples, seed), level));
        Optional<GaussianOutputs> own = posterior.own(inputs);
        own.ifPresent(g -> out.add(gaussian(g, level)));
        return out;
    }

    /**
     * Each predictive at several interval levels from one set of network outputs (the networks are
     * drawn once): index [predictive][level], predictives in the order of {@link #predict}.
     *
     * @param inputs the N inputs
     * @param samples S, the sampled networks, ≥ 1
     * @param seed fixes the S networks
     * @param levels the interval levels, each in (0, 1)
     * @return the predictives per level
     */
    public List<List<RegressionPredictive>> atLevels(ExampleSet inputs, int samples, long seed, double[] levels) {
        double[][][] outputs = posterior.sampled(inputs, samples, seed);
        Optional<GaussianOutputs> own = posterior.own(inputs);
        List<RegressionPredictive> sampled = new ArrayList<>();
        List<RegressionPredictive> gaussian = new ArrayList<>();
        for (double level : levels) {
            sampled.add(sampled(outputs, level));
            own.ifPresent(g -> gaussian.add(gaussian(g, level)));
        }
        return own.isPresent() ? List.of(sampled, gaussian) : List.of(sampled);
    }

    /**
     * The mixture predictive of S networks' raw outputs.
     *
     * @param outputs raw outputs [S][N][out] in standardised units
     * @param level the central interval's level, in (0, 1)
     * @return the {@code sampled} predictive in original units
     */
    public RegressionPredictive sampled(double[][][] outputs, double level) {
        int s = outputs.length;
        int n = outputs[0].length;
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] epistemic = new double[n];
        double[] aleatoric = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] mus = new double[s];
        double[] sigmas = new double[s];
        double k = scale.std();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double noiseSum = 0;
            for (int j = 0; j < s; j++) {
                mus[j] = scale.inverse(outputs[j][i][0]);
                double v = noise.variance(outputs[j][i]) * k * k;
                sigmas[j] = Math.sqrt(v);
                sum += mus[j];
                noiseSum += v;
            }
            mean[i] = sum / s;
            double spread = 0;
            for (int j = 0; j < s; j++) {
                spread += (mus[j] - mean[i]) * (mus[j] - mean[i]);
            }
            epistemic[i] = Math.sqrt(spread / s);
            aleatoric[i] = Math.sqrt(noiseSum / s);
            std[i] = Math.sqrt(spread / s + noiseSum / s);
            lower[i] = MixtureQuantile.of(mus, sigmas, (1 - level) / 2);
            upper[i] = MixtureQuantile.of(mus, sigmas, (1 + level) / 2);
        }
        return new RegressionPredictive("sampled", level, mean, std, epistemic, aleatoric, lower, upper);
    }

    /**
     * The predictive N(m, v + E σ²) of a deterministic Gaussian over the outputs.
     *
     * @param g the method's own predictive, in standardised units
     * @param level the central interval's level, in (0, 1)
     * @return the predictive named {@code g.name()}, in original units
     */
    public RegressionPredictive gaussian(GaussianOutputs g, double level) {
        int n = g.mean().length;
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] epistemic = new double[n];
        double[] aleatoric = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        double z = MixtureQuantile.standardQuantile((1 + level) / 2);
        double k = scale.std();
        for (int i = 0; i < n; i++) {
            mean[i] = scale.inverse(g.mean()[i][0]);
            double outputVar = g.variance()[i][0] * k * k;
            double noiseVar = noise.expectedVariance(g.mean()[i], g.variance()[i]) * k * k;
            epistemic[i] = g.hasEpistemicPart() ? Math.sqrt(outputVar) : Double.NaN;
            aleatoric[i] = Math.sqrt(noiseVar);
            std[i] = Math.sqrt(outputVar + noiseVar);
            lower[i] = mean[i] - z * std[i];
            upper[i] = mean[i] + z * std[i];
        }
        return new RegressionPredictive(g.name(), level, mean, std, epistemic, aleatoric, lower, upper);
    }
}
