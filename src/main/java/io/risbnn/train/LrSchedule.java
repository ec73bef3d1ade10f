package io.risbnn.train;

import io.risbnn.RisbnnException;

/**
 * Learning rate as a function of the step: constant, step decay (× gamma every {@code stepEpochs}
 * epochs) or cosine annealing from the base rate to 0 over the whole run.
 */
public record LrSchedule(Kind kind, double baseLr, int stepEpochs, double gamma) {
    /**
     * The shape of the schedule: CONSTANT keeps the base rate, STEP multiplies it by gamma every
     * {@code stepEpochs} epochs, COSINE anneals it to 0 over the run.
     */
    public enum Kind {
        /** The base rate throughout. */
        CONSTANT,
        /** The base rate times gamma after every stepEpochs epochs. */
        STEP,
        /** Cosine decay from the base rate towards 0 over the run. */
        COSINE
    }

    /**
     * Validates the schedule.
     *
     * @param kind the schedule's shape
     * @param baseLr the starting learning rate, &gt; 0
     * @param stepEpochs epochs between decays (STEP only, then &gt; 0)
     * @param gamma the decay factor (STEP only, then &gt; 0)
     * @throws RisbnnException if a value is out of range
     */
    public LrSchedule {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new RisbnnException("--lr " + baseLr + ": expected a positive number");
        }
        if (kind == Kind.STEP && (stepEpochs <= 0 || !(gamma > 0))) {
            throw new RisbnnException("--lr-step-epochs/--lr-gamma: expected a positive epoch count and factor for --lr-schedule step");
        }
    }

    /**
     * A schedule by CLI name.
     *
     * @param kind {@code constant}, {@code step} or {@code cosine}; case-insensitive
     * @param baseLr the starting learning rate, &gt; 0
     * @param stepEpochs epochs between decays (for {@code step})
     * @param gamma the decay factor (for {@code step})
     * @return the schedule
     * @throws RisbnnException if {@code kind} is unknown or a value is out of range
     */
    public static LrSchedule parse(String kind, double baseLr, int stepEpochs, double gamma) {
        switch (kind.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "constant":
                return new LrSchedule(Kind.CONSTANT, baseLr, stepEpochs, gamma);
            case "step":
                return new LrSchedule(Kind.STEP, baseLr, stepEpochs, gamma);
            case "cosine":
                return new LrSchedule(Kind.COSINE, baseLr, stepEpochs, gamma);
            default:
                throw new RisbnnException("--lr-schedule '" + kind + "': expected constant, step or cosine");
        }
    }

    /**
     * The rate for a step taken in {@code epoch} (0-based), at {@code step} of {@code totalSteps}.
     *
     * @param epoch the 0-based epoch (STEP)
     * @param step the 0-based step of the run (COSINE)
     * @param totalSteps the run's steps in all (COSINE)
     * @return the learning rate
     */
    public double rate(int epoch, long step, long totalSteps) {
        switch (kind) {
            case STEP:
                return baseLr * Math.pow(gamma, epoch / stepEpochs);
            case COSINE:
                return baseLr * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, step / (double) Math.max(1, totalSteps))));
            default:
                return baseLr;
        }
    }
}
