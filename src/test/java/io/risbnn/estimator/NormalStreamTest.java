package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.risbnn.train.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NormalStream}: the lane-wise and plain code give the same bits at any offset and length; a slice is
 * the same wherever it is computed; the draws are standard normal (moments and the Kolmogorov–Smirnov distance
 * within their sampling error) with uncorrelated neighbours; and keys drawn from the seeded engine repeat.
 */
class NormalStreamTest {
    private static final int N = 1 << 20;

    @Test
    void laneWiseFillGivesThePlainFillsBits() {
        assertTrue(RisRows.VECTOR, "the test JVM is started with --add-modules jdk.incubator.vector (pom argLine)");
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            long key = random.nextLong();
            long first = trial < 10 ? trial : random.nextLong(0, 1L << 40);   // block-aligned and not
            int len = random.nextInt(0, 300);
            float[] plain = new float[len + 3];
            float[] lanes = new float[len + 3];
            NormalStream.fillScalar(key, first, plain, 2, len);
            NormalStreamVector.fill(key, first, lanes, 2, len);
            assertArrayEquals(plain, lanes, 0f, "key " + key + ", positions " + first + " + " + len);
        }
    }

    @Test
    void aSliceIsTheSameWhereverItIsComputed() {
        NormalStream stream = new NormalStream(42);
        float[] whole = new float[1000];
        stream.fill(0, whole, 0, whole.length);
        float[] pieces = new float[1000];
        for (int from = 0; from < 1000; from += 37) {
            stream.fill(from, pieces, from, Math.min(37, 1000 - from));
        }
        assertArrayEquals(whole, pieces, 0f);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = stream.array(manager, new Shape(10, 100));
            assertArrayEquals(whole, array.toFloatArray(), 0f, "the parallel array is the stream in row-major order");
        }
    }

    @Test
    void drawsAreStandardNormal() {
        float[] x = new float[N];
        new NormalStream(7).fill(0, x, 0, N);
        double mean = 0;
        double second = 0;
        double fourth = 0;
        double lag = 0;
        for (int i = 0; i < N; i++) {
            mean += x[i];
            second += x[i] * (double) x[i];
            fourth += Math.pow(x[i], 4);
            lag += i + 1 < N ? x[i] * (double) x[i + 1] : 0;
        }
        mean /= N;
        second /= N;
        fourth /= N;
        lag /= N - 1;
        // standard errors at N: mean 1/√N, E x² √2/√N, E x⁴ √(105 − 9)/√N, E x_i x_{i+1} 1/√N; 5 SE bounds
        double root = Math.sqrt(N);
        assertEquals(0, mean, 5 / root, "mean");
        assertEquals(1, second, 5 * Math.sqrt(2) / root, "variance");
        assertEquals(3, fourth, 5 * Math.sqrt(96) / root, "fourth moment");
        assertEquals(0, lag, 5 / root, "neighbours (a cosine and its sine, or pairs) are uncorrelated");
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        double distance = 0;
        for (int i = 0; i < N; i += 64) {
            double cdf = RisKernel.cdf(sorted[i]);
            distance = Math.max(distance, Math.max(Math.abs(cdf - (double) i / N), Math.abs(cdf - (i + 1.0) / N)));
        }
        // the Kolmogorov–Smirnov statistic: P(√N·D > 1.95) ≈ 0.001
        assertTrue(distance * root < 1.95, "KS distance " + distance + " · √N = " + distance * root);
        assertTrue(sorted[0] > -5.8 && sorted[N - 1] < 5.8, "the stated bound |ξ| ≤ 5.77");
        assertTrue(sorted[N - 1] > 4, "the tails are there: max of 2²⁰ draws " + sorted[N - 1]);
    }

    @Test
    void cosinesAndSinesOfOnePairAreUncorrelatedInTheirSquares() {
        // Box–Muller's two outputs share r: their squares are independent only if the construction is right
        float[] x = new float[N];
        new NormalStream(9).fill(0, x, 0, N);
        double product = 0;
        for (int b = 0; b < N / 16; b++) {
            for (int k = 0; k < 8; k++) {
                double c = x[16 * b + k];
                double s = x[16 * b + 8 + k];
                product += (c * c - 1) * (s * s - 1);
            }
        }
        double pairs = N / 2.0;
        // E[(c²−1)(s²−1)] = 0 for independent standard normals, SE √(Var(c²)·Var(s²)/pairs) = 2/√pairs
        assertEquals(0, product / pairs, 5 * 2 / Math.sqrt(pairs));
    }

    @Test
    void keysFromTheSeededEngineRepeatAndDiffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seeds.seedEngine(3, "step", 10);
            long first = NormalStream.draw(manager).key();
            long second = NormalStream.draw(manager).key();
            Seeds.seedEngine(3, "step", 10);
            assertEquals(first, NormalStream.draw(manager).key(), "re-seeded: the same key");
            assertNotEquals(first, second, "the next draw: another key");
        }
    }
}
