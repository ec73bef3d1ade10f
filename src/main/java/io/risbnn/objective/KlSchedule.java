package io.risbnn.objective;

/**
 * The factor in front of KL/N_train: klWeight × temperature × warm-up, where warm-up rises linearly
 * over the first {@code warmupSteps} steps as (step+1)/warmupSteps, reaching 1 at step warmupSteps−1
 * (0 = off). A temperature below 1 gives the
 * "cold"/tempered posterior p(D|w)·p(w)^T the poster's tempered MFVI row uses.
 */
public record KlSchedule(double klWeight, double temperature, long warmupSteps) {
    public KlSchedule {
        if (!(klWeight >= 0) || Double.isInfinite(klWeight)) {
            throw new io.risbnn.RisbnnException("--kl-weight " + klWeight + ": expected a number >= 0");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new io.risbnn.RisbnnException("--temperature " + temperature + ": expected a positive number");
        }
        if (warmupSteps < 0) {
            throw new io.risbnn.RisbnnException("--kl-warmup-epochs: expected a number >= 0, got " + warmupSteps + " steps");
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
