package io.risbnn.experiment;

import java.util.List;
import java.util.Set;

/**
 * Which metric keys repeat another one under a second name. RegressionEvaluation and
 * ClassificationEvaluation report every predictive with a suffix ({@code _sampled}, {@code _moment},
 * {@code _meanvar}) and repeat the one the model was trained for without it ({@code rmse}, {@code test_ll},
 * {@code accuracy}, …; the NLL as {@code test_nll}).
 */
final class MetricAliases {
    static final List<String> SUFFIXES = List.of("_sampled", "_moment", "_meanvar");

    private MetricAliases() {}

    /** The suffix of the predictive an objective trains: elbo samples, moment and mean-var propagate. */
    static String ownSuffix(String objective) {
        return switch (objective) {
            case "elbo", "log-posterior" -> "_sampled"; // MAP's point mass is evaluated as sampled networks
            case "moment" -> "_moment";
            case "mean-var" -> "_meanvar";
            default -> throw new IllegalArgumentException("unknown objective " + objective);
        };
    }

    /** The suffixed key of {@code keys} that {@code key} repeats under {@code objective}, or null if it repeats none. */
    static String aliasTarget(String key, String objective, Set<String> keys) {
        if (suffixOf(key) != null) {
            return null;
        }
        String target = (key.equals("test_nll") ? "nll" : key) + ownSuffix(objective);
        return keys.contains(target) ? target : null;
    }

    /** The predictive suffix of {@code key}, or null for an unsuffixed key. */
    static String suffixOf(String key) {
        return SUFFIXES.stream().filter(key::endsWith).findFirst().orElse(null);
    }

    /** Whether {@code key} is the predictive that {@code objective} trains. */
    static boolean isOwn(String key, String objective) {
        return key.endsWith(ownSuffix(objective));
    }
}
