package io.risbnn.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sided paired t-test of per-seed differences (estimator − baseline, both run on the same split):
 * t = mean / SE with n − 1 degrees of freedom. With one pair, or differences that are all equal, the
 * test is undefined and {@link Result#testable()} is false (t and p are NaN) instead of a bogus p.
 */
public final class PairedTest {
    private PairedTest() {}

    /** The outcome: mean and standard error of the differences, t, degrees of freedom, two-sided p. */
    public record Result(double diffMean, double diffSe, double t, int df, double p) {
        /**
         * Whether the test is defined (at least two pairs, differences not all equal).
         *
         * @return false when p is NaN
         */
        public boolean testable() {
            return !Double.isNaN(p);
        }

        /**
         * "better" or "worse" when {@code p < alpha} (which one by the metric's direction), else "no significant
         * difference"; "n/a" when the test is undefined; null for a metric without a known direction.
         *
         * @param direction which way the metric improves
         * @param alpha the significance level, e.g. 0.05
         * @return the verdict, or null
         */
        public String verdict(MetricDirection direction, double alpha) {
            if (direction == MetricDirection.UNKNOWN) {
                return null;
            }
            if (!testable()) {
                return "n/a";
            }
            if (p >= alpha) {
                return "no significant difference";
            }
            return direction.improves(diffMean) ? "better" : "worse";
        }
    }

    /**
     * The test of {@code estimator[i] − baseline[i]}; the arrays are paired by index (seed).
     *
     * @param estimator the estimator's value per seed
     * @param baseline the baseline's value per seed, as many
     * @return the test's outcome
     * @throws IllegalArgumentException if the lengths differ
     */
    public static Result of(double[] estimator, double[] baseline) {
        if (estimator.length != baseline.length) {
            throw new IllegalArgumentException("paired test: " + estimator.length + " values against " + baseline.length);
        }
        double[] diff = new double[estimator.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = estimator[i] - baseline[i];
        }
        return ofDifferences(diff);
    }

    /**
     * The test of given paired differences.
     *
     * @param diff the differences, at least one
     * @return the outcome; t and p NaN when undefined
     */
    public static Result ofDifferences(double[] diff) {
        double mean = Stats.mean(diff);
        double se = Stats.stdErr(diff);
        int df = diff.length - 1;
        if (df < 1 || !(se > 0) || !Double.isFinite(mean)) {
            return new Result(mean, se, Double.NaN, df, Double.NaN);
        }
        double t = mean / se;
        return new Result(mean, se, t, df, twoSidedP(t, df));
    }

    /**
     * P(|T| ≥ |t|) for Student's t with {@code df} degrees of freedom.
     *
     * @param t the statistic
     * @param df the degrees of freedom, ≥ 1
     * @return the two-sided p-value
     */
    public static double twoSidedP(double t, int df) {
        return 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
    }
}
