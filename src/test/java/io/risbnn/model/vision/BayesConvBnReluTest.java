package io.risbnn.model.vision;

import static io.risbnn.model.vision.VisionTesting.doubles;
import static io.risbnn.model.vision.VisionTesting.forward;
import static io.risbnn.model.vision.VisionTesting.gaussians;
import static io.risbnn.model.vision.VisionTesting.maxAbsDiff;
import static io.risbnn.model.vision.VisionTesting.randomArray;
import static io.risbnn.model.vision.VisionTesting.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.variational.PosteriorInit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** conv → BN → (+ r) → ReLU with the ReLU estimated as a Gaussian moment under MOMENT. */
class BayesConvBnReluTest {
    private static final int B = 2;
    private static final int C_IN = 3;
    private static final int C_OUT = 4;
    private static final int SIDE = 6;
    private static final Shape IN = new Shape(B, C_IN, SIDE, SIDE);
    private static final Shape OUT = new Shape(B, C_OUT, SIDE, SIDE);

    /** A 3×3 stride-1 pad-1 block with random γ, β and running statistics (variance in [0.25, 2.25]). */
    private static BayesConvBnRelu block(NDManager m, SplittableRandom r, PosteriorInit init, boolean bias) {
        BayesConvBnRelu layer = new BayesConvBnRelu("cbr", C_IN, C_OUT, 3, 1, 1, bias, ActivationFunction.RELU,
                BayesConvBnRelu.DEFAULT_EPSILON, BayesConvBnRelu.DEFAULT_MOMENTUM, init);
        layer.initialize(m, DataType.FLOAT32, new Shape(1, C_IN, SIDE, SIDE));
        layer.batchNormParameter("gamma").getArray().set(gaussians(r, C_OUT, 0.3, 1.0));
        layer.batchNormParameter("beta").getArray().set(gaussians(r, C_OUT, 0.3, 0.0));
        setRunning(layer, gaussians(r, C_OUT, 0.3, 0.0), squaresPlus(gaussians(r, C_OUT, 0.5, 0.0), 0.25f));
        if (bias) {
            layer.conv().bias().mu().set(gaussians(r, C_OUT, 0.3, 0.0));
        }
        return layer;
    }

    private static float[] squaresPlus(float[] a, float floor) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * a[i] + floor;
        }
        return out;
    }

    private static void setRunning(BayesConvBnRelu layer, float[] mean, float[] var) {
        layer.batchNormParameter("runningMean").getArray().set(mean);
        layer.batchNormParameter("runningVar").getArray().set(var);
    }

    private static float[] running(BayesConvBnRelu layer, String name) {
        return layer.batchNormParameter(name).getArray().toFloatArray();
    }

    /** relu(BN(x ⋆ μ + μ_b) + r) with DJL's own ops; running statistics as given (updated in training mode). */
    private static NDArray deterministic(BayesConvBnRelu layer, NDArray x, NDArray residual, NDArray runMean,
                                         NDArray runVar, boolean training) {
        NDArray bias = layer.conv().bias() == null ? null : layer.conv().bias().mu();
        NDArray a = Conv2d.conv2d(x, layer.conv().weight().mu(), bias, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        NDArray y = BatchNorm.batchNorm(a, runMean, runVar, layer.batchNormParameter("gamma").getArray(),
                layer.batchNormParameter("beta").getArray(), 1, layer.momentum(), layer.epsilon(), training).singletonOrThrow();
        return (residual == null ? y : y.add(residual)).getNDArrayInternal().relu();
    }

    private static NDList inputs(NDArray x, NDArray residual) {
        return residual == null ? new NDList(x) : new NDList(x, residual);
    }

    /**
     * s = softplus(−30): under MOMENT every estimator (and under ELBO lrt and mc-shared with one network)
     * returns the deterministic conv → BN → (+ r) → ReLU, in eval mode (running statistics) and in
     * training mode (batch statistics), and training mode updates the running statistics as DJL's
     * BatchNorm does.
     */
    @Test
    void equalsDeterministicConvBatchNormReluWhenSigmaVanishes() {
        SplittableRandom r = new SplittableRandom(41);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(41);
            for (boolean bias : new boolean[] {false, true}) {
                BayesConvBnRelu layer = block(m, r, PosteriorInit.withRho0(-30), bias);
                float[] mean0 = running(layer, "runningMean");
                float[] var0 = running(layer, "runningVar");
                NDArray x = randomArray(m, r, IN, 1, 0);
                NDArray residual = randomArray(m, r, OUT, 0.5, 0);
                List<ForwardContext> contexts = List.of(
                        new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1),
                        new ForwardContext(new LrtEstimator(), Objective.MOMENT, 3),
                        new ForwardContext(new RisEstimator(), Objective.MOMENT, 3),
                        new ForwardContext(new McSharedEstimator(), Objective.MOMENT, 3),
                        new ForwardContext(new LrtEstimator(), Objective.ELBO, 1),
                        new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1));
                for (NDArray res : new NDArray[] {null, residual}) {
                    for (boolean training : new boolean[] {false, true}) {
                        NDArray refMean = m.create(mean0);
                        NDArray refVar = m.create(var0);
                        double[] expected = doubles(deterministic(layer, x, res, refMean, refVar, training));
                        for (ForwardContext ctx : contexts) {
                            setRunning(layer, mean0, var0);
                            NDArray y = forward(layer, m, inputs(x, res), ctx, training);
                            String what = ctx.estimator().name() + " " + ctx.objective() + " bias=" + bias
                                    + " residual=" + (res != null) + " training=" + training;
                            assertEquals(OUT, y.getShape(), what);
                            double diff = maxAbsDiff(expected, doubles(y));
                            assertTrue(diff < 2e-5, what + ": differs from the deterministic block by " + diff);
                            double meanDiff = maxAbsDiff(doubles(refMean), doubles(layer.batchNormParameter("runningMean").getArray()));
                            double varDiff = maxAbsDiff(doubles(refVar), doubles(layer.batchNormParameter("runningVar").getArray()));
                            assertTrue(meanDiff < 1e-5 && varDiff < 1e-5,
                                    what + ": running statistics differ by " + meanDiff + " / " + varDiff);
                        }
                    }
                }
            }
        }
    }

    /**
     * At fixed BatchNorm statistics (eval mode) and s of the order of |μ|, the analytic MOMENT output
     * E[relu(BN(W ⋆ x) + r)] equals the mean of K = 10,000 sampled networks (ELBO, mc-shared: one
     * kernel sample per network) within 4 standard errors at every element that is active in at least
     * 5% of the samples (rarely active elements are too skewed for a t-test, RIS-SPEC §4); lrt and ris
     * under MOMENT are unbiased for it too (R = 100 calls of M = 64).
     */
    @Test
    void analyticMomentEqualsMonteCarloMeanOfSampledNetworks() {
        SplittableRandom r = new SplittableRandom(42);
        int networks = 10_000;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(42);
            // He std of fan-in 27 is 0.27; s = softplus(−1.5) = 0.20
            BayesConvBnRelu layer = block(m, r, PosteriorInit.withRho0(-1.5), true);
            NDArray x = randomArray(m, r, IN, 1, 0);
            NDArray residual = randomArray(m, r, OUT, 0.5, 0);
            NDList in = new NDList(x, residual);
            ForwardContext analytic = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1);
            double[] exact = doubles(forward(layer, m, in, analytic, false));

            ForwardContext sampled = new ForwardContext(new McSharedEstimator(), Objective.ELBO, networks);
            NDArray draws = forward(layer, m, new NDList(stack(x, networks), stack(residual, networks)), sampled, false)
                    .reshape(networks, OUT.size());
            double[] mean = doubles(draws.mean(new int[] {0}));
            double[] meanSq = doubles(draws.square().mean(new int[] {0}));
            double[] active = doubles(draws.gt(0).toType(DataType.FLOAT32, false).mean(new int[] {0}));
            int scored = 0;
            double maxT = 0;
            for (int i = 0; i < exact.length; i++) {
                if (active[i] < 0.05) {
                    continue;
                }
                double se = Math.sqrt(Math.max(0, meanSq[i] - mean[i] * mean[i]) / (networks - 1));
                double t = Math.abs(mean[i] - exact[i]) / se;
                maxT = Math.max(maxT, t);
                scored++;
                assertTrue(t <= 4, "element " + i + ": sampled mean " + mean[i] + " analytic " + exact[i] + " SE " + se);
            }
            assertTrue(scored > exact.length / 2, "only " + scored + " of " + exact.length + " elements scored");
            System.out.printf("BayesConvBnRelu analytic vs %d sampled networks: max |t| = %.2f over %d elements%n",
                    networks, maxT, scored);

            for (Estimator e : List.<Estimator>of(new LrtEstimator(), new RisEstimator())) {
                double maxTe = unbiasednessMaxT(layer, m, in, exact, new ForwardContext(e, Objective.MOMENT, 64), 100);
                System.out.printf("BayesConvBnRelu %s (M=64, R=100) vs analytic: max |t| = %.2f%n", e.name(), maxTe);
                assertTrue(maxTe <= 4, e.name() + ": max |t| " + maxTe);
            }
        }
    }

    private static double unbiasednessMaxT(BayesConvBnRelu layer, NDManager m, NDList in, double[] exact,
                                           ForwardContext ctx, int calls) {
        double[] sum = new double[exact.length];
        double[] sumSq = new double[exact.length];
        for (int c = 0; c < calls; c++) {
            try (NDScope scope = new NDScope()) {
                double[] y = doubles(forward(layer, m, in, ctx, false));
                for (int i = 0; i < y.length; i++) {
                    sum[i] += y[i];
                    sumSq[i] += y[i] * y[i];
                }
            }
        }
        double maxT = 0;
        for (int i = 0; i < exact.length; i++) {
            double mean = sum[i] / calls;
            double se = Math.sqrt(Math.max(0, sumSq[i] / calls - mean * mean) / (calls - 1));
            if (se > 1e-9) {
                maxT = Math.max(maxT, Math.abs(mean - exact[i]) / se);
            }
        }
        return maxT;
    }

    /**
     * Training mode under MOMENT: the BatchNorm normalises the pre-activation means m = x ⋆ μ with their
     * batch statistics, scales the variances by γ'², and updates the running statistics from m.
     */
    @Test
    void trainingModeUsesBatchStatisticsOfTheFirstMoment() {
        SplittableRandom r = new SplittableRandom(43);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(43);
            BayesConvBnRelu layer = block(m, r, PosteriorInit.withRho0(-1.5), false);
            NDArray x = randomArray(m, r, IN, 1, 0);
            float[] mean0 = running(layer, "runningMean");
            float[] var0 = running(layer, "runningVar");
            NDArray refMean = m.create(mean0);
            NDArray refVar = m.create(var0);
            NDArray mu = Conv2d.conv2d(x, layer.conv().weight().mu(), null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
            NDArray v = Conv2d.conv2d(x.square(), layer.conv().weight().sigma().square(), null, new Shape(1, 1),
                    new Shape(1, 1)).singletonOrThrow();
            NDArray mPrime = BatchNorm.batchNorm(mu, refMean, refVar, layer.batchNormParameter("gamma").getArray(),
                    layer.batchNormParameter("beta").getArray(), 1, layer.momentum(), layer.epsilon(), true).singletonOrThrow();
            // γ' = γ/√(σ²_B + ε), σ²_B the biased batch variance of m per channel
            NDArray perChannel = mu.transpose(1, 0, 2, 3).reshape(C_OUT, -1);
            NDArray batchVar = perChannel.sub(perChannel.mean(new int[] {1}, true)).square().mean(new int[] {1});
            NDArray scale = layer.batchNormParameter("gamma").getArray().div(batchVar.add(layer.epsilon()).sqrt())
                    .reshape(1, C_OUT, 1, 1);
            NDArray vPrime = v.mul(scale.square());
            double[] expected = doubles(ActivationFunction.RELU.mean(mPrime, vPrime.sqrt()));
            double[] got = doubles(forward(layer, m, new NDList(x),
                    new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1), true));
            double diff = maxAbsDiff(expected, got);
            assertTrue(diff < 2e-5, "training-mode MOMENT output differs by " + diff);
            assertTrue(maxAbsDiff(doubles(refMean), doubles(layer.batchNormParameter("runningMean").getArray())) < 1e-6);
            assertTrue(maxAbsDiff(doubles(refVar), doubles(layer.batchNormParameter("runningVar").getArray())) < 1e-6);
            assertTrue(maxAbsDiff(doubles(refMean), doubles(m.create(mean0))) > 1e-3, "running mean was not updated");
        }
    }
}
