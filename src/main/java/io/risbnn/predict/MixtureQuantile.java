package io.risbnn.predict;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * Quantiles of an equal-weight mixture of Gaussians (1/S) Σ N(μ_s, σ_s²), the predictive of S
 * sampled regression networks, by bisection on its CDF (monotone, so bisection cannot fail). One
 * Gaussian has the closed form μ + σ Φ⁻¹(p).
 */
public final class MixtureQuantile {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static final int ITERATIONS = 200;

    private MixtureQuantile() {}

    /**
     * The p-quantile, 0 &lt; p &lt; 1; all σ_s must be positive.
     *
     * @param means the components' means μ_s
     * @param sigmas the components' standard deviations σ_s, &gt; 0
     * @param p the probability, in (0, 1)
     * @return x with (1/S) Σ Φ((x − μ_s)/σ_s) = p
     */
    public static double of(double[] means, double[] sigmas, double p) {
        if (means.length == 1) {
            return means[0] + sigmas[0] * STANDARD.inverseCumulativeProbability(p);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double z = Math.abs(STANDARD.inverseCumulativeProbability(Math.min(p, 1 - p))) + 1;
        for (int s = 0; s < means.length; s++) {
            lo = Math.min(lo, means[s] - z * sigmas[s]);
            hi = Math.max(hi, means[s] + z * sigmas[s]);
        }
        // every component has at least mass p below hi and at most p below lo, so the quantile is inside
        for (int i = 0; i < ITERATIONS && hi - lo > 1e-12 * Math.max(1, Math.abs(lo) + Math.abs(hi)); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(means, sigmas, mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The mixture's CDF at x.
     *
     * @param means the components' means μ_s
     * @param sigmas the components' standard deviations σ_s, &gt; 0
     * @param x the point
     * @return (1/S) Σ Φ((x − μ_s)/σ_s)
     */
    public static double cdf(double[] means, double[] sigmas, double x) {
        double sum = 0;
        for (int s = 0; s < means.length; s++) {
            sum += 0.5 * Erf.erfc(-(x - means[s]) / (sigmas[s] * Math.sqrt(2)));
        }
        return sum / means.length;
    }

    /**
     * Φ⁻¹(p) of the standard normal.
     *
     * @param p the probability, in (0, 1)
     * @return the standard normal quantile
     */
    public static double standardQuantile(double p) {
        return STANDARD.inverseCumulativeProbability(p);
    }
}
