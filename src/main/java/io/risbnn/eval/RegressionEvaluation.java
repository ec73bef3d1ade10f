package io.risbnn.eval;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.metrics.RegressionMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NonFiniteException;
import java.util.Arrays;
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

    /** @param targets test targets in original units, in the order of {@code test} */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, double[] targets,
                                               TargetStandardizer scale, int samples, Objective objective) {
        GaussianLikelihood likelihood = (GaussianLikelihood) model.likelihood();
        boolean hetero = likelihood.heteroscedastic();
        double homoSigma = hetero ? Double.NaN : likelihood.noiseStd() * scale.std();

        double[][][] sampledRaw = Predictive.sampled(model, test, samples);
        double[][] sampled = toOriginal(column(sampledRaw, 0), scale);
        double[][] sampledSigma = hetero ? sigmaFromLogVariance(column(sampledRaw, 1), scale)
                : constant(sampled, homoSigma);
        double rmseSampled = RegressionMetrics.rmse(RegressionMetrics.predictiveMean(sampled), targets);
        double llSampled = RegressionMetrics.mixtureLogLikelihood(sampled, requireUsable(sampledSigma, "sampled noise σ"), targets);

        double[][][] momentRaw = Predictive.moment(model, test);
        double[][] moment = toOriginal(column(momentRaw, 0), scale);
        double[][] momentSigma = hetero ? sigmaFromLogVariance(column(momentRaw, 1), scale) : constant(moment, homoSigma);
        double rmseMoment = RegressionMetrics.rmse(moment[0], targets);
        double llMoment = RegressionMetrics.mixtureLogLikelihood(moment, requireUsable(momentSigma, "first-moment noise σ"), targets);

        Map<String, Double> out = new LinkedHashMap<>();
        Double rmseMeanVar = null;
        Double llMeanVar = null;
        if (objective == Objective.MEAN_VAR) {
            double[][][] mv = Predictive.meanVar(model, test);      // [2][N][out]
            double[] mean = scale.inverse(columnOf(mv[0], 0));
            double[] outputVar = columnOf(mv[1], 0);
            double[] noiseVar = hetero ? expectedExp(columnOf(mv[0], 1), columnOf(mv[1], 1))
                    : filled(mean.length, likelihood.noiseStd() * likelihood.noiseStd());
            double[] sd = new double[mean.length];
            for (int i = 0; i < sd.length; i++) {
                sd[i] = Math.sqrt(noiseVar[i] + outputVar[i]) * scale.std();
            }
            rmseMeanVar = RegressionMetrics.rmse(mean, targets);
            llMeanVar = RegressionMetrics.mixtureLogLikelihood(new double[][] {mean},
                    requireUsable(new double[][] {sd}, "mean-var predictive σ"), targets);
        }
        double ownRmse = objective == Objective.ELBO ? rmseSampled : objective == Objective.MEAN_VAR ? rmseMeanVar : rmseMoment;
        double ownLl = objective == Objective.ELBO ? llSampled : objective == Objective.MEAN_VAR ? llMeanVar : llMoment;
        out.put("rmse", ownRmse);
        out.put("test_ll", ownLl);
        out.put("rmse_sampled", rmseSampled);
        out.put("test_ll_sampled", llSampled);
        out.put("rmse_moment", rmseMoment);
        out.put("test_ll_moment", llMoment);
        if (rmseMeanVar != null) {
            out.put("rmse_meanvar", rmseMeanVar);
            out.put("test_ll_meanvar", llMeanVar);
        }
        out.put("noise_std", hetero ? rootMeanSquare(momentSigma[0]) : homoSigma);
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

    /** σ = √e^{log σ²} in original units. */
    private static double[][] sigmaFromLogVariance(double[][] logVar, TargetStandardizer scale) {
        double[][] out = new double[logVar.length][];
        for (int s = 0; s < logVar.length; s++) {
            out[s] = new double[logVar[s].length];
            for (int i = 0; i < logVar[s].length; i++) {
                out[s][i] = Math.exp(logVar[s][i] / 2) * scale.std();
            }
        }
        return out;
    }

    private static double[] expectedExp(double[] mean, double[] variance) {
        double[] out = new double[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(mean[i] + variance[i] / 2);
        }
        return out;
    }

    private static double[][] constant(double[][] shapeOf, double value) {
        double[][] out = new double[shapeOf.length][];
        for (int s = 0; s < shapeOf.length; s++) {
            out[s] = filled(shapeOf[s].length, value);
        }
        return out;
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        Arrays.fill(out, value);
        return out;
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
