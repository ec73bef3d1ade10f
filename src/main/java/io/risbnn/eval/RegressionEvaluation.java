package io.risbnn.eval;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.metrics.RegressionMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test RMSE and average test log-likelihood per point, in the target's original units (the UCI
 * protocol): predictions and the noise σ are mapped back with the training targets' statistics, and
 * two predictives are reported: the posterior predictive of S sampled networks (mixture density
 * via log-sum-exp; {@code rmse_sampled}, {@code test_ll_sampled}) and first-moment propagation
 * ({@code rmse_moment}, {@code test_ll_moment}). {@code rmse} and {@code test_ll} repeat the one the
 * model was trained for: sampled under ELBO, first-moment under MOMENT.
 */
public final class RegressionEvaluation {
    private RegressionEvaluation() {}

    /** @param targets test targets in original units, in the order of {@code test} */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, double[] targets,
                                               TargetStandardizer scale, int samples, Objective objective) {
        GaussianLikelihood likelihood = (GaussianLikelihood) model.likelihood();
        double sigma = likelihood.noiseStd() * scale.std();
        Map<String, Double> out = new LinkedHashMap<>();
        double[][] sampled = toOriginal(Predictive.firstColumn(Predictive.sampled(model, test, samples)), scale);
        double[] sigmas = new double[sampled.length];
        Arrays.fill(sigmas, sigma);
        double rmseSampled = RegressionMetrics.rmse(RegressionMetrics.predictiveMean(sampled), targets);
        double llSampled = RegressionMetrics.mixtureLogLikelihood(sampled, sigmas, targets);
        double[][] moment = toOriginal(Predictive.firstColumn(Predictive.moment(model, test)), scale);
        double rmseMoment = RegressionMetrics.rmse(moment[0], targets);
        double llMoment = RegressionMetrics.mixtureLogLikelihood(moment, new double[] {sigma}, targets);
        boolean sampledIsOwn = objective == Objective.ELBO;
        out.put("rmse", sampledIsOwn ? rmseSampled : rmseMoment);
        out.put("test_ll", sampledIsOwn ? llSampled : llMoment);
        out.put("rmse_sampled", rmseSampled);
        out.put("test_ll_sampled", llSampled);
        out.put("rmse_moment", rmseMoment);
        out.put("test_ll_moment", llMoment);
        out.put("noise_std", sigma);
        return out;
    }

    private static double[][] toOriginal(double[][] standardised, TargetStandardizer scale) {
        double[][] out = new double[standardised.length][];
        for (int s = 0; s < standardised.length; s++) {
            out[s] = scale.inverse(standardised[s]);
        }
        return out;
    }
}
