package io.risbnn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a training run is, in full: together with the parameters and the optimiser state it is all a
 * checkpoint needs to continue a run exactly, because every random draw is a function of (seed, step)
 * or (seed, epoch) (see {@link Seeds}). Serialised as JSON in the checkpoint header.
 */
public final class TrainingState {
    /** Epoch in progress (0-based); equals the configured epoch count when training is complete. */
    int epoch;
    /** Steps finished within {@link #epoch}. */
    int stepInEpoch;
    /** Steps finished in total. */
    long step;
    /** Running sums of the epoch in progress. */
    double sumLoss;
    double sumNll;
    double sumKl;
    double sumKlTerm;
    long taken;
    long skipped;
    double seconds;
    Map<String, Double> ess = new LinkedHashMap<>();
    /** Loss of every step taken so far (the training trace); stored as a tensor, not in the JSON header. */
    transient List<Double> stepLosses = new ArrayList<>();
    /** The NLL part of every step's loss (Figure 1 without the KL term, which dominates the loss). */
    transient List<Double> stepNlls = new ArrayList<>();
    /** Whether the method's post-hoc fit ({@code InferenceMethod.finish}) ran after the last epoch. */
    boolean methodFinished;
    /** Metrics of every finished epoch, as written to metrics.jsonl. */
    List<EpochMetrics> history = new ArrayList<>();

    /**
     * The epoch in progress (0-based); the configured epoch count once training is complete.
     *
     * @return the epoch
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Steps finished in total.
     *
     * @return the step count
     */
    public long step() {
        return step;
    }

    /**
     * Loss of every step taken so far (the training trace).
     *
     * @return the live list
     */
    public List<Double> stepLosses() {
        return stepLosses;
    }

    /**
     * The NLL part of every step's loss.
     *
     * @return the live list
     */
    public List<Double> stepNlls() {
        return stepNlls;
    }

    /**
     * Metrics of every finished epoch, as written to metrics.jsonl.
     *
     * @return the live list
     */
    public List<EpochMetrics> history() {
        return history;
    }

    /**
     * Restores the trace after the JSON header was read (transient fields come back null).
     *
     * @param losses every step's loss
     * @param nlls every step's NLL part
     */
    public void setStepLosses(List<Double> losses, List<Double> nlls) {
        stepLosses = new ArrayList<>(losses);
        stepNlls = new ArrayList<>(nlls);
    }

    /**
     * The state the next ensemble member starts from: step 0 of epoch 0, with the finished members'
     * epochs and step traces kept, so a run's history is all its members' in order.
     *
     * @return the new state
     */
    public TrainingState nextMember() {
        TrainingState next = new TrainingState();
        next.history.addAll(history);
        next.stepLosses.addAll(stepLosses);
        next.stepNlls.addAll(stepNlls);
        return next;
    }

    /**
     * Whether the method's post-hoc fit ran after the last epoch (so a resume does not repeat it).
     *
     * @return true once {@link #markMethodFinished()} was called
     */
    public boolean methodFinished() {
        return methodFinished;
    }

    /** Records that the method's post-hoc fit has run. */
    public void markMethodFinished() {
        methodFinished = true;
    }

    /**
     * Whether training has reached the configured number of epochs.
     *
     * @param epochs the configured epoch count
     * @return true if {@link #epoch()} ≥ {@code epochs}
     */
    public boolean complete(int epochs) {
        return epoch >= epochs;
    }

    void startEpoch() {
        stepInEpoch = 0;
        sumLoss = 0;
        sumNll = 0;
        sumKl = 0;
        sumKlTerm = 0;
        taken = 0;
        skipped = 0;
        seconds = 0;
        ess = new LinkedHashMap<>();
    }
}
