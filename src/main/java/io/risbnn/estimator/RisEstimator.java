package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.objective.Objective;
import io.risbnn.variational.GaussianPosterior;

/**
 * Reparameterized Importance Sampling of a layer's first moment, RIS-SPEC §5. For every output unit
 * and example, t = τ + λξ is drawn from the proposal N(τ, λ²) (parameters under stop-gradient), the
 * pre-activation is a = m + sd·t (so gradients reach μ, ρ and the input), and the exact log-ratio
 * log γ = log N(t; 0, 1) − log N(t; τ, λ²) weighs δ(a). The estimate (1/M) Σ γ δ(a) is unbiased for
 * any τ, λ; gradients are unbiased because γ does not depend on θ.
 *
 * <p>{@link RisConfig.Space#WEIGHT} runs the poster's literal form (w = μ + s·ε with the mean-shifted
 * ε = τ·d + ξ, d = s⊙z/sd, one weight per output unit) for dense layers; it equals the pre-activation
 * form with the same noise (spec T8). It applies the mean shift only (λ = 1).
 */
public final class RisEstimator implements Estimator {
    public static final String NAME = "ris";

    private final RisConfig config;

    public RisEstimator(RisConfig config) {
        this.config = config;
    }

    public RisEstimator() {
        this(RisConfig.defaults());
    }

    public RisConfig config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Objective objective) {
        return objective == Objective.MOMENT;
    }

    /** One importance-sampling draw: pre-activations a [M, …] and their log-weights [M, …]. */
    public record Draw(NDArray preActivation, NDArray logWeight) {}

    @Override
    public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
        PreActivation pre = PreActivation.of(layer, input);
        Activation f = layer.activation();
        if (config.space() != RisConfig.Space.WEIGHT || f == Activation.NONE) {
            return activationMoment(layer.layerName(), f, pre, ctx);
        }
        int samples = ctx.samples();
        RisProposal.TauLambda proposal = proposal(pre);
        NDArray xi = input.getManager().randomNormal(
                new Shape(samples).addAll(pre.m().getShape()).add(input.getShape().get(1)));
        NDArray xiBias = layer.bias() == null ? null : input.getManager().randomNormal(
                new Shape(samples).addAll(pre.m().getShape()));
        return estimate(layer.layerName(), f, pre, weightSpaceDraw(layer, input, pre, proposal.tau(), xi, xiBias), ctx);
    }

    /**
     * The pre-activation-space RIS of given moments. For a layer this is the default {@link #forward};
     * blocks that transform (m, v) before the nonlinearity call it directly.
     */
    @Override
    public NDArray activationMoment(String layerName, Activation activation, PreActivation pre, ForwardContext ctx) {
        if (activation == Activation.NONE) {
            return pre.m();
        }
        if (config.gradient() == RisConfig.Gradient.HYBRID) {
            return hybrid(layerName, activation, pre, ctx);
        }
        RisProposal.TauLambda proposal = proposal(pre);
        NDArray xi = pre.m().getManager().randomNormal(new Shape(ctx.samples()).addAll(pre.m().getShape()));
        return estimate(layerName, activation, pre, preActivationDraw(pre, proposal, xi), ctx);
    }

    /**
     * HYBRID in pre-activation space: the RIS value carries no gradient, so it is computed from the
     * detached moments in a scope of its own whose M-sample intermediates (t, a, log γ, δ(a), …) are freed
     * as soon as the value exists, instead of living until the training step ends (on a ResNet-20 at
     * batch 128 and M = 10 they took over 12 GB). The same draws in the same order as {@link #estimate}.
     */
    private NDArray hybrid(String layerName, Activation f, PreActivation pre, ForwardContext ctx) {
        NDArray value;
        try (NDScope scope = new NDScope()) {
            PreActivation detached = new PreActivation(pre.m().stopGradient(), pre.v().stopGradient(),
                    pre.sd().stopGradient(), pre.live());
            RisProposal.TauLambda proposal = proposal(detached);
            NDArray xi = pre.m().getManager().randomNormal(new Shape(ctx.samples()).addAll(pre.m().getShape()));
            Draw draw = preActivationDraw(detached, proposal, xi);
            value = weightedMean(f, draw, config.selfNormalize());
            if (ctx.collectDiagnostics()) {
                ctx.recordEss(layerName, essFraction(draw.logWeight(), pre.live()));
            }
            NDScope.unregister(value);
        }
        NDScope.register(value);
        NDArray mc = LrtEstimator.monteCarloMean(f, pre, ctx.samples());
        return NDArrays.where(pre.live(), value.add(mc).sub(mc.stopGradient()), f.apply(pre.m()));
    }

    /** The weighted mean of a draw, the ESS diagnostic, HYBRID gradients, and δ(m) where the unit is not live. */
    private NDArray estimate(String layerName, Activation f, PreActivation pre, Draw draw, ForwardContext ctx) {
        NDArray value = weightedMean(f, draw, config.selfNormalize());
        if (ctx.collectDiagnostics()) {
            ctx.recordEss(layerName, essFraction(draw.logWeight(), pre.live()));
        }
        NDArray out = value;
        if (config.gradient() == RisConfig.Gradient.HYBRID) {
            NDArray mc = LrtEstimator.monteCarloMean(f, pre, ctx.samples());
            out = value.stopGradient().add(mc).sub(mc.stopGradient());
        }
        return NDArrays.where(pre.live(), out, f.apply(pre.m()));
    }

    /** τ, λ from α with the spec's guards: τ ≤ tauMax, and (0, 1) where non-finite or not live. */
    public RisProposal.TauLambda proposal(PreActivation pre) {
        RisProposal.TauLambda raw = config.proposal().compute(pre.standardisedMean(), config);
        NDArray tau = raw.tau().minimum(config.tauMax());
        NDArray lam = raw.lambda();
        NDArray bad = pre.live().logicalNot()
                .logicalOr(tau.isNaN()).logicalOr(tau.isInfinite())
                .logicalOr(lam.isNaN()).logicalOr(lam.isInfinite());
        tau = NDArrays.where(bad, tau.zerosLike(), tau);
        lam = NDArrays.where(bad, lam.onesLike(), lam);
        return new RisProposal.TauLambda(tau, lam);
    }

    /** t = τ + λξ, a = m + sd·t, log γ = −t²/2 + ξ²/2 + log λ, for given noise ξ [M, …]. */
    public static Draw preActivationDraw(PreActivation pre, RisProposal.TauLambda proposal, NDArray xi) {
        NDArray tau = proposal.tau().expandDims(0);
        NDArray lam = proposal.lambda().expandDims(0);
        NDArray t = tau.add(lam.mul(xi));
        NDArray logW = t.square().mul(-0.5).add(xi.square().mul(0.5)).add(lam.log());
        NDArray a = pre.m().expandDims(0).add(pre.sd().expandDims(0).mul(t));
        return new Draw(a, logW);
    }

    /**
     * Weight-space form for a dense layer: input u [B, n], noise ξ [M, B, k, n] (and ξ_b [M, B, k] for
     * the bias, an extra input fixed at 1). ε = τ·d + ξ, w = μ + s⊙ε, a = Σ_n w·u (+ μ_b + s_b·ε_b),
     * log γ = −τ(d·ξ) − τ²/2. The direction d is part of the proposal, hence under stop-gradient.
     */
    public static Draw weightSpaceDraw(VariationalLayerView layer, NDArray input, PreActivation pre,
                                       NDArray tau, NDArray xi, NDArray xiBias) {
        if (!layer.linearMap().isDense()) {
            throw new IllegalArgumentException("weight-space RIS is defined for dense layers only (layer " + layer.layerName() + ")");
        }
        GaussianPosterior weight = layer.weight();
        NDArray s = weight.sigma();                                   // [k, n]
        NDArray sd = pre.sd().stopGradient();                         // [B, k]
        NDArray u = input.expandDims(1);                              // [B, 1, n]
        NDArray d = s.stopGradient().expandDims(0).mul(input.stopGradient().expandDims(1))
                .div(sd.expandDims(2));                               // [B, k, n]
        NDArray tau4 = tau.expandDims(0).expandDims(3);               // [1, B, k, 1]
        NDArray eps = tau4.mul(d.expandDims(0)).add(xi);              // [M, B, k, n]
        NDArray w = weight.mu().expandDims(0).expandDims(0).add(s.expandDims(0).expandDims(0).mul(eps));
        NDArray a = w.mul(u.expandDims(0)).sum(new int[] {3});       // [M, B, k]
        NDArray projected = d.expandDims(0).mul(xi).sum(new int[] {3}); // d·ξ [M, B, k]
        GaussianPosterior bias = layer.bias();
        if (bias != null) {
            NDArray sb = bias.sigma();
            NDArray db = sb.stopGradient().expandDims(0).div(sd);     // [B, k]
            NDArray epsB = tau.mul(db).expandDims(0).add(xiBias);
            a = a.add(bias.mu().add(sb.expandDims(0).expandDims(0).mul(epsB)));
            projected = projected.add(db.expandDims(0).mul(xiBias));
        }
        NDArray tau3 = tau.expandDims(0);
        NDArray logW = tau3.mul(projected).neg().sub(tau3.square().mul(0.5));
        return new Draw(a, logW);
    }

    /** (1/M) Σ γ δ(a), or the self-normalised Σ γ δ(a) / Σ γ (biased; ablation only). */
    public static NDArray weightedMean(Activation f, Draw draw, boolean selfNormalize) {
        NDArray fa = f.apply(draw.preActivation());
        if (!selfNormalize) {
            return draw.logWeight().exp().mul(fa).mean(new int[] {0});
        }
        NDArray shifted = draw.logWeight().sub(draw.logWeight().max(new int[] {0}, true)).exp();
        return shifted.mul(fa).sum(new int[] {0}).div(shifted.sum(new int[] {0}));
    }

    /** Mean over live elements of (Σe)²/(M Σe²), e = exp(log γ − max_M log γ). */
    public static double essFraction(NDArray logWeight, NDArray live) {
        NDArray lw = logWeight.stopGradient();
        long samples = lw.getShape().get(0);
        NDArray e = lw.sub(lw.max(new int[] {0}, true)).exp();
        NDArray ess = e.sum(new int[] {0}).square().div(e.square().sum(new int[] {0}).mul(samples));
        NDArray liveF = live.toType(ess.getDataType(), false);
        double count = liveF.sum().toType(DataType.FLOAT64, false).getDouble();
        return count == 0 ? 1.0 : ess.mul(liveF).sum().toType(DataType.FLOAT64, false).getDouble() / count;
    }
}
