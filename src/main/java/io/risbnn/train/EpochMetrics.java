package io.risbnn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch's figures: mean loss and its parts (NLL per example, the raw KL sum, and the KL term
 * factor·KL/N actually added to the loss), the learning rate, wall time, RIS diagnostics and any
 * evaluation metrics.
 */
public record EpochMetrics(int epoch, long steps, double loss, double nll, double kl, double klTerm, double lr,
                           double seconds, long skippedSteps, Map<String, Double> ess, Map<String, Double> eval) {
    /**
     * The figures as one metrics.jsonl record: epoch, steps, loss, nll, kl, kl_term, … then the evaluation metrics.
     *
     * @return the values by key, in a fixed order
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("steps", steps);
        m.put("loss", loss);
        m.put("nll", nll);
        m.put("kl", kl);
        m.put("kl_term", klTerm);
        m.put("lr", lr);
        m.put("seconds", seconds);
        if (skippedSteps > 0) {
            m.put("skipped_steps", skippedSteps);
        }
        if (!ess.isEmpty()) {
            m.put("ess_fraction", ess);
        }
        m.putAll(eval);
        return m;
    }
}
