package io.risbnn.estimator;

import io.risbnn.RisbnnException;
import io.risbnn.objective.Objective;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The estimators by CLI name, and the table of which objective each one serves. */
public final class Estimators {
    /** Names in the order the CLI lists them. */
    public static final List<String> NAMES = List.of(
            McSharedEstimator.NAME, LrtEstimator.NAME, AnalyticEstimator.NAME, QuadratureEstimator.NAME, RisEstimator.NAME);

    private Estimators() {}

    public static Estimator byName(String name, RisConfig risConfig) {
        switch (name.trim()) {
            case McSharedEstimator.NAME:
                return new McSharedEstimator();
            case LrtEstimator.NAME:
                return new LrtEstimator();
            case AnalyticEstimator.NAME:
                return new AnalyticEstimator();
            case QuadratureEstimator.NAME:
                return new QuadratureEstimator();
            case RisEstimator.NAME:
                return new RisEstimator(risConfig);
            default:
                throw new RisbnnException("--estimator '" + name + "': expected one of " + String.join(", ", NAMES));
        }
    }

    /** Refuses estimator/objective pairs that do not make sense, with the reason. */
    public static void checkPair(Estimator estimator, Objective objective) {
        if (!estimator.supports(objective)) {
            String why = objective == Objective.MEAN_VAR
                    ? "shares weight samples across the batch, which has no per-unit (mean, variance) form; use lrt, analytic, quadrature or ris"
                    : "serves --objective " + Arrays.stream(Objective.values()).filter(estimator::supports)
                            .map(Objective::cliName).collect(Collectors.joining(" or "));
            throw new RisbnnException("--estimator " + estimator.name() + " with --objective " + objective.cliName()
                    + ": " + estimator.name() + " " + why);
        }
    }
}
