package io.risbnn.method.hmc;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares MCMC draws with a known mean and covariance: every mean and covariance entry as a z-score,
 * its standard error from the series' own variance over its effective sample size (autocorrelation ESS
 * of {@link ChainDiagnostics}), so a correlated chain is not held to an independent sample's precision.
 */
final class MomentCheck {
    private MomentCheck() {}

    /** The z-scores of every mean and every covariance entry (i ≤ j), with a description each. */
    static List<String> failures(double[][] draws, double[] mean, double[][] covariance, double zLimit) {
        int n = draws.length;
        int d = mean.length;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            double[] x = new double[n];
            for (int s = 0; s < n; s++) {
                x[s] = draws[s][i];
            }
            check(out, "mean " + i, x, mean[i], zLimit);
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double[] x = new double[n];
                for (int s = 0; s < n; s++) {
                    x[s] = (draws[s][i] - mean[i]) * (draws[s][j] - mean[j]);   // about the exact mean: unbiased
                }
                check(out, "cov " + i + "," + j, x, covariance[i][j], zLimit);
            }
        }
        return out;
    }

    private static void check(List<String> out, String what, double[] x, double expected, double zLimit) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - m) * (v - m);
        }
        var /= x.length - 1;
        double ess = ChainDiagnostics.effectiveSampleSize(x);
        double se = Math.sqrt(var / ess);
        double z = (m - expected) / se;
        if (!(Math.abs(z) <= zLimit)) {
            out.add(String.format(java.util.Locale.ROOT, "%s: %.4f vs %.4f (z %.1f, ESS %.0f)", what, m, expected, z, ess));
        }
    }
}
