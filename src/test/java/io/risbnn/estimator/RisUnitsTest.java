package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RisVectorUnits} against {@link RisUnits}' plain loops: the same proposals and constants, bit for bit. */
class RisUnitsTest {
    @Test
    void laneWiseProposalsAndConstantsGiveThePlainLoopsBits() {
        assertTrue(RisRows.VECTOR, "the test JVM is started with --add-modules jdk.incubator.vector (pom argLine)");
        SplittableRandom random = new SplittableRandom(17);
        int len = 253;                                   // not a multiple of the 8 lanes: the plain tail runs too
        for (double[] limits : new double[][] {{0.8, 8}, {0.5, 0.7}, {0.95, 3}}) {
            RisUnits plain = new RisUnits(len);
            RisUnits lanes = new RisUnits(len);
            for (int u = 0; u < len; u++) {
                double a = switch (u % 6) {
                    case 0 -> random.nextGaussian() * 3;
                    case 1 -> random.nextDouble(-50, 50);      // tails both ways, exponents past −700
                    case 2 -> new double[] {0, -3, 4, -4, 3.9999999, -2.9999999, 1e-7, 38}[random.nextInt(8)];
                    default -> random.nextGaussian();
                };
                double sd = random.nextDouble(0.01, 3);
                for (RisUnits r : new RisUnits[] {plain, lanes}) {
                    r.alpha[u] = (float) a;
                    r.sd[u] = (float) sd;
                    r.fixed[u] = false;
                }
                if (u % 11 == 5) {                                     // given or not-live proposals
                    float tau = u % 22 == 5 ? 50f : 0f;                // e^(−τ²/2) out of the polynomial's range
                    plain.fix(u, tau, 1f, 0f, 1f);
                    lanes.fix(u, tau, 1f, 0f, 1f);
                }
            }
            String what = "lam2Min " + limits[0] + ", tauMax " + limits[1];
            // the first moment's proposals alone (MOMENT's pass), plain and lane-wise, before both are overwritten
            plain.firstProposalsScalar(0, len, limits[0], limits[1]);
            RisVectorUnits.firstProposals(lanes, len, limits[0], limits[1]);
            float[][] firstOnly = {plain.tau1.clone(), plain.lam1.clone()};
            assertArrayEquals(firstOnly[0], lanes.tau1, 0f, what + ": τ₁ alone");
            assertArrayEquals(firstOnly[1], lanes.lam1, 0f, what + ": λ₁ alone");
            plain.proposalsScalar(0, len, limits[0], limits[1]);
            RisVectorUnits.proposals(lanes, len, limits[0], limits[1]);
            assertArrayEquals(firstOnly[0], plain.tau1, 0f, what + ": τ₁ alone vs with the second moment's");
            assertArrayEquals(firstOnly[1], plain.lam1, 0f, what + ": λ₁ alone vs with the second moment's");
            assertArrayEquals(plain.tau1, lanes.tau1, 0f, what + ": τ₁");
            assertArrayEquals(plain.lam1, lanes.lam1, 0f, what + ": λ₁");
            assertArrayEquals(plain.tau2, lanes.tau2, 0f, what + ": τ₂");
            assertArrayEquals(plain.lam2, lanes.lam2, 0f, what + ": λ₂");
            RisRows plainRows = new RisRows(len);
            RisRows laneRows = new RisRows(len);
            plain.constantsScalar(plainRows, 0, len);
            RisVectorUnits.constants(lanes, laneRows, len);
            double[][] p = {plainRows.alpha, plainRows.k1, plainRows.c11, plainRows.c21, plainRows.factor1,
                    plainRows.k2, plainRows.c12, plainRows.c22, plainRows.factor2};
            double[][] v = {laneRows.alpha, laneRows.k1, laneRows.c11, laneRows.c21, laneRows.factor1,
                    laneRows.k2, laneRows.c12, laneRows.c22, laneRows.factor2};
            for (int k = 0; k < p.length; k++) {
                assertArrayEquals(p[k], v[k], 0.0, what + ": constant " + k);
            }
        }
    }
}
