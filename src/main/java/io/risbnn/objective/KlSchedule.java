package io.risbnn.objective;

/**
 * The factor in front of KL/N_train: klWeight × temperature × warm-up, where warm-up rises linearly
 * from 0 to 1 over the first {@code warmupSteps} steps (0 = off). A temperature below 1 gives the
 * "cold"/tempered posterior p(D|w)·p(w)^T the poster's tempered MFVI row uses.
 */
public record KlSchedule(double klWeight, double temperature, long warmupSteps) {
    public KlSchedule {
        if (!(klWeight >= 0) || Double.isInfinite(klWeight)) {
            throw new IllegalArgumentException("kl weight must be a number >= 0, got " + klWeight);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
    }

    public static KlSchedule standard() {
        return new KlSchedule(1.0, 1.0, 0);
    }

    public double factor(long step) {
        double warm = warmupSteps == 0 ? 1.0 : Math.min(1.0, (step + 1.0) / warmupSteps);
        return klWeight * temperature * warm;
    }
}
