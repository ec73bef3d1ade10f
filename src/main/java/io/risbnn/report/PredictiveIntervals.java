package io.risbnn.report;

import io.risbnn.eval.metrics.StandardNormal;
import java.util.Locale;

/**
 * A regression predictive as drawn by the regression plots: per example the predictive mean and an
 * interval [lower, upper], with how the legend describes the interval.
 */
record PredictiveIntervals(double[] mean, double[] lower, double[] upper, String description) {

    /** The central interval of probability {@code level} of N(mean, std²): mean ± z·std. */
    static PredictiveIntervals gaussian(String series, double[] mean, double[] std, double level) {
        requireLength(series, "std", std.length, mean.length);
        double z = StandardNormal.centralZ(level);
        double[] lower = new double[mean.length];
        double[] upper = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            if (!(std[i] >= 0)) {
                throw new IllegalArgumentException("series '" + series + "': std[" + i + "] = " + std[i] + " (expected >= 0)");
            }
            lower[i] = mean[i] - z * std[i];
            upper[i] = mean[i] + z * std[i];
        }
        return new PredictiveIntervals(mean.clone(), lower, upper,
                String.format(Locale.ROOT, "%.0f%% interval, ±%.2fσ", 100 * level, z));
    }

    /** Given bounds, e.g. quantiles of sampled predictions; {@code description} names them in the legend. */
    static PredictiveIntervals bounds(String series, double[] mean, double[] lower, double[] upper, String description) {
        requireLength(series, "lower", lower.length, mean.length);
        requireLength(series, "upper", upper.length, mean.length);
        for (int i = 0; i < mean.length; i++) {
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("series '" + series + "': lower[" + i + "] = " + lower[i]
                        + " > upper[" + i + "] = " + upper[i]);
            }
        }
        return new PredictiveIntervals(mean.clone(), lower.clone(), upper.clone(), description);
    }

    static void requireLength(String series, String what, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("series '" + series + "': " + what + " has " + length
                    + " values, expected " + expected);
        }
    }

    int size() {
        return mean.length;
    }
}
