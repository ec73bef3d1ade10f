package io.risbnn.experiment;

import java.util.Map;

/**
 * Published UCI results for the same protocol: Gal &amp; Ghahramani (2016), Table 1 (VI = Graves 2011 and
 * PBP as reported by Hernández-Lobato &amp; Adams 2015; Dropout = MC dropout; corrected standard errors).
 * Mean ± standard error over splits; RMSE and average test log-likelihood in original units.
 */
public final class UciReference {
    /** One method's figures: RMSE and LL, each mean and standard error. */
    public record Entry(double rmse, double rmseSe, double ll, double llSe) {}

    /** VI, PBP, Dropout for one data set. */
    public record Row(String dataset, Entry vi, Entry pbp, Entry dropout) {}

    private static final Map<String, Row> ROWS = Map.of(
            "bostonHousing", row("Boston Housing", 4.32, .29, -2.90, .07, 3.01, .18, -2.57, .09, 2.97, .19, -2.46, .06),
            "concrete", row("Concrete Strength", 7.19, .12, -3.39, .02, 5.67, .09, -3.16, .02, 5.23, .12, -3.04, .02),
            "energy", row("Energy Efficiency", 2.65, .08, -2.39, .03, 1.80, .05, -2.04, .02, 1.66, .04, -1.99, .02),
            "kin8nm", row("Kin8nm", 0.10, 0, 0.90, .01, 0.10, 0, 0.90, .01, 0.10, 0, 0.95, .01),
            "naval-propulsion-plant", row("Naval Propulsion", 0.01, 0, 3.73, .12, 0.01, 0, 3.73, .01, 0.01, 0, 3.80, .01),
            "power-plant", row("Power Plant", 4.33, .04, -2.89, .01, 4.12, .03, -2.84, .01, 4.02, .04, -2.80, .01),
            "protein-tertiary-structure", row("Protein Structure", 4.84, .03, -2.99, .01, 4.73, .01, -2.97, .00, 4.36, .01, -2.89, .00),
            "wine-quality-red", row("Wine Quality Red", 0.65, .01, -0.98, .01, 0.64, .01, -0.97, .01, 0.62, .01, -0.93, .01),
            "yacht", row("Yacht Hydrodynamics", 6.89, .67, -3.43, .16, 1.02, .05, -1.63, .02, 1.11, .09, -1.55, .03));

    private UciReference() {}

    /**
     * The published figures of one UCI data set, to print next to a run's.
     *
     * @param name the UCI folder name: {@code bostonHousing}, {@code concrete}, {@code energy}, {@code kin8nm},
     *     {@code naval-propulsion-plant}, {@code power-plant}, {@code protein-tertiary-structure},
     *     {@code wine-quality-red} or {@code yacht}
     * @return the row, or null when the data set is not in the table
     */
    public static Row forFolder(String name) {
        return ROWS.get(name);
    }

    /**
     * The citation of the figures, for the reports that print them.
     *
     * @return the paper and table the figures come from
     */
    public static String source() {
        return "Gal & Ghahramani (2016), Table 1 (VI and PBP as reported by Hernández-Lobato & Adams 2015)";
    }

    private static Row row(String name, double r1, double s1, double l1, double t1, double r2, double s2, double l2, double t2,
                           double r3, double s3, double l3, double t3) {
        return new Row(name, new Entry(r1, s1, l1, t1), new Entry(r2, s2, l2, t2), new Entry(r3, s3, l3, t3));
    }
}
