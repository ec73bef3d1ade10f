package io.risbnn.objective;

/**
 * The factor in front of KL/N_train: klWeight × temperature × warm-up, where warm-up rises linearly
 * over the first {@code warmupSteps} steps as (step+1)/warmupSteps, reaching 1 at step warmupSteps−1
 * (0 = off). A temperature below 1 gives the
 * "cold"/tempered posterior p(D|w)·p(w)^T the poster's tempered MFVI row uses.
 *
 * @param klWeight a constant factor on the KL term, ≥ 0 (1 for the ELBO)
 * @param temperature T, &gt; 0 (1 for the ELBO)
 * @param warmupSteps optimiser steps of linear KL warm-up, ≥ 0 (0: none)
 */
public record KlSchedule(double klWeight, double temperature, long warmupSteps) {
    /**
     * Validates the factors.
     *
     * @param klWeight a constant factor on the KL term, ≥ 0 and finite
     * @param temperature T, &gt; 0 and finite
     * @param warmupSteps steps of warm-up, ≥ 0
     * @throws io.risbnn.RisbnnException if a value is out of range
     */
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

    /**
     * The plain ELBO: weight 1, temperature 1, no warm-up.
     *
     * @return the standard schedule
     */
    public static KlSchedule standard() {
        return new KlSchedule(1.0, 1.0, 0);
    }

    /**
     * The factor in front of KL/N_train at an optimiser step.
     *
     * @param step the 0-based optimiser step
     * @return klWeight × temperature × min(1, (step + 1)/warmupSteps)
     */
    public double factor(long step) {
        double warm = warmupSteps == 0 ? 1.0 : Math.min(1.0, (step + 1.0) / warmupSteps);
        return klWeight * temperature * warm;
    }
}
