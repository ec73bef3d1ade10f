package io.risbnn.report;

/**
 * Summary statistics over repeated runs (seeds, splits) for reporting {@code mean ± se}.
 */
public final class Stats {
    private Stats() {}

    /** Mean and standard error of a set of repeated measurements. */
    public record MeanSe(double mean, double se, int n) {
        /**
         * Mean, standard error and count of {@code values}.
         *
         * @param values at least one value
         * @return the summary
         */
        public static MeanSe of(double[] values) {
            return new MeanSe(Stats.mean(values), Stats.stdErr(values), values.length);
        }

        /**
         * {@code "mean ± se"} with {@code digits} decimals.
         *
         * @param digits decimals, ≥ 0
         * @return the formatted text
         */
        public String format(int digits) {
            return MarkdownTable.meanSe(mean, se, digits);
        }
    }

    /**
     * Arithmetic mean; throws IllegalArgumentException for an empty array.
     *
     * @param values at least one value
     * @return the mean
     */
    public static double mean(double[] values) {
        requireNonEmpty(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Sample standard deviation (divisor n−1); 0 for a single value.
     *
     * @param values at least one value
     * @return the standard deviation
     */
    public static double std(double[] values) {
        requireNonEmpty(values);
        int n = values.length;
        if (n == 1) {
            return 0.0;
        }
        // Two-pass with correction term: avoids the cancellation of the sum-of-squares formula.
        double mean = mean(values);
        double sq = 0;
        double comp = 0;
        for (double v : values) {
            double d = v - mean;
            sq += d * d;
            comp += d;
        }
        double var = (sq - comp * comp / n) / (n - 1);
        return Math.sqrt(Math.max(var, 0.0));
    }

    /**
     * Standard error of the mean, {@code std / sqrt(n)}; 0 for a single value.
     *
     * @param values at least one value
     * @return the standard error
     */
    public static double stdErr(double[] values) {
        return std(values) / Math.sqrt(values.length);
    }

    private static void requireNonEmpty(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("statistics of an empty array are undefined");
        }
    }
}
