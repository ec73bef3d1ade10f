package io.risbnn.experiment;

import io.risbnn.train.EpochMetrics;
import java.util.List;
import java.util.Map;

/**
 * What one training run produced, regression or classification: its per-epoch history, the loss of
 * every step and its NLL part (the Figure 1 traces), the final test metrics and the training time.
 */
public record RunOutcome(String estimator, String objective, int split, long seed, List<EpochMetrics> history,
                         List<Double> stepLosses, List<Double> stepNlls, Map<String, Double> metrics,
                         double trainSeconds) {}
