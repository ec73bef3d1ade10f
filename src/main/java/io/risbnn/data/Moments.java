package io.risbnn.data;

import io.risbnn.RisbnnException;

/** Mean and standard deviation of one column, shared by the two standardizers. */
record Moments(double mean, double std) {
    /**
     * Population statistics (divide by n, as numpy's std in the UCI protocol code). A constant
     * column (all values equal) gets std 1 so standardizing it gives zeros, not NaN.
     */
    static Moments of(double[] values, String what) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on no rows");
        }
        double min = values[0];
        double max = values[0];
        double sum = 0;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        if (min == max) {
            return new Moments(min, 1.0);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / values.length);
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new RisbnnException(what + ": values too large (or NaN) to standardize"
                    + " (expected finite numbers below about 1e150 in magnitude)");
        }
        return new Moments(mean, std);
    }

    /** Validates statistics restored from elsewhere (e.g. a checkpoint). */
    static Moments checked(double mean, double std, String what) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || !(std > 0)) {
            throw new IllegalArgumentException(
                    what + ": expected a finite mean and a positive finite std, got " + mean + ", " + std);
        }
        return new Moments(mean, std);
    }
}
