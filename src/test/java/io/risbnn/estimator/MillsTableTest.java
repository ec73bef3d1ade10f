package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link MillsTable}'s polynomials against the long continued fraction they interpolate. */
class MillsTableTest {
    @Test
    void tableMatchesTheLongFractionOverTheWholeTail() {
        double[] worst = new double[3];
        // a grid finer than the nodes and off them, plus both ends of every interval
        for (double x = MillsTable.FROM; x < MillsTable.TO; x += 0.00377) {
            check(x, worst);
        }
        for (double x = MillsTable.FROM; x < MillsTable.TO; x += MillsTable.WIDTH) {
            check(x, worst);
            check(Math.nextDown(x + MillsTable.WIDTH), worst);
        }
        for (double w : worst) {
            assertTrue(w < 5e-15, "max rel err g0, g1, g2: " + worst[0] + ", " + worst[1] + ", " + worst[2]);
        }
    }

    private static void check(double x, double[] worst) {
        double[] ref = MillsTable.reference(x);
        double[] table = {MillsTable.g0(x), MillsTable.g1(x), MillsTable.g2(x)};
        for (int f = 0; f < 3; f++) {
            worst[f] = Math.max(worst[f], Math.abs(table[f] - ref[f]) / ref[f]);
        }
    }

    @Test
    void referenceIsTheMillsRatioAndItsTwoTailMoments() {
        for (double x = 4; x < 37; x += 0.5) {     // beyond, φ is subnormal and the reference Φ(−x) loses digits
            double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            double[] g = MillsTable.reference(x);
            // Φ(−x) from the 4000-term fraction of ReluKernel's table
            double mills = ReluKernel.lowerTailReference(x) / pdf;
            assertTrue(Math.abs(g[0] - mills) < 1e-15 * mills, "g0 at " + x);
            // ψ(−x) = φ − xΦ(−x) and E(t − x)₊² = (x² + 1)Φ(−x) − xφ, as φ·(1 − x g₀) and φ·((x² + 1)g₀ − x);
            // the cancellation costs about x² and x³ ulps, so the tolerances grow with x
            assertTrue(Math.abs(g[1] - (1 - x * g[0])) < 4e-16 * x * x * Math.abs(g[1]) + 1e-300, "g1 at " + x);
            assertTrue(Math.abs(g[2] - ((x * x + 1) * g[0] - x)) < 4e-16 * x * x * x * x * Math.abs(g[2]), "g2 at " + x);
        }
    }
}
