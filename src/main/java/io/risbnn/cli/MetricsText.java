package io.risbnn.cli;

import java.util.Map;

/** Metric maps as one readable terminal line. */
final class MetricsText {
    private MetricsText() {}

    static String line(String label, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder(label).append(':');
        metrics.forEach((k, v) -> sb.append(String.format("  %s %.4f", k, v)));
        return sb.toString();
    }
}
