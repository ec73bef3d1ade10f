package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RisVectorRows} and the split scalar passes against {@link RisRows#accumulateScalar}: the same sums, bit for bit. */
class RisRowsTest {
    @Test
    void testJvmRunsTheVectorLoop() {
        assertTrue(RisRows.VECTOR, "the test JVM is started with --add-modules jdk.incubator.vector (pom argLine)");
    }

    @Test
    void vectorLoopGivesTheScalarLoopsBits() {
        // 2045 units: not a multiple of any vector length, so the scalar tail runs too
        int len = 2045;
        RisRows scalar = rows(len, new SplittableRandom(3));
        RisRows vector = rows(len, new SplittableRandom(3));
        RisRows split = rows(len, new SplittableRandom(3));
        // units whose exponents leave (−700, 700) or are NaN: their block takes the scalar loop
        for (RisRows r : new RisRows[] {scalar, vector, split}) {
            r.c21[17] = -1e4;
            r.c12[300] = Double.NaN;
            r.c22[1001] = 2e3;
        }
        SplittableRandom noise = new SplittableRandom(11);
        double[] xi = new double[len];
        for (int j = 0; j < 10; j++) {
            for (int u = 0; u < len; u++) {
                xi[u] = (float) noise.nextGaussian();
            }
            xi[5] = 0;                              // z = ξ + α = 0 for unit 5: the step's ½
            xi[6] = -scalar.alpha[6];
            scalar.accumulateScalar(xi, 0, len);
            RisVectorRows.accumulate(vector, xi);
            RisRows.weightsScalar(xi, split.c21, split.c11, split.weight1, 0, len);       // the vector version's fallback
            RisRows.weightsScalar(xi, split.c22, split.c12, split.weight2, 0, len);
            split.sumsScalar(xi, 0, len);
        }
        double[][] s = {scalar.sum1, scalar.squares1, scalar.sum2, scalar.on, scalar.onXi, scalar.f, scalar.fXi};
        double[][] v = {vector.sum1, vector.squares1, vector.sum2, vector.on, vector.onXi, vector.f, vector.fXi};
        double[][] p = {split.sum1, split.squares1, split.sum2, split.on, split.onXi, split.f, split.fXi};
        for (int k = 0; k < s.length; k++) {
            assertArrayEquals(s[k], v[k], 0.0, "sum " + k + ", vector");
            assertArrayEquals(s[k], p[k], 0.0, "sum " + k + ", the scalar passes");
        }
        assertTrue(Double.isNaN(vector.sum2[300]), "a NaN exponent stays NaN, as through Math.exp");
    }

    @Test
    void firstMomentLoopsGiveTheFullLoopsBits() {
        int len = 2045;
        RisRows full = rows(len, new SplittableRandom(5));
        RisRows scalar = rows(len, new SplittableRandom(5));
        RisRows vector = rows(len, new SplittableRandom(5));
        for (RisRows r : new RisRows[] {full, scalar, vector}) {
            r.c21[17] = -1e4;                       // its block takes the scalar loop
        }
        SplittableRandom noise = new SplittableRandom(13);
        double[] xi = new double[len];
        for (int j = 0; j < 10; j++) {
            for (int u = 0; u < len; u++) {
                xi[u] = (float) noise.nextGaussian();
            }
            xi[6] = -full.alpha[6];                 // z = 0: the step's ½
            full.accumulateScalar(xi, 0, len);
            scalar.accumulateFirstScalar(xi, 0, len);
            RisVectorRows.accumulateFirst(vector, xi);
        }
        double[][] f = {full.sum1, full.on, full.onXi};
        double[][] s = {scalar.sum1, scalar.on, scalar.onXi};
        double[][] v = {vector.sum1, vector.on, vector.onXi};
        for (int k = 0; k < f.length; k++) {
            assertArrayEquals(f[k], s[k], 0.0, "first-moment sum " + k + ", scalar");
            assertArrayEquals(f[k], v[k], 0.0, "first-moment sum " + k + ", vector");
        }
    }

    /** Per-unit constants as RisKernel makes them from random α and proposals. */
    private static RisRows rows(int len, SplittableRandom random) {
        RisRows r = new RisRows(len);
        for (int u = 0; u < len; u++) {
            double a = random.nextDouble(-4, 4);
            double tau1 = random.nextDouble(0, 3);
            double lam1 = random.nextDouble(0.71, 1.3);
            double tau2 = random.nextDouble(0, 3);
            double lam2 = random.nextDouble(0.71, 1.3);
            r.alpha[u] = a;
            r.k1[u] = (a + tau1) / lam1;
            r.c11[u] = -tau1 * lam1;
            r.c21[u] = (1 - lam1 * lam1) * 0.5;
            r.k2[u] = (a + tau2) / lam2;
            r.c12[u] = -tau2 * lam2;
            r.c22[u] = (1 - lam2 * lam2) * 0.5;
        }
        return r;
    }
}
