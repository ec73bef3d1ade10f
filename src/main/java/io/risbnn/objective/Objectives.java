package io.risbnn.objective;

/**
 * The objective each estimator trains under by default, and the one-line notice for the objective
 * whose posterior is not usable as sampled networks.
 */
public final class Objectives {
    /** Printed once per process when a run trains under MOMENT. */
    public static final String MOMENT_NOTICE = "note: --objective moment fits first moments only and lets hidden-layer"
            + " variances drift to the prior: networks sampled from the posterior are near chance (README,"
            + " 'Estimators and objectives'); use mean-var for usable uncertainty";

    private static volatile boolean noticed;

    private Objectives() {}

    /**
     * mc-shared and lrt sample networks, so they train the ELBO; analytic, quadrature and ris estimate
     * moments, so they train mean–variance propagation, whose sampled networks predict as well as its
     * own propagation (docs/mean-var.md), unlike the first-moment objective.
     *
     * @param estimator the estimator's CLI name
     * @return ELBO for {@code mc-shared} and {@code lrt}, MEAN_VAR for every other name
     */
    public static Objective defaultFor(String estimator) {
        switch (estimator.trim()) {
            case "mc-shared":
            case "lrt":
                return Objective.ELBO;
            default:
                return Objective.MEAN_VAR;
        }
    }

    /**
     * Prints {@link #MOMENT_NOTICE} to stderr the first time a MOMENT run is configured.
     *
     * @param objective the run's objective; anything but MOMENT prints nothing
     */
    public static void noticeOnce(Objective objective) {
        if (objective == Objective.MOMENT && !noticed) {
            noticed = true;
            System.err.println(MOMENT_NOTICE);
        }
    }
}
