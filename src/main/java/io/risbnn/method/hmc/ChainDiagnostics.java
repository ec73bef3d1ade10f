package io.risbnn.method.hmc;

import java.util.ArrayList;
import java.util.List;

/**
 * Convergence figures of MCMC draws of one scalar: the effective sample size from the autocorrelations
 * (Geyer's initial positive sequence: τ = −1 + 2Σ_k Γ_k over the pairs Γ_k = ρ_{2k} + ρ_{2k+1} while
 * positive; ESS = n/τ),
 * and the split R̂ of Gelman et al. (BDA3 §11.4): every chain cut in halves, R̂ = √(((n−1)/n·W + B/n)/W)
 * with W the mean within-half variance and B/n the variance of the half means.
 */
public final class ChainDiagnostics {
    private ChainDiagnostics() {}

    /**
     * ESS of one chain; NaN for fewer than 4 draws, n when the draws are constant.
     *
     * @param x the chain's draws of one scalar, in order
     * @return the effective sample size
     */
    public static double effectiveSampleSize(double[] x) {
        int n = x.length;
        if (n < 4) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double c0 = autocovariance(x, mean, 0);
        if (!(c0 > 0)) {
            return n;
        }
        double pairs = 0;   // Σ_k Γ_k, Γ_k = ρ_{2k} + ρ_{2k+1}, while positive
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = (autocovariance(x, mean, t) + autocovariance(x, mean, t + 1)) / c0;
            if (pair <= 0) {
                break;
            }
            pairs += pair;
        }
        double tau = -1 + 2 * pairs;   // the integrated autocorrelation time 1 + 2Σ_{t≥1} ρ_t
        return n / tau;
    }

    private static double autocovariance(double[] x, double mean, int lag) {
        double s = 0;
        for (int i = 0; i + lag < x.length; i++) {
            s += (x[i] - mean) * (x[i + lag] - mean);
        }
        return s / x.length;
    }

    /**
     * Split R̂ over chains of equal or unequal length (each halved, the middle draw of an odd one dropped).
     *
     * @param chains the draws of one scalar, one array per chain
     * @return R̂; near 1 when the chains agree
     */
    public static double splitRHat(List<double[]> chains) {
        List<double[]> halves = new ArrayList<>();
        for (double[] c : chains) {
            int h = c.length / 2;
            if (h < 2) {
                return Double.NaN;
            }
            halves.add(java.util.Arrays.copyOfRange(c, 0, h));
            halves.add(java.util.Arrays.copyOfRange(c, c.length - h, c.length));
        }
        int n = Integer.MAX_VALUE;
        for (double[] h : halves) {
            n = Math.min(n, h.length);
        }
        int m = halves.size();
        double[] means = new double[m];
        double within = 0;
        for (int j = 0; j < m; j++) {
            double[] h = halves.get(j);
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += h[i];
            }
            mean /= n;
            means[j] = mean;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (h[i] - mean) * (h[i] - mean);
            }
            within += ss / (n - 1);
        }
        within /= m;
        double grand = 0;
        for (double v : means) {
            grand += v;
        }
        grand /= m;
        double betweenOverN = 0;
        for (double v : means) {
            betweenOverN += (v - grand) * (v - grand);
        }
        betweenOverN /= m - 1;
        if (!(within > 0)) {
            return betweenOverN > 0 ? Double.POSITIVE_INFINITY : 1.0;
        }
        return Math.sqrt(((n - 1.0) / n * within + betweenOverN) / within);
    }
}
