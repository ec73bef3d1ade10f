package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * T4 of RIS-SPEC §6: the gradient of the linear readout L = Σ_i c_i ẑ_i is unbiased for
 * ∇ Σ_i c_i E_q[relu(a_i)] over every μ and ρ coordinate (n = k = 16, s = 0.3|μ| + 0.02, M = 4,
 * R = 20000, max|t| ≤ 4.5), and the same statistic flags the naive frozen-r weighting (γ = q(w|θ)/r(w)
 * with r frozen in w-space, differentiated through q; max|t| > 6).
 *
 * <p>How R = 20000 independent gradient samples are obtained from the real code: the input row is
 * repeated R times in one batch and L summed over the batch is back-propagated by autograd through
 * {@link RisEstimator#forward}; that gives Σ_b ∇L_b, i.e. the mean gradient. Its standard error needs
 * per-example gradients, which are computed from the same draw (the engine re-seeded, so ξ is the
 * identical tensor) by the chain rule of the spec: for the pre-activation form ∂ẑ/∂m = (1/M) Σ γ 1{a>0}
 * and ∂ẑ/∂sd = (1/M) Σ γ 1{a>0} t, chained to μ (× z_j) and ρ (× s z_j²/sd · sigmoid(ρ)). The test checks
 * that (a) per-example autograd equals that formula on single examples, (b) the autograd batch mean
 * equals the formula mean, then uses the autograd mean with the formula variance for the t-test.
 * Everything runs in float32, the product's type: at R = 20000 the standard error of a coordinate is
 * ~1e-3 of its value, far above float32 rounding (~1e-7 per example, ≤ 1e-4 relative in a 20000-term sum).
 */
@ExtendWith(OneEngineThread.class)
@Tag("statistical")
class RisGradientTest {
    static final int N = 16;
    static final int K = 16;
    static final int M = 4;
    static final int R = 20000;

    /** The T4 configuration: layer, input, readout weights c and the analytic gradient. */
    static final class Setup {
        final BayesLinear layer;
        final double[] z = new double[N];
        final double[] c = new double[K];
        final double[] mu;
        final double[] s;
        final double[] rho;
        final double[] sd = new double[K];
        final double[] alpha = new double[K];
        final double[] gMu = new double[K * N];
        final double[] gRho = new double[K * N];
        final boolean[] selected = new boolean[K * N];

        Setup(NDManager manager) {
            RisTestSupport.DenseConfig cfg = new RisTestSupport.DenseConfig(N, K, 0.3, 6);
            double[] sigma = new double[K * N];
            for (int i = 0; i < K * N; i++) {
                sigma[i] = 0.3 * Math.abs(cfg.mu[i]) + 0.02;
            }
            layer = RisTestSupport.dense(manager, DataType.FLOAT32, N, K, cfg.mu, sigma);
            for (int j = 0; j < N; j++) {
                z[j] = (float) cfg.z[j];
            }
            Random rng = new Random(7);
            for (int i = 0; i < K; i++) {
                c[i] = rng.nextBoolean() ? 1 : -1;
            }
            double[][] p = RisTestSupport.effectiveParams(layer);
            mu = p[0];
            s = p[1];
            rho = p[2];
            double[][] mv = RisTestSupport.moments(mu, s, z, K, N);
            for (int i = 0; i < K; i++) {
                sd[i] = Math.sqrt(mv[1][i]);
                alpha[i] = mv[0][i] / sd[i];
                double dm = RisTestSupport.cdf(alpha[i]);              // ∂E relu/∂m
                double dsd = RisTestSupport.phi(alpha[i]);            // ∂E relu/∂sd
                for (int j = 0; j < N; j++) {
                    int ij = i * N + j;
                    gMu[ij] = c[i] * dm * z[j];
                    gRho[ij] = c[i] * dsd * s[ij] * z[j] * z[j] / sd[i] * RisTestSupport.sigmoid(rho[ij]);
                    selected[ij] = Math.abs(z[j]) > 0 && dm > 0.02;
                }
            }
        }

        NDArray cArray(NDManager manager) {
            return manager.create(c).toType(DataType.FLOAT32, false).reshape(1, K);
        }

        /** ∂sd_i/∂ρ_ij = s z_j²/sd_i · sigmoid(ρ_ij), [K·N]. */
        double[] sdToRho() {
            double[] f = new double[K * N];
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < N; j++) {
                    int ij = i * N + j;
                    f[ij] = s[ij] * z[j] * z[j] / sd[i] * RisTestSupport.sigmoid(rho[ij]);
                }
            }
            return f;
        }
    }

    /** Running Σ and Σ² of per-example gradients of one parameter [K·N]. */
    static final class Moments {
        final double[] sum = new double[K * N];
        final double[] sumSq = new double[K * N];
        long count;

        /** Adds per-example values [B, K, N] (float64 accumulation). */
        void add(NDArray perExample) {
            NDArray x = perExample.toType(DataType.FLOAT64, false);
            double[] s1 = x.sum(new int[] {0}).toDoubleArray();
            double[] s2 = x.square().sum(new int[] {0}).toDoubleArray();
            for (int i = 0; i < s1.length; i++) {
                sum[i] += s1[i];
                sumSq[i] += s2[i];
            }
            count += perExample.getShape().get(0);
        }

        double mean(int i) {
            return sum[i] / count;
        }

        double var(int i) {
            double m = mean(i);
            return (sumSq[i] - count * m * m) / (count - 1);
        }
    }

    /** max|t| of per-coordinate means (or the given means) against the analytic gradient on selected coordinates. */
    static double maxT(Moments mom, double[] means, double[] exact, boolean[] selected) {
        double max = 0;
        for (int i = 0; i < exact.length; i++) {
            if (selected[i]) {
                double mean = means == null ? mom.mean(i) : means[i];
                double se = Math.sqrt(mom.var(i) / mom.count + 1e-30);
                max = Math.max(max, Math.abs(mean - exact[i]) / se);
            }
        }
        return max;
    }

    /**
     * max over coordinates of |autograd mean − formula mean| / (SE + 1e-4·max|mean|): the two must agree
     * to a small fraction of the standard error, up to float32 summation rounding (coordinates of units
     * that are almost always on have an SE of ~1e-6 of their value, below float32 resolution of a sum).
     */
    static double maxDeviationInSe(Moments mom, double[] autogradMean) {
        double scale = 0;
        for (int i = 0; i < autogradMean.length; i++) {
            scale = Math.max(scale, Math.abs(mom.mean(i)));
        }
        double max = 0;
        for (int i = 0; i < autogradMean.length; i++) {
            double se = Math.sqrt(mom.var(i) / mom.count + 1e-30);
            max = Math.max(max, Math.abs(autogradMean[i] - mom.mean(i)) / (se + 1e-4 * scale));
        }
        return max;
    }

    static void requireGradients(BayesLinear layer) {
        layer.weight().mu().setRequiresGradient(true);
        layer.weight().rho().setRequiresGradient(true);
    }

    static void zeroGradients(BayesLinear layer) {
        layer.weight().mu().getGradient().set(new NDIndex(":"), 0f);
        layer.weight().rho().getGradient().set(new NDIndex(":"), 0f);
    }

    /** Autograd of Σ_b Σ_i c_i ẑ_bi through the real forward, seeded; returns {∇μ, ∇ρ} summed over the batch. */
    static double[][] autogradSum(NDManager manager, Setup setup, ForwardContext ctx, int rows, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        NDArray z = RisTestSupport.repeatRows(manager, setup.z, rows, DataType.FLOAT32);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = ctx.estimator().forward(setup.layer, z, ctx);
            gc.backward(out.mul(setup.cArray(manager)).sum());
        }
        double[][] g = {RisTestSupport.toDoubles(setup.layer.weight().mu().getGradient()),
            RisTestSupport.toDoubles(setup.layer.weight().rho().getGradient())};
        zeroGradients(setup.layer);
        return g;
    }

    /**
     * Per-example (∂ẑ/∂m, ∂ẑ/∂sd) [B, K] for the pre-activation estimator, from the same noise the
     * seeded forward drew: PATHWISE uses the RIS draw; HYBRID's Jacobian comes from the independent MC
     * draw that follows it. {@code dropLogLambda} builds the deliberately wrong weight of the power check.
     */
    static NDArray[] preActivationJacobian(NDManager manager, Setup setup, RisEstimator estimator, int rows, int seed,
                                           boolean dropLogLambda) {
        Engine.getInstance().setRandomSeed(seed);
        NDArray z = RisTestSupport.repeatRows(manager, setup.z, rows, DataType.FLOAT32);
        PreActivation pre = PreActivation.of(setup.layer, z);
        RisProposal.TauLambda tl = estimator.proposal(pre);
        NDArray xi = NormalStream.standardNormal(manager, new Shape(M, rows, K));
        if (estimator.config().gradient().isHybrid()) {
            NDArray xi2 = estimator.config().gradient() == RisConfig.Gradient.HYBRID ? xi
                    : NormalStream.standardNormal(manager, new Shape(M, rows, K));
            NDArray a = pre.m().expandDims(0).add(pre.sd().expandDims(0).mul(xi2));
            NDArray on = a.gt(0).toType(DataType.FLOAT32, false);
            return new NDArray[] {on.mean(new int[] {0}), on.mul(xi2).mean(new int[] {0})};
        }
        RisEstimator.Draw draw = RisEstimator.preActivationDraw(pre, tl, xi);
        NDArray logW = draw.logWeight();
        if (dropLogLambda) {
            logW = logW.sub(tl.lambda().log().expandDims(0));
        }
        NDArray t = tl.tau().expandDims(0).add(tl.lambda().expandDims(0).mul(xi));
        NDArray weighted = logW.exp().mul(draw.preActivation().gt(0).toType(DataType.FLOAT32, false));
        return new NDArray[] {weighted.mean(new int[] {0}), weighted.mul(t).mean(new int[] {0})};
    }

    /** Per-example ∇μ, ∇ρ [B, K, N] from the Jacobian (∂ẑ/∂m, ∂ẑ/∂sd) [B, K]. */
    static NDArray[] chain(NDManager manager, Setup setup, NDArray dm, NDArray dsd) {
        NDArray c = setup.cArray(manager);
        NDArray zRow = manager.create(setup.z).toType(DataType.FLOAT32, false).reshape(1, 1, N);
        NDArray sdToRho = manager.create(setup.sdToRho()).toType(DataType.FLOAT32, false).reshape(1, K, N);
        NDArray gMu = dm.mul(c).expandDims(2).mul(zRow);
        NDArray gRho = dsd.mul(c).expandDims(2).mul(sdToRho);
        return new NDArray[] {gMu, gRho};
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** One pre-activation-space configuration: per-example check, then the R = 20000 t-test. */
    private String runPreActivation(RisConfig config, int seedBase, boolean powerCheck) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Setup setup = new Setup(manager);
            requireGradients(setup.layer);
            RisEstimator estimator = new RisEstimator(config);
            ForwardContext ctx = new ForwardContext(estimator, Objective.MOMENT, M);
            // (a) per-example autograd == chain-rule formula, on a handful of single examples
            for (int rep = 0; rep < 3; rep++) {
                try (NDScope scope = new NDScope()) {
                    double[][] auto = autogradSum(manager, setup, ctx, 1, seedBase + 100 + rep);
                    NDArray[] jac = preActivationJacobian(manager, setup, estimator, 1, seedBase + 100 + rep, false);
                    NDArray[] g = chain(manager, setup, jac[0], jac[1]);
                    double[] fMu = RisTestSupport.toDoubles(g[0]);
                    double[] fRho = RisTestSupport.toDoubles(g[1]);
                    double dMu = maxAbsDiff(auto[0], fMu);
                    double dRho = maxAbsDiff(auto[1], fRho);
                    assertTrue(dMu <= 1e-5 * maxAbs(fMu) + 1e-8 && dRho <= 1e-5 * maxAbs(fRho) + 1e-9,
                            config + ": autograd vs formula on one example: |Δ∇μ| " + dMu + " (max " + maxAbs(fMu)
                                    + "), |Δ∇ρ| " + dRho + " (max " + maxAbs(fRho) + ")");
                }
            }
            // (b) R = 20000 in one batch
            try (NDScope scope = new NDScope()) {
                double[][] auto = autogradSum(manager, setup, ctx, R, seedBase);
                NDArray[] jac = preActivationJacobian(manager, setup, estimator, R, seedBase, false);
                NDArray[] g = chain(manager, setup, jac[0], jac[1]);
                Moments mu = new Moments();
                Moments rho = new Moments();
                mu.add(g[0]);
                rho.add(g[1]);
                double[] autoMu = new double[K * N];
                double[] autoRho = new double[K * N];
                for (int i = 0; i < K * N; i++) {
                    autoMu[i] = auto[0][i] / R;
                    autoRho[i] = auto[1][i] / R;
                }
                double dev = Math.max(maxDeviationInSe(mu, autoMu), maxDeviationInSe(rho, autoRho));
                double tMu = maxT(mu, autoMu, setup.gMu, setup.selected);
                double tRho = maxT(rho, autoRho, setup.gRho, setup.selected);
                String msg = config.proposal() + "/" + config.gradient() + ": max|t| μ=" + fmt(tMu) + ", ρ=" + fmt(tRho)
                        + " (autograd batch mean vs formula mean: " + fmt(dev) + " SE)";
                assertTrue(dev < 0.05, "autograd mean must equal the per-example formula mean: " + msg);
                assertTrue(Math.max(tMu, tRho) <= 4.5, "T4 " + msg);
                if (powerCheck) {
                    NDArray[] wrongJac = preActivationJacobian(manager, setup, estimator, R, seedBase, true);
                    NDArray[] wg = chain(manager, setup, wrongJac[0], wrongJac[1]);
                    Moments wMu = new Moments();
                    Moments wRho = new Moments();
                    wMu.add(wg[0]);
                    wRho.add(wg[1]);
                    double tw = Math.max(maxT(wMu, null, setup.gMu, setup.selected), maxT(wRho, null, setup.gRho, setup.selected));
                    msg += "; power check, log λ dropped from the weight: max|t|=" + fmt(tw);
                    assertTrue(tw > 6, "T4 must flag the weight without log λ: " + msg);
                }
                return msg;
            }
        }
    }

    @Test
    void t4PreActivationPathwiseExactTilt() {
        System.out.println("[T4] " + runPreActivation(RisConfig.defaults().withProposal(RisProposal.TILT)
                .withGradient(RisConfig.Gradient.PATHWISE), 4001, false));
    }

    @Test
    void t4PreActivationPathwiseMomentMatchedApx() {
        System.out.println("[T4] " + runPreActivation(RisConfig.defaults().withProposal(RisProposal.MM_APX)
                .withGradient(RisConfig.Gradient.PATHWISE), 4101, true));
    }

    @Test
    void t4PreActivationHybridDefaults() {
        System.out.println("[T4] " + runPreActivation(RisConfig.defaults(), 4201, false));
    }

    @Test
    void t4PreActivationHybridIndependent() {
        System.out.println("[T4] " + runPreActivation(RisConfig.defaults()
                .withGradient(RisConfig.Gradient.HYBRID_INDEPENDENT), 4201, false));
    }

    /**
     * The prototype's T4 configuration: weight space (the poster's form, exact Stein mean shift), the
     * correct ε-space weight through the real forward, and the naive frozen-r w-space weight built on
     * the very same draws. Per-example weight-space gradients: ∂ẑ/∂μ_ij = (1/M) Σ γ 1{a>0} z_j,
     * ∂ẑ/∂s_ij = (1/M) Σ γ 1{a>0} z_j ε_ij; the naive variant adds the score terms of log q(w|θ) − log r(w):
     * + (1/M) Σ γ relu(a) ξ_ij/s_ij for μ and + (1/M) Σ γ relu(a) (ε_ij ξ_ij − 1)/s_ij for s (ξ = ε − τd).
     */
    @Test
    void t4WeightSpaceAndNaiveFrozenRIsFlagged() {
        int chunk = 5000;
        try (NDManager manager = NDManager.newBaseManager()) {
            Setup setup = new Setup(manager);
            requireGradients(setup.layer);
            RisConfig config = RisConfig.defaults().withProposal(RisProposal.TILT)
                    .withSpace(RisConfig.Space.WEIGHT).withGradient(RisConfig.Gradient.PATHWISE);
            RisEstimator estimator = new RisEstimator(config);
            ForwardContext ctx = new ForwardContext(estimator, Objective.MOMENT, M);
            Moments mu = new Moments();
            Moments rho = new Moments();
            Moments naiveMu = new Moments();
            Moments naiveRho = new Moments();
            double[] autoMu = new double[K * N];
            double[] autoRho = new double[K * N];
            double worstSingle = 0;
            NDArray sigmoidRho = setup.layer.weight().rho().stopGradient().getNDArrayInternal().sigmoid().expandDims(0);
            NDArray cArr = setup.cArray(manager).expandDims(2);                                     // [1, K, 1]
            NDArray zRow = manager.create(setup.z).toType(DataType.FLOAT32, false).reshape(1, 1, N);
            for (int part = 0; part < R / chunk + 3; part++) {
                boolean single = part >= R / chunk;                    // 3 single-example autograd checks
                int rows = single ? 1 : chunk;
                int seed = 4301 + part;
                try (NDScope scope = new NDScope()) {
                    double[][] auto = autogradSum(manager, setup, ctx, rows, seed);
                    Engine.getInstance().setRandomSeed(seed);
                    NDArray z = RisTestSupport.repeatRows(manager, setup.z, rows, DataType.FLOAT32);
                    PreActivation pre = PreActivation.of(setup.layer, z);
                    RisProposal.TauLambda tl = estimator.proposal(pre);
                    NDArray xi = NormalStream.standardNormal(manager, new Shape(M, rows, K, N));
                    RisEstimator.Draw draw = RisEstimator.weightSpaceDraw(setup.layer, z, pre, tl.tau(), xi, null);
                    NDArray s = setup.layer.weight().sigma().stopGradient();                          // [K, N]
                    NDArray d = s.expandDims(0).mul(z.expandDims(1)).div(pre.sd().stopGradient().expandDims(2));
                    NDArray eps = tl.tau().expandDims(0).expandDims(3).mul(d.expandDims(0)).add(xi);   // [M, B, K, N]
                    NDArray gamma = draw.logWeight().exp().stopGradient();                            // [M, B, K]
                    NDArray a = draw.preActivation().stopGradient();
                    NDArray gOn = gamma.mul(a.gt(0).toType(DataType.FLOAT32, false)).expandDims(3);
                    NDArray gF = gamma.mul(a.getNDArrayInternal().relu()).expandDims(3);
                    NDArray dMu = gOn.mean(new int[] {0}).mul(zRow).mul(cArr);                           // [B, K, N]
                    NDArray dS = gOn.mul(eps).mean(new int[] {0}).mul(zRow).mul(cArr);
                    NDArray dRho = dS.mul(sigmoidRho);
                    NDArray sInv = s.pow(-1).expandDims(0).expandDims(0);
                    NDArray extraMu = gF.mul(xi).mul(sInv).mean(new int[] {0}).mul(cArr);
                    NDArray extraS = gF.mul(eps.mul(xi).sub(1)).mul(sInv).mean(new int[] {0}).mul(cArr);
                    if (single) {
                        double[] fMu = RisTestSupport.toDoubles(dMu);
                        double[] fRho = RisTestSupport.toDoubles(dRho);
                        double dev = Math.max(maxAbsDiff(auto[0], fMu) / (maxAbs(fMu) + 1e-12),
                                maxAbsDiff(auto[1], fRho) / (maxAbs(fRho) + 1e-12));
                        worstSingle = Math.max(worstSingle, dev);
                        continue;
                    }
                    for (int i = 0; i < K * N; i++) {
                        autoMu[i] += auto[0][i] / R;
                        autoRho[i] += auto[1][i] / R;
                    }
                    mu.add(dMu);
                    rho.add(dRho);
                    naiveMu.add(dMu.add(extraMu));
                    naiveRho.add(dS.add(extraS).mul(sigmoidRho));
                }
            }
            double dev = Math.max(maxDeviationInSe(mu, autoMu), maxDeviationInSe(rho, autoRho));
            double tMu = maxT(mu, autoMu, setup.gMu, setup.selected);
            double tRho = maxT(rho, autoRho, setup.gRho, setup.selected);
            double nMu = maxT(naiveMu, null, setup.gMu, setup.selected);
            double nRho = maxT(naiveRho, null, setup.gRho, setup.selected);
            int coords = 0;
            for (boolean b : setup.selected) {
                coords += b ? 1 : 0;
            }
            String msg = "WEIGHT/TILT correct: max|t| μ=" + fmt(tMu) + ", ρ=" + fmt(tRho) + "; naive frozen-r: μ=" + fmt(nMu)
                    + ", ρ=" + fmt(nRho) + " over " + coords + " coords each (single-example autograd vs formula rel. "
                    + fmt(worstSingle) + ", batch mean " + fmt(dev) + " SE)";
            System.out.println("[T4] " + msg);
            assertTrue(worstSingle < 1e-5, "per-example autograd must equal the formula: " + msg);
            assertTrue(dev < 0.05, "autograd mean must equal the per-example formula mean: " + msg);
            assertTrue(Math.max(tMu, tRho) <= 4.5, "T4 correct weight-space gradient: " + msg);
            assertTrue(Math.max(nMu, nRho) > 6, "T4 must flag the naive frozen-r weighting: " + msg);
        }
    }
}
