package io.risbnn.predict;

/**
 * How to predict: S networks sampled from the posterior (seeded by {@code seed}), and the central
 * interval level of regression predictives.
 */
public record PredictOptions(int samples, long seed, double interval) {
    public static final int DEFAULT_SAMPLES = 100;
    public static final double DEFAULT_INTERVAL = 0.95;

    public PredictOptions {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1: " + samples);
        }
        if (!(interval > 0 && interval < 1)) {
            throw new IllegalArgumentException("interval must be in (0, 1): " + interval);
        }
    }

    public static PredictOptions defaults() {
        return new PredictOptions(DEFAULT_SAMPLES, 0, DEFAULT_INTERVAL);
    }
}
