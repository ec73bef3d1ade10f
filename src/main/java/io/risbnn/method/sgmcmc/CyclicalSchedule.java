package io.risbnn.method.sgmcmc;

/**
 * cSG-MCMC's step size (Zhang et al. 2020, eq. 1): within each of M cycles of ⌈K/M⌉ steps,
 * lr_k = lr₀/2 · (cos(π·r_k) + 1) with r_k the position in the cycle in [0, 1); the first β of a cycle
 * explores (no noise), the rest samples. A constant schedule keeps lr₀ and only splits the phases.
 * Samples are collected by epoch (a cycle should span several epochs; it need not be whole epochs): in
 * the last {@code samplesPerCycle} epochs of each cycle, when the
 * epoch's last step is in the sampling phase.
 */
public final class CyclicalSchedule {
    private final SgmcmcOptions options;
    private final long totalSteps;
    private final long stepsPerCycle;

    /**
     * The schedule of a run.
     *
     * @param options cycles, exploration fraction, samples per cycle and schedule kind
     * @param totalSteps K, the run's steps in all
     */
    public CyclicalSchedule(SgmcmcOptions options, long totalSteps) {
        this.options = options;
        this.totalSteps = totalSteps;
        this.stepsPerCycle = Math.max(1, (totalSteps + options.cycles() - 1) / options.cycles());
    }

    /**
     * r_k ∈ [0, 1): where step k (0-based) stands in its cycle.
     *
     * @param step k, 0-based
     * @return r_k
     */
    public double position(long step) {
        return (double) (step % stepsPerCycle) / stepsPerCycle;
    }

    /**
     * The step size of step k: lr₀/2 · (cos(π r_k) + 1), or lr₀ under the constant schedule.
     *
     * @param lr0 the run's base rate
     * @param step k, 0-based
     * @return the learning rate
     */
    public double rate(double lr0, long step) {
        if (options.schedule().equals(SgmcmcOptions.CONSTANT)) {
            return lr0;
        }
        return lr0 / 2 * (Math.cos(Math.PI * position(step)) + 1);
    }

    /**
     * Whether step k adds SGHMC's noise (the sampling phase of its cycle).
     *
     * @param step k, 0-based
     * @return true if r_k ≥ β
     */
    public boolean sampling(long step) {
        return position(step) >= options.exploration();
    }

    /**
     * Whether the epoch ending at step {@code lastStep} (0-based, inclusive) yields a sample.
     *
     * @param lastStep the epoch's last step
     * @param stepsPerEpoch steps in one epoch
     * @return true to keep the network as a sample
     */
    public boolean collects(long lastStep, long stepsPerEpoch) {
        if (!sampling(lastStep)) {
            return false;
        }
        long cycleEnd = Math.min(totalSteps, (lastStep / stepsPerCycle + 1) * stepsPerCycle) - 1;
        long epochsToCycleEnd = (cycleEnd - lastStep) / stepsPerEpoch;
        return epochsToCycleEnd < options.samplesPerCycle();
    }
}
