package io.risbnn.report;

import java.util.List;

/**
 * Which way a metric improves, so a paired difference can be called better or worse. A rule matches a
 * metric's name exactly or as a prefix followed by '_' (rmse_sampled, ece_moment, …).
 */
public enum MetricDirection {
    /** A smaller value is better (RMSE, NLL, ECE, Brier, seconds). */
    LOWER_IS_BETTER,
    /** A larger value is better (accuracy, log-likelihood, AUROC). */
    HIGHER_IS_BETTER,
    /** No rule matches the metric's name: a difference is reported without a verdict. */
    UNKNOWN;

    private static final List<String> LOWER = List.of("rmse", "nll", "test_nll", "ece", "brier", "seconds");
    private static final List<String> HIGHER = List.of("test_ll", "accuracy", "auroc");

    /**
     * The direction of {@code metric}; UNKNOWN for e.g. noise_std, entropy, mutual_information, ess.
     *
     * @param metric a result key, e.g. {@code rmse_sampled}
     * @return its direction
     */
    public static MetricDirection of(String metric) {
        if (matches(metric, LOWER)) {
            return LOWER_IS_BETTER;
        }
        return matches(metric, HIGHER) ? HIGHER_IS_BETTER : UNKNOWN;
    }

    /**
     * Whether a difference (estimator − baseline) of this sign is an improvement; false for UNKNOWN.
     *
     * @param difference estimator − baseline
     * @return true if the estimator is better
     */
    public boolean improves(double difference) {
        return this == LOWER_IS_BETTER ? difference < 0 : this == HIGHER_IS_BETTER && difference > 0;
    }

    private static boolean matches(String metric, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> metric.equals(p) || metric.startsWith(p + "_"));
    }
}
