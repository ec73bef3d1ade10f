package io.risbnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adam and SGD with momentum against hand-written double-precision versions on a quadratic. */
class ParameterUpdateTest {
    // f(w) = Σ a_i (w_i − c_i)², over two parameters: "p" [2, 3] and "q" [2]
    private static final double[] A = {1.0, 0.5, 2.0, 0.1, 3.0, 1.5, 0.7, 0.2};
    private static final double[] C = {1.0, -2.0, 0.5, 3.0, -1.0, 0.25, 2.0, -0.5};
    private static final float[] P0 = {0.3f, 0.1f, -0.4f, 1.2f, 0.0f, 2.0f};
    private static final float[] Q0 = {-1.0f, 0.8f};

    private static double lrAt(int step) {
        return 0.1 / (step + 1);        // changes every step, so a wrong lr shows
    }

    private static NDArray quadratic(NDManager m, NDArray p, NDArray q) {
        NDArray w = p.reshape(6).concat(q);
        NDArray a = m.create(A).toType(DataType.FLOAT32, false);
        NDArray c = m.create(C).toType(DataType.FLOAT32, false);
        return w.sub(c).square().mul(a).sum();
    }

    /** Runs {@code steps} updates of {@code opt}, computing gradients with DJL autograd; returns w. */
    private static float[] run(NDManager m, ParameterUpdate opt, List<NamedParameter> params, int from, int steps) {
        for (int t = from; t < from + steps; t++) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(quadratic(m, params.get(0).array(), params.get(1).array()));
            }
            opt.step(params, lrAt(t));
            for (NamedParameter p : params) {
                p.array().getGradient().set(new NDIndex(":"), 0f);
            }
        }
        return params.get(0).array().reshape(6).concat(params.get(1).array()).toFloatArray();
    }

    private static List<NamedParameter> parameters(NDManager m) {
        NDArray p = m.create(P0, new Shape(2, 3));
        NDArray q = m.create(Q0);
        p.setRequiresGradient(true);
        q.setRequiresGradient(true);
        return List.of(new NamedParameter("p", p), new NamedParameter("q", q));
    }

    private static double[] initialW() {
        double[] w = new double[8];
        for (int i = 0; i < 6; i++) {
            w[i] = P0[i];
        }
        w[6] = Q0[0];
        w[7] = Q0[1];
        return w;
    }

    private static double[] referenceAdam(int steps, double beta1, double beta2, double eps) {
        double[] w = initialW();
        double[] mom = new double[8];
        double[] vel = new double[8];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 8; i++) {
                double g = 2 * A[i] * (w[i] - C[i]);
                mom[i] = beta1 * mom[i] + (1 - beta1) * g;
                vel[i] = beta2 * vel[i] + (1 - beta2) * g * g;
                double mHat = mom[i] / (1 - Math.pow(beta1, t));
                double vHat = vel[i] / (1 - Math.pow(beta2, t));
                w[i] -= lrAt(t - 1) * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    private static double[] referenceSgd(int steps, double momentum) {
        double[] w = initialW();
        double[] buf = new double[8];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 8; i++) {
                double g = 2 * A[i] * (w[i] - C[i]);
                buf[i] = momentum * buf[i] + g;
                w[i] -= lrAt(t) * buf[i];
            }
        }
        return w;
    }

    private static void assertClose(double[] expected, float[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(1, Math.abs(expected[i])),
                    "element " + i + ": expected " + expected[i] + " got " + actual[i]);
        }
    }

    @Test
    void adamMatchesHandWrittenDoubleAdamForFiveSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            AdamUpdate adam = new AdamUpdate();
            float[] w = run(m, adam, parameters(m), 0, 5);
            assertClose(referenceAdam(5, 0.9, 0.999, 1e-8), w, 1e-5);
            assertEquals(5, adam.updates());
            assertEquals(List.of("p.m", "p.v", "q.m", "q.v"), List.copyOf(adam.state().keySet()));
            assertEquals(new Shape(2, 3), adam.state().get("p.m").getShape());
        }
    }

    @Test
    void adamWithOtherHyperparametersMatchesToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = run(m, new AdamUpdate(0.5, 0.9, 1e-3), parameters(m), 0, 5);
            assertClose(referenceAdam(5, 0.5, 0.9, 1e-3), w, 1e-5);
        }
    }

    @Test
    void sgdWithMomentumMatchesHandWrittenDoubleSgdForFiveSteps() {
        for (double momentum : new double[] {0.9, 0.5, 0.0}) {
            try (NDManager m = NDManager.newBaseManager()) {
                SgdMomentum sgd = new SgdMomentum(momentum);
                float[] w = run(m, sgd, parameters(m), 0, 5);
                assertClose(referenceSgd(5, momentum), w, 1e-5);
                assertEquals(5, sgd.updates());
                assertEquals(momentum == 0 ? 0 : 2, sgd.state().size(), "momentum " + momentum);
            }
        }
    }

    /** A checkpoint of (updates, state) resumes the exact trajectory. */
    @Test
    void restoredStateResumesExactly() {
        for (boolean adam : new boolean[] {true, false}) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] straight = run(m, adam ? new AdamUpdate() : new SgdMomentum(0.9), parameters(m), 0, 5);

                List<NamedParameter> params = parameters(m);
                ParameterUpdate first = adam ? new AdamUpdate() : new SgdMomentum(0.9);
                run(m, first, params, 0, 3);
                Map<String, NDArray> saved = new LinkedHashMap<>();
                first.state().forEach((k, v) -> saved.put(k, v.duplicate()));
                ParameterUpdate resumed = adam ? new AdamUpdate() : new SgdMomentum(0.9);
                resumed.restore(first.updates(), saved);
                float[] w = run(m, resumed, params, 3, 2);
                assertArrayEquals(straight, w, adam ? "adam" : "sgd");
                assertEquals(5, resumed.updates());
            }
        }
    }

    @Test
    void adamConvergesOnAShiftedQuadratic() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(4));
            w.setRequiresGradient(true);
            List<NamedParameter> params = List.of(new NamedParameter("w", w));
            AdamUpdate adam = new AdamUpdate();
            LrSchedule schedule = LrSchedule.parse("cosine", 0.1, 1, 1);
            int steps = 400;
            double firstLoss = Double.NaN;
            for (int t = 0; t < steps; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.sub(3).square().sum();
                    if (t == 0) {
                        firstLoss = loss.getFloat();
                    }
                    gc.backward(loss);
                }
                adam.step(params, schedule.rate(0, t, steps));
                w.getGradient().set(new NDIndex(":"), 0f);
            }
            float[] result = w.toFloatArray();
            double maxErr = 0;
            for (float x : result) {
                maxErr = Math.max(maxErr, Math.abs(x - 3));
            }
            System.out.printf("Adam on |w-3|^2: initial loss %.1f, max |w-3| after %d steps = %.2e%n", firstLoss, steps, maxErr);
            assertEquals(36.0, firstLoss, 1e-6);
            assertTrue(maxErr < 1e-2, "max |w - 3| = " + maxErr);
        }
    }

    @Test
    void describeAndValidation() {
        assertTrue(new AdamUpdate().describe().startsWith("adam(0.9,0.999,"), new AdamUpdate().describe());
        assertTrue(new SgdMomentum(0.9).describe().startsWith("sgd("), new SgdMomentum(0.9).describe());
        assertTrue(new SgdMomentum(0.9).describe().contains("0.9"), new SgdMomentum(0.9).describe());
        assertTrue(assertThrows(io.risbnn.RisbnnException.class, () -> new SgdMomentum(1.0)).getMessage().startsWith("--momentum"));
        assertTrue(assertThrows(io.risbnn.RisbnnException.class, () -> new SgdMomentum(-0.1)).getMessage().startsWith("--momentum"));
        assertTrue(assertThrows(io.risbnn.RisbnnException.class, () -> new SgdMomentum(Double.NaN)).getMessage().startsWith("--momentum"));
    }
}
