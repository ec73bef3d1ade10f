package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * T5 (float32 robustness), T6 (bitwise MC fallback) and T9 (documented failure modes) of RIS-SPEC §6,
 * through the real layer and estimator in float32.
 */
@ExtendWith(OneEngineThread.class)
class RisRobustnessTest {
    static final double[] ALPHAS = {-40, -10, -6, -1, 0, 1, 6, 40};
    static final double[] SIGMAS = {1e-6, 1, 1e3};

    /** One unit per (α, σ): n = 1, z = 1, μ = ασ, s = σ, so a ~ N(ασ, σ²). */
    static BayesLinear gridLayer(NDManager manager) {
        int k = ALPHAS.length * SIGMAS.length;
        double[] mu = new double[k];
        double[] s = new double[k];
        for (int a = 0; a < ALPHAS.length; a++) {
            for (int g = 0; g < SIGMAS.length; g++) {
                mu[a * SIGMAS.length + g] = ALPHAS[a] * SIGMAS[g];
                s[a * SIGMAS.length + g] = SIGMAS[g];
            }
        }
        return RisTestSupport.dense(manager, DataType.FLOAT32, 1, k, mu, s);
    }

    /**
     * T5: α ∈ {−40, −10, −6, −1, 0, 1, 6, 40} × σ ∈ {1e-6, 1, 1e3}, M = 1000 (the prototype's sample
     * count), every proposal and gradient mode: no NaN/Inf, estimate ≥ 0, and, for the tilting
     * proposals, within 20% of σψ(α) wherever Z > 1e-30σ.
     *
     * <p>Two spec discrepancies are handled explicitly (see the class comment of the report):
     * <ul>
     *   <li>§5's live rule sd > 1e-6·(1 + |m|) makes the σ = 1e-6 units deterministic (sd = 1e-6 is at
     *       or below the threshold; at m = 0 float32 rounding decides), so they output relu(m), e.g. 0 at
     *       α = −1 where Z = 8.3e-8. T5's 20% cannot hold there; the test asserts the §5 behaviour
     *       (exactly relu(m)) for every unit the code marks not live.</li>
     *   <li>§5's tauMax = 8 caps τ at α = −10 (τ* = 10.19, τ_apx = 10.10), where Z = 7.5e-25σ > 1e-30σ.
     *       With τ = 8 the per-sample relative variance is 65 (λ = 1) to 105 (λ² = 0.8), i.e. a relative
     *       standard error of 26–33% at M = 1000 (quadrature), so T5's 20% is not met by the default
     *       configuration there. Capped units are checked for finiteness only here, and
     *       {@link #t5WithoutTheTauCapEveryLiveUnitIsWithin20Percent} shows the 20% holds once τ is not capped.</li>
     * </ul>
     */
    @Test
    @Tag("statistical")
    void t5Float32Robustness() {
        List<String> capped = new ArrayList<>();
        List<String> failures = runGrid(RisConfig.defaults(), 5001, capped);
        System.out.println("[T5] τ capped at tauMax = 8 (20% not required): " + capped);
        assertTrue(failures.isEmpty(), "T5 failures:\n" + String.join("\n", failures));
    }

    /** T5 with tauMax = 16 (no cap binds on the grid): every live unit with Z > 1e-30σ within 20%. */
    @Test
    @Tag("statistical")
    void t5WithoutTheTauCapEveryLiveUnitIsWithin20Percent() {
        RisConfig d = RisConfig.defaults();
        RisConfig uncapped = new RisConfig(d.proposal(), d.gradient(), d.space(), d.lam2Min(), 16.0, d.alphaMinTaylor(),
                d.selfNormalize());
        List<String> capped = new ArrayList<>();
        List<String> failures = runGrid(uncapped, 5001, capped);
        assertTrue(capped.isEmpty(), "no cap expected: " + capped);
        assertTrue(failures.isEmpty(), "T5 (tauMax = 16) failures:\n" + String.join("\n", failures));
    }

    /** Runs the α × σ grid for every proposal and gradient mode on top of {@code base}; returns failures. */
    private static List<String> runGrid(RisConfig base, int seed, List<String> capped) {
        int samples = 1000;
        List<String> failures = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            BayesLinear layer = gridLayer(manager);
            double[][] p = RisTestSupport.effectiveParams(layer);
            NDArray z = manager.create(new float[] {1f}, new Shape(1, 1));
            boolean[] live = PreActivation.of(layer, z).live().toBooleanArray();
            for (RisProposal proposal : RisProposal.values()) {
                for (RisConfig.Gradient gradient : RisConfig.Gradient.values()) {
                    Engine.getInstance().setRandomSeed(seed + proposal.ordinal());
                    RisConfig config = base.withProposal(proposal).withGradient(gradient);
                    ForwardContext ctx = new ForwardContext(new RisEstimator(config), Objective.MOMENT, samples);
                    float[] est = ctx.estimator().forward(layer, z, ctx).toFloatArray();
                    for (int a = 0; a < ALPHAS.length; a++) {
                        for (int g = 0; g < SIGMAS.length; g++) {
                            int i = a * SIGMAS.length + g;
                            double sigma = p[1][i];
                            double m = p[0][i];
                            double alpha = m / sigma;
                            double exact = sigma * RisTestSupport.psi(alpha);
                            String where = proposal + "/" + gradient + " α=" + ALPHAS[a] + " σ=" + SIGMAS[g] + ": est=" + est[i]
                                    + " exact=" + fmt(exact);
                            if (!Float.isFinite(est[i]) || est[i] < 0) {
                                failures.add(where + " (not finite or negative)");
                                continue;
                            }
                            if (!live[i]) {
                                if (est[i] != (float) Math.max(m, 0)) {
                                    failures.add(where + " (not live: must be relu(m) exactly)");
                                }
                                if (proposal == RisProposal.MM_APX && gradient == RisConfig.Gradient.HYBRID) {
                                    fallbacks.add("α=" + ALPHAS[a] + " σ=" + SIGMAS[g] + " → " + est[i] + " (Z=" + fmt(exact) + ")");
                                }
                                continue;
                            }
                            boolean tilts = proposal != RisProposal.NONE && proposal != RisProposal.TAYLOR;
                            if (!tilts || !(exact > 1e-30 * sigma)) {
                                continue;
                            }
                            double rawTau = (proposal == RisProposal.TILT || proposal == RisProposal.MM)
                                    ? RisTestSupport.tauStar(alpha) : RisTestSupport.tauApx(alpha);
                            double error = Math.abs(est[i] - exact) / exact;
                            if (rawTau > base.tauMax()) {
                                capped.add(where + " (" + fmt(error * 100) + "% off)");
                            } else if (error > 0.2) {
                                failures.add(where + " (off by " + fmt(error * 100) + "%)");
                            }
                        }
                    }
                }
            }
        }
        System.out.println("[T5] units the live rule makes deterministic (output relu(m)): " + fallbacks);
        return failures;
    }

    /** T5b: v = 0 (s underflows to exactly 0 at ρ = −200, or z = 0) → output relu(m), gradients finite. */
    @Test
    void t5bZeroVarianceFallsBackToReluOfMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, 2, 2,
                    new double[] {0.7, 0.5, -0.3, 0.5}, new double[] {1, 1, 1, 1});
            layer.weight().rho().set(new float[] {-200f, 0f, -200f, 0f});
            NDArray z = manager.create(new float[] {1f, 0f}, new Shape(1, 2));          // column 1 has z = 0
            for (RisProposal proposal : RisProposal.values()) {
                for (RisConfig.Gradient gradient : RisConfig.Gradient.values()) {
                    RisConfig config = RisConfig.defaults().withProposal(proposal).withGradient(gradient);
                    ForwardContext ctx = new ForwardContext(new RisEstimator(config), Objective.MOMENT, 3);
                    layer.weight().mu().setRequiresGradient(true);
                    layer.weight().rho().setRequiresGradient(true);
                    float[] out;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = ctx.estimator().forward(layer, z, ctx);
                        out = y.toFloatArray();
                        gc.backward(y.sum());
                    }
                    assertArrayEquals(new float[] {0.7f, 0f}, out, 0f, proposal + "/" + gradient);
                    float[] gMu = layer.weight().mu().getGradient().toFloatArray();
                    float[] gRho = layer.weight().rho().getGradient().toFloatArray();
                    for (int i = 0; i < 4; i++) {
                        assertTrue(Float.isFinite(gMu[i]) && Float.isFinite(gRho[i]),
                                proposal + "/" + gradient + ": non-finite gradient at dead units");
                    }
                    // relu(m) is exact there: ∂/∂μ = 1{m > 0}·z
                    assertArrayEquals(new float[] {1f, 0f, 0f, 0f}, gMu, 0f, proposal + "/" + gradient + " ∇μ");
                    layer.weight().mu().getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
                    layer.weight().rho().getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
                }
            }
        }
    }

    /** T5c: the α/σ grid back-propagates without NaN/Inf for every proposal and gradient mode. */
    @Test
    void t5cGradientsFiniteOnTheGrid() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BayesLinear layer = gridLayer(manager);
            layer.weight().mu().setRequiresGradient(true);
            layer.weight().rho().setRequiresGradient(true);
            NDArray z = manager.create(new float[] {1f}, new Shape(1, 1));
            for (RisProposal proposal : RisProposal.values()) {
                for (RisConfig.Gradient gradient : RisConfig.Gradient.values()) {
                    Engine.getInstance().setRandomSeed(5101);
                    RisConfig config = RisConfig.defaults().withProposal(proposal).withGradient(gradient);
                    ForwardContext ctx = new ForwardContext(new RisEstimator(config), Objective.MOMENT, 64);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(ctx.estimator().forward(layer, z, ctx).sum());
                    }
                    float[] gMu = layer.weight().mu().getGradient().toFloatArray();
                    float[] gRho = layer.weight().rho().getGradient().toFloatArray();
                    for (int i = 0; i < gMu.length; i++) {
                        assertTrue(Float.isFinite(gMu[i]) && Float.isFinite(gRho[i]),
                                proposal + "/" + gradient + ": non-finite gradient at unit " + i);
                    }
                    layer.weight().mu().getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
                    layer.weight().rho().getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
                }
            }
        }
    }

    /**
     * T6: proposal NONE (τ = 0, λ = 1) equals per-example MC (the LRT estimator) bit for bit with the same
     * noise (same seed, same draw shape [M, B, k]); dense layer n = 32, k = 8, s = 0.3|μ|, B = 100, M = 5.
     * Under the default HYBRID gradient the value is (v + mc) − mc, equal to MC only up to float32 rounding.
     */
    @Test
    void t6FallbackEqualsMonteCarloBitwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(32, 8, 0.3, 10);
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, 32, 8, c.mu, c.s);
            NDArray z = RisTestSupport.repeatRows(manager, c.z, 100, DataType.FLOAT32);
            int m = 5;
            ForwardContext lrt = new ForwardContext(new LrtEstimator(), Objective.MOMENT, m);
            ForwardContext none = new ForwardContext(new RisEstimator(RisConfig.defaults().withProposal(RisProposal.NONE)
                    .withGradient(RisConfig.Gradient.PATHWISE)), Objective.MOMENT, m);
            ForwardContext hybrid = new ForwardContext(new RisEstimator(RisConfig.defaults().withProposal(RisProposal.NONE)),
                    Objective.MOMENT, m);
            Engine.getInstance().setRandomSeed(6001);
            float[] mc = lrt.estimator().forward(layer, z, lrt).toFloatArray();
            Engine.getInstance().setRandomSeed(6001);
            float[] ris = none.estimator().forward(layer, z, none).toFloatArray();
            assertArrayEquals(mc, ris, 0f, "T6: NONE/PATHWISE must equal MC bit for bit");
            // the static pieces with explicit τ = 0, λ = 1 and explicit noise
            Engine.getInstance().setRandomSeed(6002);
            NDArray xi = manager.randomNormal(new Shape(m, 100, 8));
            PreActivation pre = PreActivation.of(layer, z);
            RisProposal.TauLambda unit = new RisProposal.TauLambda(pre.m().zerosLike(), pre.m().onesLike());
            float[] viaDraw = RisEstimator.weightedMean(ActivationFunction.RELU, RisEstimator.preActivationDraw(pre, unit, xi), false)
                    .toFloatArray();
            float[] direct = pre.m().expandDims(0).add(pre.sd().expandDims(0).mul(xi)).getNDArrayInternal().relu()
                    .sum(new int[] {0}).mul(1f / m).toFloatArray();
            assertArrayEquals(direct, viaDraw, 0f, "T6: τ=0, λ=1 draw must equal MC bit for bit");
            // HYBRID: value (v + mc) − mc, the value computed as sd·relu(α + ξ), so equal to MC up to the
            // rounding of the pre-activation's scale |m| + 4·sd (m + sd·ξ cancels where the unit is near 0)
            Engine.getInstance().setRandomSeed(6001);
            float[] hyb = hybrid.estimator().forward(layer, z, hybrid).toFloatArray();
            float[] scale = pre.m().abs().add(pre.sd().mul(4)).toFloatArray();
            double worst = 0;
            for (int i = 0; i < mc.length; i++) {
                worst = Math.max(worst, Math.abs(hyb[i] - mc[i]) / Math.ulp(scale[i]));
            }
            System.out.println("[T6] NONE/PATHWISE bitwise equal to LRT; NONE/HYBRID differs by at most " + fmt(worst)
                    + " ulp of |m| + 4sd");
            assertTrue(worst <= 8, "NONE/HYBRID equals MC up to float32 rounding: " + worst + " ulp of |m| + 4sd");
        }
    }

    /** T9a: self-normalised weights at M = 1 return a plain sample of r: biased (t > 10), α = 1, tilt. */
    @Test
    @Tag("statistical")
    void t9SelfNormalisedIsBiasedAtMEqualsOne() {
        int r = 100000;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9001);
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, 1, 1, new double[] {1}, new double[] {1});
            double[][] p = RisTestSupport.effectiveParams(layer);
            double exact = RisTestSupport.reluMean(p[0][0], p[1][0]);
            NDArray z = manager.ones(new Shape(r, 1));
            RisConfig sn = RisConfig.defaults().withProposal(RisProposal.TILT).withSelfNormalize(true)
                    .withGradient(RisConfig.Gradient.PATHWISE);
            ForwardContext ctx = new ForwardContext(new RisEstimator(sn), Objective.MOMENT, 1);
            double[] est = RisTestSupport.toDoubles(ctx.estimator().forward(layer, z, ctx));
            double[][] mv = RisTestSupport.columnMeanVar(est, r, 1);
            double t = (mv[0][0] - exact) / Math.sqrt(mv[1][0] / r);
            // T9b: the poster's γ ≈ 1/|f| without Z turns γ·f into sign f: the estimate is P_r(a > 0)
            RisEstimator tilt = new RisEstimator(RisConfig.defaults().withProposal(RisProposal.TILT));
            PreActivation pre = PreActivation.of(layer, z);
            RisEstimator.Draw draw = RisEstimator.preActivationDraw(pre, tilt.proposal(pre), manager.randomNormal(new Shape(1, r, 1)));
            double poster = draw.preActivation().gt(0).toType(DataType.FLOAT64, false).mean().getDouble();
            double relBias = poster / exact - 1;
            System.out.println("[T9] SN M=1: t=" + fmt(t) + ", rel. bias " + fmt(mv[0][0] / exact - 1)
                    + "; γ=1/|f|: estimate " + fmt(poster) + " vs Z=" + fmt(exact) + " (rel. bias " + fmt(relBias) + ")");
            assertTrue(Math.abs(t) > 10, "T9a SN at M=1 must be visibly biased: t=" + t);
            assertTrue(Math.abs(relBias) > 0.1, "T9b γ=1/|f| must be biased by > 10%: " + relBias);
            assertEquals(RisProposal.MM_APX, RisConfig.defaults().proposal());
            assertTrue(!RisConfig.defaults().selfNormalize(), "self-normalisation must not be the default");
        }
    }

    /** T9c: the raw moment-matched λ*² falls below 1/2 (α = −2: 0.18), so the floor is needed. */
    @Test
    void t9RawMomentMatchNeedsTheFloor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double lam2 = RisProposal.exactTilt(manager.create(new double[] {-2}))[1].getDouble();
            System.out.println("[T9c] λ*²(α=−2) = " + fmt(lam2));
            assertTrue(lam2 < 0.5, "λ*²(−2) = " + lam2);
            assertTrue(RisConfig.defaults().lam2Min() >= 0.75, "default floor " + RisConfig.defaults().lam2Min());
        }
    }
}
