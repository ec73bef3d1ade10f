package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.risbnn.nn.BayesLinear;
import io.risbnn.variational.PosteriorInit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * T11 of RIS-SPEC §6 (prototype test_grad_fd.py): with the noise ξ and the proposal (τ, λ) frozen,
 * the autograd gradient of the RIS estimate equals central finite differences (h = 1e-6) to a
 * relative error ≤ 1e-4, in float64. Two stacked real BayesLinear layers (8 → 16 → 4, variational
 * biases, ReLU) and the loss L = Σ c⊙ẑ₂ + ½Σ ẑ₂², so the chain also passes the gradient through
 * the first layer's output; every μ, ρ, μ_b, ρ_b tensor and the input are probed.
 */
@ExtendWith(OneEngineThread.class)
class RisFiniteDifferenceTest {
    static final int B = 8;
    static final int D = 8;
    static final int H = 16;
    static final int C = 4;
    static final int M = 3;
    static final double STEP = 1e-6;

    /** The two layers, input, frozen noise and frozen proposals. */
    static final class Net {
        final BayesLinear l1;
        final BayesLinear l2;
        final NDArray x;
        final NDArray c;
        NDArray xi1;
        NDArray xi2;
        RisProposal.TauLambda tl1;
        RisProposal.TauLambda tl2;

        Net(NDManager manager) {
            Random rng = new Random(111);
            l1 = layer(manager, "l1", D, H, rng);
            l2 = layer(manager, "l2", H, C, rng);
            double[] xv = new double[B * D];
            for (int i = 0; i < xv.length; i++) {
                xv[i] = rng.nextGaussian();
            }
            x = manager.create(xv, new Shape(B, D));
            double[] cv = new double[C];
            for (int i = 0; i < C; i++) {
                cv[i] = rng.nextGaussian();
            }
            c = manager.create(cv, new Shape(1, C));
        }

        /** He-normal μ, ρ = −1.5 ± 0.3 (partially active units, as test_grad_fd.py), float64. */
        static BayesLinear layer(NDManager manager, String name, int in, int out, Random rng) {
            BayesLinear l = new BayesLinear(name, in, out, true, ActivationFunction.RELU, PosteriorInit.defaults());
            l.initialize(manager, DataType.FLOAT64, new Shape(1, in));
            double[] mu = new double[out * in];
            double[] rho = new double[out * in];
            for (int i = 0; i < mu.length; i++) {
                mu[i] = rng.nextGaussian() * Math.sqrt(2.0 / in);
                rho[i] = -1.5 + 0.3 * rng.nextGaussian();
            }
            double[] muB = new double[out];
            double[] rhoB = new double[out];
            for (int i = 0; i < out; i++) {
                muB[i] = 0.1 * rng.nextGaussian();
                rhoB[i] = -2 + 0.3 * rng.nextGaussian();
            }
            l.weight().mu().set(mu);
            l.weight().rho().set(rho);
            l.bias().mu().set(muB);
            l.bias().rho().set(rhoB);
            return l;
        }

        Map<String, NDArray> parameters() {
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (BayesLinear l : new BayesLinear[] {l1, l2}) {
                p.put(l.layerName() + ".mu", l.weight().mu());
                p.put(l.layerName() + ".rho", l.weight().rho());
                p.put(l.layerName() + ".muB", l.bias().mu());
                p.put(l.layerName() + ".rhoB", l.bias().rho());
            }
            p.put("x", x);
            return p;
        }
    }

    /** One stacked pre-activation-space RIS pass with the frozen ξ and (τ, λ) (frozen on first use). */
    static NDArray loss(Net net, RisEstimator estimator) {
        PreActivation pre1 = PreActivation.of(net.l1, net.x);
        if (net.tl1 == null) {
            net.tl1 = frozen(estimator.proposal(pre1));
        }
        NDArray z1 = RisEstimator.weightedMean(ActivationFunction.RELU, RisEstimator.preActivationDraw(pre1, net.tl1, net.xi1), false);
        PreActivation pre2 = PreActivation.of(net.l2, z1);
        if (net.tl2 == null) {
            net.tl2 = frozen(estimator.proposal(pre2));
        }
        NDArray z2 = RisEstimator.weightedMean(ActivationFunction.RELU, RisEstimator.preActivationDraw(pre2, net.tl2, net.xi2), false);
        assertTrue(pre1.live().all().getBoolean() && pre2.live().all().getBoolean(), "all units live");
        return z2.mul(net.c).sum().add(z2.square().sum().mul(0.5));
    }

    static RisProposal.TauLambda frozen(RisProposal.TauLambda tl) {
        return new RisProposal.TauLambda(tl.tau().stopGradient().duplicate(), tl.lambda().stopGradient().duplicate());
    }

    /** Autograd gradients of {@code loss} for every tensor, then central differences at 4 coordinates each. */
    static List<String> compare(Map<String, NDArray> params, Supplier<NDArray> loss, Map<String, Integer> probes,
                                double[] worst) {
        for (NDArray p : params.values()) {
            p.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss.get());
        }
        Map<String, double[]> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            grads.put(e.getKey(), e.getValue().getGradient().toDoubleArray());
        }
        List<String> failures = new ArrayList<>();
        Random pick = new Random(0);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            double[] base = p.toDoubleArray();
            for (int probe = 0; probe < probes.getOrDefault(e.getKey(), 4); probe++) {
                int idx = pick.nextInt(base.length);
                double[] v = base.clone();
                v[idx] = base[idx] + STEP;
                p.set(v);
                double lp = loss.get().getDouble();
                v[idx] = base[idx] - STEP;
                p.set(v);
                double lm = loss.get().getDouble();
                p.set(base);
                double fd = (lp - lm) / (2 * STEP);
                double g = grads.get(e.getKey())[idx];
                double rel = Math.abs(fd - g) / (Math.abs(fd) + Math.abs(g) + 1e-9);
                worst[0] = Math.max(worst[0], rel);
                if (Math.abs(fd) + Math.abs(g) > 1e-6) {
                    worst[1]++;
                }
                worst[2]++;
                if (rel > 1e-4) {
                    failures.add(e.getKey() + "[" + idx + "]: autograd " + g + " vs FD " + fd + " (rel " + fmt(rel) + ")");
                }
            }
        }
        return failures;
    }

    @ParameterizedTest
    @EnumSource(value = RisProposal.class, names = {"TILT", "TILT_APX", "MM", "MM_APX", "TAYLOR"})
    void t11PreActivationGradientMatchesFiniteDifferences(RisProposal proposal) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11001);
            Net net = new Net(manager);
            net.xi1 = manager.randomNormal(0f, 1f, new Shape(M, B, H), DataType.FLOAT64);
            net.xi2 = manager.randomNormal(0f, 1f, new Shape(M, B, C), DataType.FLOAT64);
            RisEstimator estimator = new RisEstimator(RisConfig.defaults().withProposal(proposal)
                    .withGradient(RisConfig.Gradient.PATHWISE));
            double[] worst = {0, 0, 0};
            List<String> failures = compare(net.parameters(), () -> loss(net, estimator), Map.of(), worst);
            System.out.println("[T11 " + proposal + "] max rel err " + fmt(worst[0]) + " over " + (int) worst[2]
                    + " coordinates (" + (int) worst[1] + " with |∇| > 1e-6)");
            assertTrue(worst[1] >= 0.75 * worst[2], "most probed gradients must be non-trivial: " + worst[1] + "/" + worst[2]);
            assertTrue(failures.isEmpty(), "T11 " + proposal + ":\n" + String.join("\n", failures));
        }
    }

    /**
     * Weight space (mean shift ε = τd + ξ): μ and μ_b only. The draw takes τ as an argument but
     * recomputes the direction d = s⊙z/sd (stop-gradient) from the current ρ and input, so with
     * frozen τ a perturbation of ρ or z also moves the proposal; central differences in ρ/z would then
     * not measure the stop-gradient derivative. μ does not enter d.
     */
    @Test
    void t11WeightSpaceGradientInMuMatchesFiniteDifferences() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11101);
            Net net = new Net(manager);
            NDArray xi = manager.randomNormal(0f, 1f, new Shape(M, B, H, D), DataType.FLOAT64);
            NDArray xiB = manager.randomNormal(0f, 1f, new Shape(M, B, H), DataType.FLOAT64);
            RisEstimator estimator = new RisEstimator(RisConfig.defaults().withProposal(RisProposal.TILT));
            NDArray[] tau = {null};
            Supplier<NDArray> loss = () -> {
                PreActivation pre = PreActivation.of(net.l1, net.x);
                if (tau[0] == null) {
                    tau[0] = estimator.proposal(pre).tau().stopGradient().duplicate();
                }
                NDArray z1 = RisEstimator.weightedMean(ActivationFunction.RELU,
                        RisEstimator.weightSpaceDraw(net.l1, net.x, pre, tau[0], xi, xiB), false);
                return z1.sum().add(z1.square().sum().mul(0.5));
            };
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("l1.mu", net.l1.weight().mu());
            params.put("l1.muB", net.l1.bias().mu());
            double[] worst = {0, 0, 0};
            List<String> failures = compare(params, loss, Map.of("l1.mu", 8, "l1.muB", 4), worst);
            System.out.println("[T11 WEIGHT] max rel err " + fmt(worst[0]) + " over " + (int) worst[2]
                    + " coordinates (" + (int) worst[1] + " with |∇| > 1e-6)");
            assertTrue(worst[1] >= 0.75 * worst[2], "most probed gradients must be non-trivial: " + worst[1] + "/" + worst[2]);
            assertTrue(failures.isEmpty(), "T11 weight space:\n" + String.join("\n", failures));
        }
    }
}
