package io.risbnn.predict;

/**
 * How to predict: S networks sampled from the posterior (seeded by {@code seed}), and the central
 * interval level of regression predictives.
 *
 * @param samples S, the sampled networks, ≥ 1
 * @param seed fixes the S networks
 * @param interval the central interval's level, in (0, 1)
 */
public record PredictOptions(int samples, long seed, double interval) {
    /** S when not given. */
    public static final int DEFAULT_SAMPLES = 100;
    /** The interval level when not given. */
    public static final double DEFAULT_INTERVAL = 0.95;

    /**
     * Validates the options.
     *
     * @param samples S, ≥ 1
     * @param seed fixes the S networks
     * @param interval the central interval's level, in (0, 1)
     * @throws IllegalArgumentException if {@code samples} &lt; 1 or {@code interval} is outside (0, 1)
     */
    public PredictOptions {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1: " + samples);
        }
        if (!(interval > 0 && interval < 1)) {
            throw new IllegalArgumentException("interval must be in (0, 1): " + interval);
        }
    }

    /**
     * 100 networks, seed 0, 95 % intervals.
     *
     * @return the default options
     */
    public static PredictOptions defaults() {
        return new PredictOptions(DEFAULT_SAMPLES, 0, DEFAULT_INTERVAL);
    }
}
