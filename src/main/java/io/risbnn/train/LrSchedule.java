package io.risbnn.train;

import io.risbnn.RisbnnException;

/**
 * Learning rate as a function of the step: constant, step decay (× gamma every {@code stepEpochs}
 * epochs) or cosine annealing from the base rate to 0 over the whole run.
 */
public record LrSchedule(Kind kind, double baseLr, int stepEpochs, double gamma) {
    public enum Kind { CONSTANT, STEP, COSINE }

    public LrSchedule {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new RisbnnException("--lr " + baseLr + ": expected a positive number");
        }
        if (kind == Kind.STEP && (stepEpochs <= 0 || !(gamma > 0))) {
            throw new RisbnnException("--lr-step-epochs/--lr-gamma: expected a positive epoch count and factor for --lr-schedule step");
        }
    }

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

    /** The rate for a step taken in {@code epoch} (0-based), at {@code step} of {@code totalSteps}. */
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
