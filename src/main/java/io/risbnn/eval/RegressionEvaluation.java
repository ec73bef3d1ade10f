package io.risbnn.eval;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.metrics.RegressionMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.train.ExampleSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test RMSE and average test log-likelihood per point, in the target's original units (the UCI
 * protocol): predictions and the noise σ are mapped back with the training targets' statistics, and
 * the predictive density is the mixture over S sampled networks (log-sum-exp). Also reports the
 * same two figures for first-moment prediction ({@code rmse_moment}, {@code test_ll_moment}).
 */
public final class RegressionEvaluation {
    private RegressionEvaluation() {}

    /** @param targets test targets in original units, in the order of {@code test} */
    public static Map<String, Double> evaluate(BayesianModel model, ExampleSet test, double[] targets,
                                               TargetStandardizer scale, int samples) {
        GaussianLikelihood likelihood = (GaussianLikelihood) model.likelihood();
        double sigma = likelihood.noiseStd() * scale.std();
        Map<String, Double> out = new LinkedHashMap<>();
        double[][] sampled = toOriginal(Predictive.firstColumn(Predictive.sampled(model, test, samples)), scale);
        double[] sigmas = new double[sampled.length];
        Arrays.fill(sigmas, sigma);
        out.put("rmse", RegressionMetrics.rmse(RegressionMetrics.predictiveMean(sampled), targets));
        out.put("test_ll", RegressionMetrics.mixtureLogLikelihood(sampled, sigmas, targets));
        double[][] moment = toOriginal(Predictive.firstColumn(Predictive.moment(model, test)), scale);
        out.put("rmse_moment", RegressionMetrics.rmse(moment[0], targets));
        out.put("test_ll_moment", RegressionMetrics.mixtureLogLikelihood(moment, new double[] {sigma}, targets));
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
