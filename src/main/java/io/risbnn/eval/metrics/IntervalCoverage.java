package io.risbnn.eval.metrics;

/**
 * Observed coverage of predictive intervals: the fraction of targets inside each example's interval
 * (bounds included). A calibrated predictive covers about {@code level} of the targets with its central
 * interval of that level.
 */
public final class IntervalCoverage {
    private IntervalCoverage() {}

    /**
     * The nominal levels 0.05, 0.10, …, 0.95 of a coverage plot.
     *
     * @return the 19 levels, ascending (a fresh array)
     */
    public static double[] standardLevels() {
        double[] levels = new double[19];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = (k + 1) / 20.0;
        }
        return levels;
    }

    /**
     * Fraction of i with lower[i] ≤ truth[i] ≤ upper[i].
     *
     * @param truth the observed values [N]
     * @param lower the intervals' lower bounds [N]
     * @param upper the intervals' upper bounds [N]
     * @return the empirical coverage in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double ofBounds(double[] truth, double[] lower, double[] upper) {
        Shapes.requireNonEmpty(truth.length, "truth");
        Shapes.requireSameLength(truth.length, "truth", lower.length, "lower");
        Shapes.requireSameLength(truth.length, "truth", upper.length, "upper");
        int inside = 0;
        for (int i = 0; i < truth.length; i++) {
            if (lower[i] <= truth[i] && truth[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / truth.length;
    }

    /**
     * Coverage of the central interval mean ± z·std of Gaussian predictives N(mean, std²) at one level.
     *
     * @param truth the observed values [N]
     * @param mean the predictive means [N]
     * @param std the predictive standard deviations [N]
     * @param level the nominal coverage, in (0, 1)
     * @return the empirical coverage in [0, 1]
     */
    public static double gaussian(double[] truth, double[] mean, double[] std, double level) {
        return gaussian(truth, mean, std, new double[] {level})[0];
    }

    /**
     * Coverage of the Gaussian central intervals at each level.
     *
     * @param truth the observed values [N]
     * @param mean the predictive means [N]
     * @param std the predictive standard deviations [N]
     * @param levels the nominal coverages, each in (0, 1)
     * @return the empirical coverage at each level
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double[] gaussian(double[] truth, double[] mean, double[] std, double[] levels) {
        Shapes.requireNonEmpty(truth.length, "truth");
        Shapes.requireSameLength(truth.length, "truth", mean.length, "mean");
        Shapes.requireSameLength(truth.length, "truth", std.length, "std");
        // |y − m| / s ≤ z is the same test as m − z·s ≤ y ≤ m + z·s, computed once per example
        double[] distance = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            if (!(std[i] >= 0)) {
                throw new IllegalArgumentException("std[" + i + "] = " + std[i] + " (expected >= 0)");
            }
            double miss = Math.abs(truth[i] - mean[i]);
            distance[i] = miss == 0 ? 0 : miss / std[i];   // a zero-width interval holds only its centre
        }
        double[] coverage = new double[levels.length];
        for (int k = 0; k < levels.length; k++) {
            double z = StandardNormal.centralZ(levels[k]);
            int inside = 0;
            for (double d : distance) {
                if (d <= z) {
                    inside++;
                }
            }
            coverage[k] = (double) inside / truth.length;
        }
        return coverage;
    }
}
