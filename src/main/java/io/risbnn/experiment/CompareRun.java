package io.risbnn.experiment;

import java.util.List;
import java.util.Map;

/**
 * What a comparison keeps of one finished (estimator, seed) run: enough for its summary and trace plots,
 * and small enough to be stored and read back when a compare resumes ({@link CompareState}).
 */
public record CompareRun(String estimator, String objective, long seed, int split, int epochs,
                         Map<String, Double> metrics, double trainSeconds, List<Double> stepLosses,
                         List<Double> stepNlls) {
    /**
     * What a comparison keeps of a finished run.
     *
     * @param outcome the run's outcome
     * @return its estimator, objective, seed, split, epochs, test metrics, training time and step traces
     */
    public static CompareRun of(RunOutcome outcome) {
        return new CompareRun(outcome.estimator(), outcome.objective(), outcome.seed(), outcome.split(),
                outcome.history().size(), outcome.metrics(), outcome.trainSeconds(), outcome.stepLosses(),
                outcome.stepNlls());
    }
}
