package io.risbnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.train.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Masks of {@link McDropout}: per row in training, per network in sampled evaluation, off in deterministic passes. */
class McDropoutTest {
    private static final double P = 0.3;
    private static final double SCALE = 1 / (1 - P);

    private static float[][] forward(NDManager manager, McDropout block, NDArray x, boolean training, ForwardContext ctx) {
        block.initialize(manager, DataType.FLOAT32, x.getShape());
        NDArray out = block.forward(new ParameterStore(manager, false), new NDList(x), training, ctx.asParams())
                .singletonOrThrow();
        int cols = (int) (out.size() / out.getShape().get(0));
        float[] flat = out.toFloatArray();
        float[][] rows = new float[(int) out.getShape().get(0)][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return rows;
    }

    private static ForwardContext elbo(int networks) {
        return new ForwardContext(new McSharedEstimator(), Objective.ELBO, networks);
    }

    /** Fraction of zeros; every other value must be the inverted scale 1/(1 − p). */
    private static double droppedFraction(float[][] rows) {
        long zeros = 0;
        long n = 0;
        for (float[] row : rows) {
            for (float v : row) {
                if (v == 0) {
                    zeros++;
                } else {
                    assertEquals(SCALE, v, 1e-6, "kept units are scaled by 1/(1 - p)");
                }
                n++;
            }
        }
        return (double) zeros / n;
    }

    private static void assertWithinStandardErrors(double expected, double actual, double se, String what) {
        assertTrue(Math.abs(actual - expected) < 4 * se,
                what + ": " + actual + " vs " + expected + " (4 SE = " + 4 * se + ")");
    }

    @Test
    void trainingDropsAboutPOfTheUnitsWithAnIndependentMaskPerRow() {
        Seeds.seedEngine(1);
        try (NDManager m = NDManager.newBaseManager()) {
            int rows = 400;
            int units = 50;
            float[][] out = forward(m, new McDropout(P), m.ones(new Shape(rows, units)), true, elbo(4));
            double n = (double) rows * units;
            assertWithinStandardErrors(P, droppedFraction(out), Math.sqrt(P * (1 - P) / n), "dropped fraction");
            // two rows' masks disagree on a unit with probability 2p(1 − p) when independent, 0 when shared
            long disagree = 0;
            for (int r = 1; r < rows; r++) {
                for (int u = 0; u < units; u++) {
                    disagree += out[r][u] != out[r - 1][u] ? 1 : 0;
                }
            }
            double pairs = (rows - 1.0) * units;
            double q = 2 * P * (1 - P);
            assertWithinStandardErrors(q, disagree / pairs, Math.sqrt(q * (1 - q) / pairs) * 2, "row-to-row disagreement");
        }
    }

    @Test
    void sampledEvaluationSharesOneMaskPerNetworkOverItsRows() {
        Seeds.seedEngine(2);
        try (NDManager m = NDManager.newBaseManager()) {
            int networks = 40;
            int batch = 6;
            int units = 30;
            float[][] out = forward(m, new McDropout(P), m.ones(new Shape(networks * batch, units)), false, elbo(networks));
            for (int s = 0; s < networks; s++) {
                for (int b = 1; b < batch; b++) {
                    assertArrayEquals(out[s * batch], out[s * batch + b], "network " + s + " row " + b);
                }
            }
            assertNotEquals(Arrays.toString(out[0]), Arrays.toString(out[batch]), "networks draw their own masks");
            double n = (double) networks * units;       // independent draws: one per network and unit
            assertWithinStandardErrors(P, droppedFraction(out), Math.sqrt(P * (1 - P) / n), "dropped fraction");
        }
    }

    @Test
    void theOutputIsTheInputInExpectation() {
        Seeds.seedEngine(3);
        try (NDManager m = NDManager.newBaseManager()) {
            int rows = 20000;
            float[] v = {1.5f, -2f, 0.25f, 3f, -0.7f};
            NDArray x = m.create(v).expandDims(0).repeat(0, rows);
            float[][] out = forward(m, new McDropout(P), x, true, elbo(1));
            for (int u = 0; u < v.length; u++) {
                double sum = 0;
                for (float[] row : out) {
                    sum += row[u];
                }
                double se = Math.abs(v[u]) * Math.sqrt(P / (1 - P) / rows);   // sd of v·keep/(1 − p)
                assertWithinStandardErrors(v[u], sum / rows, se, "E[output] of unit " + u);
            }
        }
    }

    @Test
    void sameSeedSameMasks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(3 * 4, 2, 3, 3));     // image-shaped units
            Seeds.seedEngine(9, "predictive", 0);
            float[][] a = forward(m, new McDropout(P), x, false, elbo(3));
            Seeds.seedEngine(9, "predictive", 0);
            float[][] b = forward(m, new McDropout(P), x, false, elbo(3));
            for (int r = 0; r < a.length; r++) {
                assertArrayEquals(a[r], b[r]);
            }
        }
    }

    @Test
    void deterministicObjectivesSeeTheMeanNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            McDropout block = new McDropout(P);
            NDArray x = m.randomNormal(new Shape(5, 7));
            block.initialize(m, DataType.FLOAT32, x.getShape());
            ParameterStore store = new ParameterStore(m, false);
            ForwardContext moment = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 8);
            for (boolean training : new boolean[] {true, false}) {
                assertSame(x, block.forward(store, new NDList(x), training, moment.asParams()).singletonOrThrow());
                NDList pair = new NDList(x, x.square());
                ForwardContext meanVar = new ForwardContext(new AnalyticEstimator(), Objective.MEAN_VAR, 8);
                NDList out = block.forward(store, pair, training, meanVar.asParams());
                assertSame(pair.get(0), out.get(0));
                assertSame(pair.get(1), out.get(1));
            }
            McDropout none = new McDropout(0);
            none.initialize(m, DataType.FLOAT32, x.getShape());
            assertSame(x, none.forward(store, new NDList(x), true, elbo(1).asParams()).singletonOrThrow());
        }
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        assertThrows(RisbnnException.class, () -> new McDropout(1));
        assertThrows(RisbnnException.class, () -> new McDropout(-0.01));
        assertThrows(RisbnnException.class, () -> new McDropout(Double.NaN));
    }
}
