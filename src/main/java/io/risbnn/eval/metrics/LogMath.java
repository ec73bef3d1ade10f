package io.risbnn.eval.metrics;

/** Numerically stable building blocks shared by the metrics. */
final class LogMath {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private LogMath() {}

    /** log Σ exp(a_i), shifted by the max so that very negative terms don't underflow to -∞. */
    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max) || max == Double.POSITIVE_INFINITY) {
            return max; // all -∞ (or a NaN/+∞ that must propagate); shifting would give NaN
        }
        double sum = 0;
        for (double v : a) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** log N(y; mean, sigma²). */
    static double gaussianLogDensity(double y, double mean, double sigma) {
        double z = (y - mean) / sigma;
        return -0.5 * LOG_2PI - Math.log(sigma) - 0.5 * z * z;
    }

    /** Shannon entropy in nats, with 0·log 0 = 0. */
    static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
