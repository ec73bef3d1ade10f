package io.risbnn.eval;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.metrics.RegressionMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NonFiniteException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test RMSE and average test log-likelihood per point, in the target's original units (the UCI
 * protocol): predictions and noise are mapped back with the training targets' statistics, and up to
 * three predictives are reported:
 * <ul>
 *   <li>{@code _sampled}: the posterior predictive of S sampled networks (mixture density via
 *       log-sum-exp);</li>
 *   <li>{@code _moment}: first-moment propagation, N(m, σ²);</li>
 *   <li>{@code _meanvar} (mean-var models): mean–variance propagation, N(m, σ² + v), the propagated
 *       output variance added to the noise.</li>
 * </ul>
 * {@code rmse} and {@code test_ll} repeat the one the model was trained for: sampled under ELBO,
 * first-moment under MOMENT, mean–variance under MEAN_VAR. A heteroscedastic model's noise variance is
 * its second output: e^{f₂} per sampled network, e^{m₂} for the first moment and E e^{f₂} = e^{m₂ + v₂/2}
 * under mean–variance propagation; {@code noise_std} is then the root mean noise variance over the test points.
 */
public final class RegressionEvaluation {
    private RegressionEvaluation() {}

    /**
     * The test metrics of a variational (or MAP) regression model; S networks drawn with a seed from the engine.
     *
     * @param model the trained model
     * @param test the test inputs
     * @param targets test targets in original units, in the order of {@code test}
     * @param scale maps the model's standardised outputs back to original units
     * @param samples S, the sampled networks of the {@code _sampled} predictive
     * @param objective the objective the model was trained under (decides the unsuffixed keys)
     * @return metrics by key, e.g. {@code rmse}, {@code test_ll_sampled}, {@code rmse_moment}
     */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, double[] targets,
                                               TargetStandardizer scale, int samples, Objective objective) {
        return evaluate(new VariationalPosterior(model, objective), test, targets, scale, samples,
                Predictive.drawSeed(model.manager()));
    }

    /**
     * Any method's posterior: {@code _sampled} from S networks drawn with {@code seed}, then one pair of
     * keys per deterministic predictive ({@code rmse_<name>}, {@code test_ll_<name>}); {@code rmse} and
     * {@code test_ll} repeat the posterior's own.
     *
     * @param posterior any method's posterior
     * @param test the test inputs
     * @param targets test targets in original units, in the order of {@code test}
     * @param scale maps standardised outputs back to original units
     * @param samples S, the sampled networks
     * @param seed fixes the S networks
     * @return metrics by key (RMSE in target units, test log-likelihood in nats per example)
     */
    public static Map<String, Double> evaluate(PosteriorOutputs posterior, ExampleSet test, double[] targets,
                                               TargetStandardizer scale, int samples, long seed) {
        NoiseModel noise = posterior.noise();
        double k = scale.std();
        double[][][] sampledRaw = posterior.sampled(test, samples, seed);
        double[][] sampled = toOriginal(column(sampledRaw, 0), scale);
        double[][] sampledSigma = new double[sampledRaw.length][targets.length];
        for (int s = 0; s < sampledRaw.length; s++) {
            for (int i = 0; i < targets.length; i++) {
                sampledSigma[s][i] = Math.sqrt(noise.variance(sampledRaw[s][i])) * k;
            }
        }
        Map<String, double[]> rmseLl = new LinkedHashMap<>();
        rmseLl.put(PosteriorOutputs.SAMPLED, new double[] {
                RegressionMetrics.rmse(RegressionMetrics.predictiveMean(sampled), targets),
                RegressionMetrics.mixtureLogLikelihood(sampled, requireUsable(sampledSigma, "sampled noise σ"), targets)});
        double[] noiseStd = rootMeanSquareBySample(sampledSigma);
        boolean firstGaussian = true;
        for (GaussianOutputs g : posterior.predictives(test)) {
            double[] mean = scale.inverse(columnOf(g.mean(), 0));
            double[] sd = new double[mean.length];
            double[] noiseSd = new double[mean.length];
            for (int i = 0; i < sd.length; i++) {
                double noiseVar = noise.expectedVariance(g.mean()[i], g.variance()[i]);
                noiseSd[i] = Math.sqrt(noiseVar) * k;
                sd[i] = Math.sqrt(noiseVar + g.variance()[i][0]) * k;
            }
            if (firstGaussian) {   // the deterministic predictive's noise, as reported before methods had a seam
                noiseStd = noiseSd;
                firstGaussian = false;
            }
            rmseLl.put(g.name(), new double[] {RegressionMetrics.rmse(mean, targets),
                    RegressionMetrics.mixtureLogLikelihood(new double[][] {mean},
                            requireUsable(new double[][] {sd}, g.name() + " predictive σ"), targets)});
        }
        double[] own = rmseLl.get(posterior.ownPredictive());
        if (own == null) {
            throw new IllegalStateException("posterior's own predictive '" + posterior.ownPredictive() + "' is not among "
                    + rmseLl.keySet());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("rmse", own[0]);
        out.put("test_ll", own[1]);
        rmseLl.forEach((name, v) -> {
            out.put("rmse_" + name, v[0]);
            out.put("test_ll_" + name, v[1]);
        });
        out.put("noise_std", noise.heteroscedastic() ? rootMeanSquare(noiseStd) : noise.homoscedasticStd() * k);
        return out;
    }

    /** Per test point, the root mean over networks of their σ² ([S][N] → [N]). */
    private static double[] rootMeanSquareBySample(double[][] sigma) {
        double[] out = new double[sigma[0].length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (double[] row : sigma) {
                sum += row[i] * row[i];
            }
            out[i] = Math.sqrt(sum / sigma.length);
        }
        return out;
    }

    /** Column c of raw outputs [S][N][out] → [S][N]. */
    private static double[][] column(double[][][] raw, int c) {
        double[][] out = new double[raw.length][];
        for (int s = 0; s < raw.length; s++) {
            out[s] = columnOf(raw[s], c);
        }
        return out;
    }

    private static double[] columnOf(double[][] rows, int c) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    /**
     * An exploding run leaves finite parameters whose exponentials overflow (σ = ∞) or underflow (σ = 0):
     * a training failure the user can act on, not a bug, so it is reported as one.
     */
    private static double[][] requireUsable(double[][] sigma, String what) {
        for (double[] row : sigma) {
            for (double sd : row) {
                if (!(sd > 0) || Double.isInfinite(sd)) {
                    throw NonFiniteException.inEvaluation(what + " (" + sd + ")");
                }
            }
        }
        return sigma;
    }





    private static double rootMeanSquare(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v * v;
        }
        return Math.sqrt(sum / values.length);
    }

    private static double[][] toOriginal(double[][] standardised, TargetStandardizer scale) {
        double[][] out = new double[standardised.length][];
        for (int s = 0; s < standardised.length; s++) {
            out[s] = scale.inverse(standardised[s]);
        }
        return out;
    }
}
