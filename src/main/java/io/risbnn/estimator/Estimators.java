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

    /**
     * A new estimator by its CLI name (one of {@link #NAMES}).
     *
     * @param name the name, e.g. {@code lrt}; surrounding blanks ignored
     * @param risConfig the RIS settings, used only when {@code name} is {@code ris}
     * @return a fresh estimator
     * @throws RisbnnException if {@code name} is not one of {@link #NAMES}
     */
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

    /**
     * Refuses estimator/objective pairs that do not make sense, with the reason.
     *
     * @param estimator the chosen estimator
     * @param objective the chosen objective
     * @throws RisbnnException if {@code estimator} does not {@linkplain Estimator#supports support} {@code objective};
     *     the message names the objectives (or estimators) that would work
     */
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
