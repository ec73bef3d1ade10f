package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.risbnn.objective.Objective;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RisKernel}, the fused M-sample pass of RIS for ReLU under HYBRID, against the tensor-op path it
 * replaces on the same noise ξ: values (mean, second moment, variance) and the
 * gradients in m and v, to float rounding (the kernel accumulates in double, the reference in float32).
 */
@ExtendWith(OneEngineThread.class)
class RisKernelTest {
    @Test
    void fastExpMatchesMathExp() {
        double worst = 0;
        for (double x = -720; x <= 720; x += 0.01234) {
            double e = Math.exp(x);
            if (Double.isFinite(e)) {
                worst = Math.max(worst, e == 0 ? RisKernel.exp(x) : Math.abs(RisKernel.exp(x) - e) / e);
            }
        }
        assertTrue(worst < 1e-13, "max rel err " + worst);
        assertEquals(1.0, RisKernel.exp(0), 0);
        assertEquals(0.0, RisKernel.exp(-1e4), 0);
    }

    @Test
    void proposalsComputedInThePassMatchTheTensorForms() {
        RisConfig config = RisConfig.defaults();
        assertEquals(RisProposal.MM_APX, config.proposal());
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] alphas = new float[2001];
            for (int i = 0; i < alphas.length; i++) {
                alphas[i] = (float) (-50 + 0.05 * i);
            }
            double[] a64 = new double[alphas.length];
            for (int i = 0; i < a64.length; i++) {
                a64[i] = alphas[i];
            }
            // the tensor forms evaluated in float64 (in float32 S₂ cancels near α = −3: 1e-4 there)
            NDArray a = manager.create(a64);
            RisProposal.TauLambda first = config.proposal().compute(a, config);
            RisProposal.TauLambda second = RisSecondMoment.compute(config.proposal(), a, config);
            double[][] want = {first.tau().minimum(config.tauMax()).toDoubleArray(), first.lambda().toDoubleArray(),
                second.tau().minimum(config.tauMax()).toDoubleArray(), second.lambda().toDoubleArray()};
            double[] p = new double[4];
            double worst = 0;
            for (int i = 0; i < alphas.length; i++) {
                RisKernel.mmApx(alphas[i], config.lam2Min(), config.tauMax(), p, 0);
                RisKernel.secondMmApx(alphas[i], config.lam2Min(), config.tauMax(), p, 2);
                for (int k = 0; k < 4; k++) {
                    double err = Math.abs(p[k] - want[k][i]) / Math.abs(want[k][i]);
                    worst = Math.max(worst, err);
                    assertTrue(err < 1e-9, "proposal " + k + " at α=" + alphas[i] + ": " + p[k] + " vs " + want[k][i]);
                }
            }
            System.out.println("[RisKernelTest] MM_APX proposals in the pass vs tensor forms: max rel err " + fmt(worst));
        }
    }

    @Test
    void cdfIsAccurate() {
        for (double z = -39; z <= 39; z += 0.173) {
            double ref = RisTestSupport.cdf(z);
            assertEquals(ref, RisKernel.cdf(z), 1e-12 * ref + 1e-300, "z=" + z);
        }
    }

    /** m and v over α ∈ [−8, 8] and sd ∈ {0.01, 1, 30}, plus units that are not live. */
    private static NDArray[] moments(NDManager manager) {
        int per = 161;
        double[] sds = {0.01, 1, 30};
        float[] m = new float[per * sds.length + 3];
        float[] v = new float[m.length];
        for (int s = 0; s < sds.length; s++) {
            for (int i = 0; i < per; i++) {
                double alpha = -8 + 0.1 * i;
                m[s * per + i] = (float) (alpha * sds[s]);
                v[s * per + i] = (float) (sds[s] * sds[s]);
            }
        }
        m[m.length - 3] = 2e-6f;
        v[m.length - 3] = 1e-12f;
        m[m.length - 2] = -3;
        m[m.length - 1] = 0;
        return new NDArray[] {manager.create(m).reshape(2, 3, -1), manager.create(v).reshape(2, 3, -1)};
    }

    /** The output of {@code body} and its gradients in m and v, as float arrays. */
    private static float[][] valueAndGradients(NDArray m0, NDArray v0, Function<PreActivation, NDArray> body) {
        NDArray m = m0.duplicate();
        NDArray v = v0.duplicate();
        m.setRequiresGradient(true);
        v.setRequiresGradient(true);
        float[] value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = body.apply(PreActivation.fromMoments(m, v));
            value = out.toFloatArray();
            // a fixed random-ish cotangent so that every element's gradient counts
            NDArray weights = out.getManager().arange((float) out.size()).reshape(out.getShape()).mul(0.37f).sin().add(1.5f);
            gc.backward(out.mul(weights).sum());
        }
        return new float[][] {value, m.getGradient().toFloatArray(), v.getGradient().toFloatArray()};
    }

    /** max |got − want| / (|want| + floor·scale) over elements, scale = max |want|. */
    private static double compare(float[] got, float[] want, double floor, String what) {
        double scale = 0;
        for (float w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        double[] floors = new double[want.length];
        java.util.Arrays.fill(floors, floor * scale);
        return compare(got, want, floors, what);
    }

    /** max |got − want| / (|want| + floor_i). */
    private static double compare(float[] got, float[] want, double[] floors, String what) {
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            assertTrue(Float.isFinite(got[i]), what + " non-finite at " + i);
            double err = Math.abs(got[i] - want[i]) / (Math.abs(want[i]) + floors[i] + 1e-30);
            worst = Math.max(worst, err);
        }
        return worst;
    }

    /**
     * The float32 rounding scale of a variance estimate second − mean² (+ spread), per element: the
     * reference computes the difference in float32, so its error is ~1e-7 of the terms, not of the result.
     */
    private static double[] varianceFloor(float[] second, float[] mean, float[] dSecond, float[] dMean) {
        double[] f = new double[second.length];
        for (int i = 0; i < f.length; i++) {
            // err < 2e-5 then allows an absolute error of 1e-6 of the terms (~16 of their float32 ulps)
            f[i] = dSecond == null ? 0.05 * (Math.abs(second[i]) + (double) mean[i] * mean[i])
                    : 0.05 * (Math.abs(dSecond[i]) + 2 * Math.abs(mean[i] * dMean[i]));
        }
        return f;
    }

    @Test
    void meanVarMatchesTheTensorPathOnTheSameNoise() {
        RisEstimator ris = new RisEstimator();
        RisMoments moments = new RisMoments(ris);
        ForwardContext ctx = new ForwardContext(ris, Objective.MEAN_VAR, 1);
        StringBuilder report = new StringBuilder();
        for (int samples : new int[] {1, 4, 10}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(11 + samples);
                NDArray[] mv = moments(manager);
                NDArray xi = manager.randomNormal(new Shape(samples).addAll(mv[0].getShape()));
                String[] names = {"mean", "second", "variance"};
                float[][][] fused = new float[3][][];
                float[][][] ref = new float[3][][];
                for (int which = 0; which < 3; which++) {
                    int w = which;
                    fused[which] = valueAndGradients(mv[0], mv[1], pre -> pick(moments.fusedEstimate(pre, xi, false), w));
                    ref[which] = valueAndGradients(mv[0], mv[1],
                            pre -> pick(moments.referenceEstimate("L", ActivationFunction.RELU, pre, xi, ctx), w));
                }
                for (int which = 0; which < 3; which++) {
                    double[] err = new double[3];
                    for (int part = 0; part < 3; part++) {
                        // gradients: the reference sums ξ·f over M in float32 with cancellation, so they are
                        // compared at the array's scale (an absolute 1e-6 of its largest element)
                        err[part] = which < 2 ? compare(fused[which][part], ref[which][part], part == 0 ? 1e-6 : 0.05,
                                names[which])
                                : compare(fused[2][part], ref[2][part], varianceFloor(ref[1][part], ref[0][0],
                                        part == 0 ? null : ref[1][part], part == 0 ? null : ref[0][part]), "variance");
                    }
                    report.append(String.format(" M=%d %s: value %s, d/dm %s, d/dv %s;", samples, names[which],
                            fmt(err[0]), fmt(err[1]), fmt(err[2])));
                    assertTrue(err[0] < 2e-5 && err[1] < 2e-5 && err[2] < 2e-5, "M=" + samples + " " + names[which] + ":" + report);
                }
            }
        }
        System.out.println("[RisKernelTest] mean-var, fused vs tensor path, max rel err:" + report);
    }

    /**
     * Training's one-pass MEAN_VAR output (clamp and non-live fallback in the kernel) against the nine-output
     * kernel's estimate finished by {@link MomentEstimate#finish}, on the same noise: the same values and gradients
     * in m exactly (the same float32 numbers reach the same operations), gradients in v to float rounding (the
     * pass attaches its Jacobians to v, the reference to sd = √v).
     */
    @Test
    void finishedMeanVarEqualsTheFinishedEstimate() {
        RisEstimator ris = new RisEstimator();
        RisMoments moments = new RisMoments(ris);
        for (int samples : new int[] {1, 4, 10}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(31 + samples);
                NDArray[] mv = moments(manager);
                NDArray xi = manager.randomNormal(new Shape(samples).addAll(mv[0].getShape()));
                for (int which = 0; which < 2; which++) {
                    int w = which;
                    float[][] oneft = valueAndGradients(mv[0], mv[1], pre -> {
                        MeanVar out = moments.finishedMeanVar(pre, xi);
                        return w == 0 ? out.mean() : out.variance();
                    });
                    float[][] reference = valueAndGradients(mv[0], mv[1], pre -> {
                        MeanVar out = moments.fusedEstimate(pre, xi, true).finish(ActivationFunction.RELU, pre);
                        return w == 0 ? out.mean() : out.variance();
                    });
                    String what = "M=" + samples + (which == 0 ? " mean" : " variance");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(reference[0], oneft[0], 0f, what + " value");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(reference[1], oneft[1], 0f, what + " d/dm");
                    // the pass gives ∂/∂v = (∂/∂sd)/(2 sd) in double; the reference multiplies through √v's backward in float32
                    double err = compare(oneft[2], reference[2], 1e-6, what + " d/dv");
                    assertTrue(err < 1e-6, what + " d/dv: max rel err " + err);
                }
            }
        }
    }

    /**
     * MOMENT's one-pass ReLU output ({@link RisKernel#finishedMean}) against the tensor HYBRID form on the same ξ
     * (values and gradients in m and v to float rounding: the kernel accumulates in double), and against the first
     * three outputs of the mean–variance pass, bit for bit (the same operations on the same numbers), ESS included.
     */
    @Test
    void firstMomentPassMatchesTheTensorHybridAndTheMeanVarPass() {
        RisEstimator ris = new RisEstimator();
        RisMoments moments = new RisMoments(ris);
        RisConfig config = ris.config();
        StringBuilder report = new StringBuilder();
        for (int samples : new int[] {1, 3, 10}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(50 + samples);
                NDArray[] mv = moments(manager);
                NDArray xi = new NormalStream(77 + samples).array(manager, new Shape(samples).addAll(mv[0].getShape()));
                ForwardContext ctx = new ForwardContext(ris, Objective.MOMENT, samples);
                float[][] kernel = valueAndGradients(mv[0], mv[1], pre -> moments.finishedMean(pre, xi));
                float[][] tensor = valueAndGradients(mv[0], mv[1], pre -> ris.hybrid("L", pre, xi.duplicate(), ctx));
                double[] err = new double[3];
                for (int part = 0; part < 3; part++) {
                    err[part] = compare(kernel[part], tensor[part], part == 0 ? 1e-6 : 0.05, "part " + part);
                }
                report.append(String.format(" M=%d: value %s, d/dm %s, d/dv %s;", samples, fmt(err[0]), fmt(err[1]), fmt(err[2])));
                assertTrue(err[0] < 2e-5 && err[1] < 2e-5 && err[2] < 2e-5, report.toString());

                PreActivation pre = PreActivation.fromMoments(mv[0], mv[1]);
                RisKernel.Finished first = RisKernel.finishedMean(pre.m(), pre.sd(), pre.live(), config, 1e6f, xi, true);
                RisKernel.Finished both = RisKernel.finishedMeanVar(pre.m(), pre.sd(), pre.live(), config, 1e6f, xi, true);
                org.junit.jupiter.api.Assertions.assertArrayEquals(both.values().get(0).toFloatArray(),
                        first.values().get(0).toFloatArray(), 0f, "M=" + samples + " mean");
                for (int k = 0; k < 2; k++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(both.jacobians().get(k).toFloatArray(),
                            first.jacobians().get(k).toFloatArray(), 0f, "M=" + samples + " Jacobian " + k);
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(both.values().get(2).toFloatArray(),
                        first.values().get(1).toFloatArray(), 0f, "M=" + samples + " ESS");
            }
        }
        System.out.println("[RisKernelTest] moment, one pass vs tensor HYBRID, max rel err:" + report);
    }

    /** ξ computed in the pass from a stream: the same values and gradients, bit for bit, as on its array. */
    @Test
    void streamedNoiseEqualsItsArray() {
        RisMoments moments = new RisMoments(new RisEstimator());
        for (int samples : new int[] {1, 3, 10}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(40 + samples);
                NDArray[] mv = moments(manager);
                NormalStream noise = new NormalStream(1234 + samples);
                NDArray xi = noise.array(manager, new Shape(samples).addAll(mv[0].getShape()));
                for (int which = 0; which < 2; which++) {
                    int w = which;
                    float[][] streamed = valueAndGradients(mv[0], mv[1], pre -> {
                        MeanVar out = moments.finishedMeanVar(pre, noise, samples);
                        return w == 0 ? out.mean() : out.variance();
                    });
                    float[][] array = valueAndGradients(mv[0], mv[1], pre -> {
                        MeanVar out = moments.finishedMeanVar(pre, xi);
                        return w == 0 ? out.mean() : out.variance();
                    });
                    for (int k = 0; k < 3; k++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(array[k], streamed[k], 0f,
                                "M=" + samples + " output " + which + " part " + k);
                    }
                }
            }
        }
    }

    @Test
    void aDiagnosticStepTakesTheKernelTooAndRecordsTheEss() {
        RisEstimator ris = new RisEstimator();
        ForwardContext plain = new ForwardContext(ris, Objective.MEAN_VAR, 10);
        ForwardContext diagnosed = new ForwardContext(ris, Objective.MEAN_VAR, 10, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] mv = moments(manager);
            PreActivation pre = PreActivation.fromMoments(mv[0], mv[1]);
            manager.getEngine().setRandomSeed(12);
            MeanVar a = ris.activationMeanVar("L", ActivationFunction.RELU, pre, plain);
            manager.getEngine().setRandomSeed(12);
            MeanVar b = ris.activationMeanVar("L", ActivationFunction.RELU, pre, diagnosed);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.mean().toFloatArray(), b.mean().toFloatArray(), 0f);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.variance().toFloatArray(), b.variance().toFloatArray(), 0f);
            // the ESS on the same draw, as the tensor path records it
            manager.getEngine().setRandomSeed(12);
            NDArray xi = NormalStream.draw(manager).array(manager, new Shape(10).addAll(mv[0].getShape()));
            ForwardContext reference = new ForwardContext(ris, Objective.MEAN_VAR, 10, true);
            new RisMoments(ris).referenceEstimate("L", ActivationFunction.RELU, pre, xi, reference);
            double ess = diagnosed.essFraction().get("L");
            assertTrue(ess > 0 && ess <= 1, "ESS fraction " + ess);
            assertEquals(reference.essFraction().get("L"), ess, 1e-5 * ess);   // double sums vs float32
            assertTrue(plain.essFraction().isEmpty());
        }
    }

    private static NDArray pick(MomentEstimate e, int which) {
        return which == 0 ? e.mean() : which == 1 ? e.second() : e.variance();
    }

    @Test
    void estimatorTakesTheKernelOnTheNoiseOfTheTensorPath() {
        // the estimator draws ξ as the tensor path does (NormalStream.standardNormal); with the proposals in the pass it equals the
        // kernel on that draw, and the kernel with the tensor proposals equals the reference on it
        RisEstimator ris = new RisEstimator();
        RisMoments moments = new RisMoments(ris);
        ForwardContext ctx = new ForwardContext(ris, Objective.MEAN_VAR, 6);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] mv = moments(manager);
            PreActivation pre = PreActivation.fromMoments(mv[0], mv[1]);
            manager.getEngine().setRandomSeed(5);
            MomentEstimate viaEstimator = moments.estimate("L", ActivationFunction.RELU, pre, ctx);
            manager.getEngine().setRandomSeed(5);
            NDArray xi = NormalStream.standardNormal(manager, new Shape(6).addAll(mv[0].getShape()));
            MomentEstimate kernel = moments.fusedEstimate(pre, xi, true);
            org.junit.jupiter.api.Assertions.assertArrayEquals(kernel.mean().toFloatArray(), viaEstimator.mean().toFloatArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(kernel.variance().toFloatArray(), viaEstimator.variance().toFloatArray());
            // the layer's output (training's one-pass kernel, ξ from a stream keyed by the engine) is the
            // estimate on the stream's noise finished
            manager.getEngine().setRandomSeed(5);
            MeanVar layerOutput = ris.activationMeanVar("L", ActivationFunction.RELU, pre, ctx);
            manager.getEngine().setRandomSeed(5);
            NDArray streamed = NormalStream.draw(manager).array(manager, xi.getShape());
            MeanVar finished = moments.fusedEstimate(pre, streamed, true).finish(ActivationFunction.RELU, pre);
            org.junit.jupiter.api.Assertions.assertArrayEquals(finished.mean().toFloatArray(), layerOutput.mean().toFloatArray(), 0f);
            org.junit.jupiter.api.Assertions.assertArrayEquals(finished.variance().toFloatArray(),
                    layerOutput.variance().toFloatArray(), 0f);
        }
    }

    /**
     * With the proposals computed in the pass (double precision) the estimate on the same noise moves by
     * how much the float32 tensor proposals were off: measured here and reported, bounded loosely.
     */
    @Test
    void proposalsInThePassChangeTheEstimateOnlyByTheTensorFormsRounding() {
        RisEstimator ris = new RisEstimator();
        RisMoments moments = new RisMoments(ris);
        ForwardContext ctx = new ForwardContext(ris, Objective.MEAN_VAR, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(21);
            NDArray[] mv = moments(manager);
            PreActivation pre = PreActivation.fromMoments(mv[0], mv[1]);
            NDArray xi = manager.randomNormal(new Shape(10).addAll(mv[0].getShape()));
            MomentEstimate inPass = moments.fusedEstimate(pre, xi, true);
            MomentEstimate tensor = moments.fusedEstimate(pre, xi, false);
            double mean = compare(inPass.mean().toFloatArray(), tensor.mean().toFloatArray(), 1e-6, "mean");
            double second = compare(inPass.second().toFloatArray(), tensor.second().toFloatArray(), 1e-6, "second");
            System.out.println("[RisKernelTest] in-pass vs float32 tensor proposals, same noise, M=10: max rel change mean "
                    + fmt(mean) + ", second " + fmt(second));
            assertTrue(mean < 1e-2 && second < 1e-2);
        }
    }
}
