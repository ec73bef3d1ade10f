package io.risbnn.method.swag;

import io.risbnn.RisbnnException;
import java.util.Locale;

/**
 * Options of SWAG and SWAG-diagonal (Maddox et al. 2019).
 *
 * @param startEpoch first epoch (0-based) of the SWAG phase, whose iterates are collected and whose
 *     learning rate is SWAG's; -1: half of the run's epochs ({@code --swag-start})
 * @param lr the SWAG phase's learning rate: the constant rate, or the high end of a cyclic one; -1: the
 *     run's base {@code --lr}
 * @param rank K, the number of most recent deviations kept as the low-rank part D (ignored by swag-diag;
 *     20 in the paper)
 * @param collectEverySteps collect every this many optimiser steps of the SWAG phase; 0: once per epoch,
 *     at its end (the paper's choice). Under the cyclic schedule this is also the cycle length.
 * @param scale the sampling scale: θ̃ = θ̄ + √scale·(Σ_diag^½ z₁ + D z₂/√(K−1)) as in the reference
 *     code; 0.5 reproduces the paper's ½(Σ_diag + DDᵀ/(K−1)). A value ≤ 0 means the method's default:
 *     0.5 for swag, 1 for swag-diag (the paper's N(θ_SWA, Σ_diag))
 * @param schedule {@code constant} (the paper's) or {@code cyclic}: per cycle (one epoch, or
 *     collectEverySteps steps) the rate falls linearly from lr to lr·{@value Swag#CYCLIC_LOW_FACTOR}, and the
 *     iterate is collected at the cycle's end (SWA, Izmailov et al. 2018)
 * @param batchNormUpdate recompute BatchNorm running statistics on the training data for every sampled
 *     network and for the SWA mean (the paper's practice); no effect on networks without BatchNorm
 */
public record SwagOptions(int startEpoch, double lr, int rank, int collectEverySteps, double scale, String schedule,
                          boolean batchNormUpdate) {
    /** The paper's constant learning rate in the SWAG phase. */
    public static final String CONSTANT = "constant";
    /** A cyclic learning rate, collecting at each cycle's end. */
    public static final String CYCLIC = "cyclic";

    /**
     * The defaults: start at half the epochs, the run's learning rate, K = 20, collect once per epoch,
     * the method's default scale, constant schedule, BatchNorm update on.
     *
     * @return the default options
     */
    public static SwagOptions defaults() {
        return new SwagOptions(-1, -1, 20, 0, -1, CONSTANT, true);
    }

    /**
     * Normalises the schedule's name and validates the options.
     *
     * @param startEpoch first epoch of the SWAG phase, or -1
     * @param lr the SWAG phase's learning rate, or -1
     * @param rank K, ≥ 2
     * @param collectEverySteps ≥ 0
     * @param scale the sampling scale, finite
     * @param schedule {@code constant} or {@code cyclic} (null: constant)
     * @param batchNormUpdate recompute BatchNorm statistics per sampled network
     * @throws RisbnnException if a value is out of range
     */
    public SwagOptions {
        schedule = schedule == null ? CONSTANT : schedule.trim().toLowerCase(Locale.ROOT);
        if (!schedule.equals(CONSTANT) && !schedule.equals(CYCLIC)) {
            throw new RisbnnException("--swag-schedule '" + schedule + "': expected constant or cyclic");
        }
        if (rank < 2) {
            throw new RisbnnException("--swag-rank " + rank + ": expected an integer >= 2");
        }
        if (collectEverySteps < 0) {
            throw new RisbnnException("--swag-collect-every " + collectEverySteps + ": expected 0 (per epoch) or a positive step count");
        }
        if (startEpoch < -1) {
            throw new RisbnnException("--swag-start " + startEpoch + ": expected an epoch >= 0, or -1 for half of the epochs");
        }
        if (!(lr > 0) && lr != -1 || Double.isInfinite(lr)) {
            throw new RisbnnException("--swag-lr " + lr + ": expected a positive number, or -1 for the run's --lr");
        }
        if (Double.isNaN(scale) || Double.isInfinite(scale)) {
            throw new RisbnnException("--swag-scale " + scale + ": expected a positive number, or <= 0 for the method's default");
        }
    }

    /**
     * The first epoch of the SWAG phase for a run of {@code epochs}.
     *
     * @param epochs the run's epochs
     * @return {@code startEpoch}, or epochs/2 when it is -1
     */
    public int startEpoch(int epochs) {
        return startEpoch < 0 ? epochs / 2 : startEpoch;
    }

    /**
     * The sampling scale of swag ({@code full}) or swag-diag.
     *
     * @param full true for swag, false for swag-diag
     * @return {@code scale} if positive, else 0.5 for swag and 1 for swag-diag
     */
    public double scale(boolean full) {
        return scale > 0 ? scale : full ? 0.5 : 1.0;
    }
}
