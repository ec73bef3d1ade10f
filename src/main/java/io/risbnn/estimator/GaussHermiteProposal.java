package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * RIS proposals for any activation (RIS-SPEC §5 "Other activations", §3.4): the Gaussian N(τ, λ²) for
 * t = (a − m)/sd that matches the mean and variance of the tilted densities |f(m + sd·t)|·φ(t) (first
 * moment) and (f(m + sd·t) − c)²·φ(t) (second moment about a constant c), all from one
 * {@value #NODES}-node Gauss–Hermite rule: τ = Σ w_k g_k t_k / Σ w_k g_k, λ² = Σ w_k g_k t_k² / Σ w_k g_k − τ².
 *
 * <p>The centre c is the rule's own estimate of E f where f saturates over the bulk of q — tanh
 * everywhere, GELU and SiLU where m < 0 — and 0 elsewhere. Centring makes RIS estimate E(f − c)², so
 * Var f = E(f − c)² − (E f − c)² needs no cancellation of E f² against (E f)²; but where f is close to
 * linear over q, (f − c)² is bimodal and a Gaussian fits it badly, while the uncentred f² tilt shares
 * its errors with the mean's and cancels. Variance-estimate ratio RIS/LRT at M = 10, sd = 1
 * (ActivationVarianceStudy, R = 4000), uncentred → centred: tanh α = −2/0/2: 2.3/0.64/1.6 → 0.055/0.64/0.047;
 * SiLU α = −2: 0.67 → 0.021; GELU α = −2: 0.013 → 0.005; but softplus 3e-5–2e-3 → 0.04–0.2 and GELU/SiLU
 * α = 2: 0.10/0.15 → 0.26/0.24. A ReLU-derived proposal
 * applied to another activation can be far worse than MC, so these come from the activation's own f.
 * An inexact tilt costs variance only, never bias, as long as the same (τ, λ) sample and weigh.
 */
final class GaussHermiteProposal {
    static final int NODES = 12;
    /** Cap on λ²: a bimodal |f|·φ (tanh, leaky ReLU near 0) would otherwise ask for a very wide proposal. */
    static final double LAM2_MAX = 4.0;
    /** Below this tilted mass the proposal falls back to (0, 1) (RIS-SPEC §5). */
    static final double MIN_MASS = 1e-30;

    private static final GaussHermite RULE = GaussHermite.standardNormal(NODES);

    /**
     * The proposals of both moments; {@code centre} (no gradient) is the constant c the second moment
     * is taken about (E(f − c)²), or null for E f² itself (the ReLU closed forms).
     */
    record Pair(RisProposal.TauLambda first, RisProposal.TauLambda second, NDArray centre) {
        Pair(RisProposal.TauLambda first, RisProposal.TauLambda second) {
            this(first, second, null);
        }
    }

    private GaussHermiteProposal() {}

    /**
     * Both proposals under stop-gradient for {@code proposal}'s family: NONE gives (0, 1) and no centre; the
     * families without a variance (TILT, TILT_APX, TAYLOR) get λ = 1; MM and MM_APX get λ² from the
     * tilt, clamped to [lam2Min, {@value #LAM2_MAX}]. τ is clamped to ±tauMax; units that are not live,
     * a tilted mass below 1e-30 or a non-finite result fall back to (0, 1).
     */
    static Pair compute(ActivationFunction f, PreActivation pre, RisConfig config) {
        NDArray m = pre.m().stopGradient();
        if (config.proposal() == RisProposal.NONE) {
            RisProposal.TauLambda mc = new RisProposal.TauLambda(m.zerosLike(), m.onesLike());
            return new Pair(mc, mc, null);
        }
        boolean withLambda = config.proposal() == RisProposal.MM || config.proposal() == RisProposal.MM_APX;
        NDArray[] out = new NDArray[5];
        try (NDScope scope = new NDScope()) {
            NDArray sd = pre.sd().stopGradient();
            long[] dims = new long[m.getShape().dimension() + 1];
            java.util.Arrays.fill(dims, 1L);
            dims[0] = NODES;
            Shape nodeShape = new Shape(dims);
            NDArray t = constant(m.getManager(), RULE.nodes(), m.getDataType()).reshape(nodeShape);
            NDArray w = constant(m.getManager(), RULE.weights(), m.getDataType()).reshape(nodeShape);
            NDArray fa = f.apply(m.expandDims(0).add(sd.expandDims(0).mul(t)));
            RisProposal.TauLambda first = tilt(fa.abs(), t, w, pre.live(), withLambda, config);
            NDArray centre = centre(f, m, fa.mul(w).sum(new int[] {0}));
            RisProposal.TauLambda second = tilt(fa.sub(centre.expandDims(0)).square(), t, w, pre.live(), withLambda, config);
            out[0] = first.tau();
            out[1] = first.lambda();
            out[2] = second.tau();
            out[3] = second.lambda();
            out[4] = centre;
            NDScope.unregister(out);
        }
        for (NDArray a : out) {
            NDScope.register(a);
        }
        return new Pair(new RisProposal.TauLambda(out[0], out[1]), new RisProposal.TauLambda(out[2], out[3]), out[4]);
    }

    /** The quadrature mean where f saturates over q (tanh; GELU and SiLU for m < 0), 0 elsewhere. */
    private static NDArray centre(ActivationFunction f, NDArray m, NDArray quadratureMean) {
        switch (f) {
            case TANH:
                return quadratureMean;
            case GELU:
            case SILU:
                return NDArrays.where(m.lt(0f), quadratureMean, quadratureMean.zerosLike());
            default:
                return quadratureMean.zerosLike();
        }
    }

    /** Mean and variance of t under g(t)·φ(t) by the rule (t, w), with the guards of {@link #compute}. */
    private static RisProposal.TauLambda tilt(NDArray g, NDArray t, NDArray w, NDArray live, boolean withLambda,
                                              RisConfig config) {
        NDArray gw = g.mul(w);
        NDArray mass = gw.sum(new int[] {0});
        NDArray tau = gw.mul(t).sum(new int[] {0}).div(mass);
        NDArray lam2 = gw.mul(t.square()).sum(new int[] {0}).div(mass).sub(tau.square());
        NDArray bad = live.logicalNot().logicalOr(mass.lt(MIN_MASS))
                .logicalOr(tau.isNaN()).logicalOr(tau.isInfinite())
                .logicalOr(lam2.isNaN()).logicalOr(lam2.isInfinite());
        tau = NDArrays.where(bad, tau.zerosLike(), tau.clip(-config.tauMax(), config.tauMax()));
        NDArray lam = withLambda
                ? NDArrays.where(bad, tau.onesLike(), lam2.clip(config.lam2Min(), LAM2_MAX).sqrt())
                : tau.onesLike();
        return new RisProposal.TauLambda(tau, lam);
    }

    private static NDArray constant(NDManager manager, double[] values, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f);
    }
}
