package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.objective.Objective;
import io.risbnn.tensor.Scalars;
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
    /** The CLI name, {@code --estimator ris}. */
    public static final String NAME = "ris";

    private final RisConfig config;

    /**
     * An RIS estimator with the given options.
     *
     * @param config proposal, gradient form, space and guards
     */
    public RisEstimator(RisConfig config) {
        this.config = config;
    }

    /** An RIS estimator with {@link RisConfig#defaults()}. */
    public RisEstimator() {
        this(RisConfig.defaults());
    }

    /**
     * The options this estimator runs with.
     *
     * @return the RIS configuration
     */
    public RisConfig config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Objective objective) {
        return objective == Objective.MOMENT || objective == Objective.MEAN_VAR;
    }

    /**
     * Mean and variance of f(a), a ~ N(pre.m, pre.v), by RIS of both moments ({@link RisMoments}): (m, v)
     * for NONE, (f(m), 0) where the unit is not live, the variance clamped at 0. Pre-activation space
     * whatever {@link RisConfig#space()} says (the input of a mean-var layer is random, so the weight-space
     * form does not apply).
     */
    @Override
    public MeanVar activationMeanVar(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        if (activation == ActivationFunction.NONE) {
            return new MeanVar(pre.m(), pre.v());
        }
        return new RisMoments(this).meanVar(layerName, activation, pre, ctx);
    }

    /**
     * The raw estimates of E f, E f² and Var f behind {@link #activationMeanVar}.
     *
     * @param layerName the layer, for the ESS diagnostic
     * @param activation the nonlinearity f
     * @param pre the Gaussian marginal of the pre-activations
     * @param ctx the forward pass's context (M samples, diagnostics)
     * @return the unclamped estimates, each the shape of {@code pre.m()}
     */
    public MomentEstimate moments(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        return new RisMoments(this).estimate(layerName, activation, pre, ctx);
    }

    /**
     * One importance-sampling draw: pre-activations a [M, …] and their log-weights [M, …].
     *
     * @param preActivation the drawn pre-activations a [M, …], differentiable in m and sd
     * @param logWeight log γ = log N(t; 0, 1) − log N(t; τ, λ²) [M, …], no gradient through the proposal
     */
    public record Draw(NDArray preActivation, NDArray logWeight) {}

    @Override
    public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
        PreActivation pre = PreActivation.of(layer, input);
        ActivationFunction f = layer.activation();
        if (config.space() != RisConfig.Space.WEIGHT || f == ActivationFunction.NONE) {
            return activationMoment(layer.layerName(), f, pre, ctx);
        }
        int samples = ctx.samples();
        RisProposal.TauLambda proposal = firstProposal(f, pre);
        NDArray xi = NormalStream.standardNormal(input.getManager(),
                new Shape(samples).addAll(pre.m().getShape()).add(input.getShape().get(1)));
        NDArray xiBias = layer.bias() == null ? null : NormalStream.standardNormal(input.getManager(),
                new Shape(samples).addAll(pre.m().getShape()));
        return estimate(layer.layerName(), f, pre, weightSpaceDraw(layer, input, pre, proposal.tau(), xi, xiBias), ctx);
    }

    /**
     * The pre-activation-space RIS of given moments. For a layer this is the default {@link #forward};
     * blocks that transform (m, v) before the nonlinearity call it directly.
     */
    @Override
    public NDArray activationMoment(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        if (activation == ActivationFunction.NONE) {
            return pre.m();
        }
        if (activation != ActivationFunction.RELU && config.gradient().isHybrid()) {
            return generalHybrid(layerName, activation, pre, ctx);
        }
        if (config.gradient() == RisConfig.Gradient.HYBRID && RisKernel.computesProposals(config)
                && RisKernel.applies(pre.m(), pre.sd())) {
            // one pass with ξ from the stream: 0.84 of the tensor form's ResNet-20 step at M = 10, 0.55 of its peak RSS
            return new RisMoments(this).finishedMean(layerName, pre, ctx);
        }
        if (config.gradient().isHybrid()) {
            return hybrid(layerName, activation, pre, ctx);
        }
        RisProposal.TauLambda proposal = firstProposal(activation, pre);
        NDArray xi = NormalStream.standardNormal(pre.m().getManager(), new Shape(ctx.samples()).addAll(pre.m().getShape()));
        return estimate(layerName, activation, pre, preActivationDraw(pre, proposal, xi), ctx);
    }

    /**
     * HYBRID in pre-activation space: the RIS value carries no gradient, so it is computed from the
     * detached moments in a scope of its own whose M-sample intermediates are freed as soon as the value
     * exists, instead of living until the training step ends (on a ResNet-20 at batch 128 and M = 10 they
     * took over 12 GB). The Jacobian comes from the MC draw m + sd·ξ with the same ξ (HYBRID) or a second,
     * independent ξ (HYBRID_INDEPENDENT, drawn after the first). Only ReLU reaches here (NONE returns m;
     * other activations take {@link #generalHybrid}); HYBRID with the default MM_APX proposal on float32 CPU
     * arrays takes the one-pass kernel instead ({@link RisKernel#finishedMean}), which equals this form on the same ξ.
     */
    private NDArray hybrid(String layerName, ActivationFunction f, PreActivation pre, ForwardContext ctx) {
        Shape drawShape = new Shape(ctx.samples()).addAll(pre.m().getShape());
        return hybrid(layerName, pre, NormalStream.standardNormal(pre.m().getManager(), drawShape), ctx);
    }

    /**
     * {@link #hybrid} on given noise ξ [M, …] (closed by it): also the reference of the kernel path in tests.
     */
    NDArray hybrid(String layerName, PreActivation pre, NDArray xi, ForwardContext ctx) {
        ActivationFunction f = ActivationFunction.RELU;
        Shape drawShape = xi.getShape();
        // m/sd without standardisedMean's where (a scalar loop over [B, …]): sd ≥ 1e-15 keeps α finite
        // where a unit is not live, and such units are replaced by δ(m) at the end
        NDArray alpha = pre.m().stopGradient().div(pre.sd().stopGradient());
        NDArray value;
        try (NDScope scope = new NDScope()) {
            PreActivation detached = new PreActivation(pre.m().stopGradient(), pre.v().stopGradient(),
                    pre.sd().stopGradient(), pre.live());
            // the closed-form proposals are finite for every finite α (clipped to ±1e6) and the units that
            // are not live are replaced by δ(m) below, so the guards are skipped for them: a dozen [B, …]
            // operations per layer, two of them scalar-loop wheres
            RisProposal.TauLambda proposal = config.proposal().isClosedForm() ? cappedProposal(alpha)
                    : proposal(detached, alpha);
            value = reluValue(alpha, detached.sd(), proposal, xi);
            if (ctx.collectDiagnostics()) {
                ctx.recordEss(layerName, essFraction(preActivationDraw(detached, proposal, xi).logWeight(), pre.live()));
            }
            NDScope.unregister(value);
        }
        NDScope.register(value);
        NDArray mcNoise = config.gradient() == RisConfig.Gradient.HYBRID ? xi
                : NormalStream.standardNormal(pre.m().getManager(), drawShape);
        NDArray jacobianTerm = monteCarloJacobianTerm(pre, alpha, mcNoise);
        xi.close();       // the [M, …] draws are off the autograd tape once the Jacobians exist: free them now
        if (mcNoise != xi) {
            mcNoise.close();
        }
        return NDArrays.where(pre.live(), value.add(jacobianTerm), f.apply(pre.m()));
    }

    /**
     * HYBRID for an activation other than ReLU: the RIS value from the Gauss–Hermite proposal of |f|·φ,
     * and the Jacobian of the MC estimate (1/M) Σ f(m + sd·ξ) on the same ξ (or a fresh one) by autograd.
     */
    private NDArray generalHybrid(String layerName, ActivationFunction f, PreActivation pre, ForwardContext ctx) {
        NDArray xi = NormalStream.standardNormal(pre.m().getManager(), new Shape(ctx.samples()).addAll(pre.m().getShape()));
        NDArray value;
        try (NDScope scope = new NDScope()) {
            PreActivation detached = detach(pre);
            Draw draw = preActivationDraw(detached, GaussHermiteProposal.compute(f, detached, config).first(), xi);
            value = weightedMean(f, draw, config.selfNormalize());
            if (ctx.collectDiagnostics()) {
                ctx.recordEss(layerName, essFraction(draw.logWeight(), pre.live()));
            }
            NDScope.unregister(value);
        }
        NDScope.register(value);
        NDArray mc = monteCarloMean(f, pre, mcNoise(pre, xi));
        return NDArrays.where(pre.live(), value.add(mc.sub(mc.stopGradient())), f.apply(pre.m()));
    }

    /** ξ itself under HYBRID; a fresh draw of its shape under HYBRID_INDEPENDENT. */
    private NDArray mcNoise(PreActivation pre, NDArray xi) {
        return config.gradient() == RisConfig.Gradient.HYBRID ? xi : NormalStream.standardNormal(pre.m().getManager(), xi.getShape());
    }

    /** (1/M) Σ f(m + sd·ξ) for given ξ [M, …], differentiable in m and sd. */
    private static NDArray monteCarloMean(ActivationFunction f, PreActivation pre, NDArray xi) {
        NDArray a = pre.m().expandDims(0).add(pre.sd().expandDims(0).mul(xi));
        return Scalars.mul(f.apply(a).sum(new int[] {0}), 1.0 / xi.getShape().get(0));
    }

    private static PreActivation detach(PreActivation pre) {
        return new PreActivation(pre.m().stopGradient(), pre.v().stopGradient(), pre.sd().stopGradient(), pre.live());
    }

    /**
     * Zero in value, with the gradient of the MC estimate (1/M) Σ relu(m + sd·ξ): that gradient is
     * J_m·dm + J_sd·dsd with J_m = mean 1{m + sd·ξ > 0} and J_sd = mean 1{m + sd·ξ > 0}·ξ, so the term
     * J_m·(m − sg m) + J_sd·(sd − sg sd) gives it with the Jacobians computed once without autograd:
     * six passes over [M, …] instead of the nine that the MC draw and its backward pass take. Where a
     * unit is live, m + sd·ξ > 0 ⇔ s = sign(ξ + α) = 1, so 1{…} = (s + 1)/2 (s = 0 has probability 0):
     * J_m = (mean s + 1)/2 and J_sd = (mean s·ξ + mean ξ)/2, all in float arithmetic (a comparison and
     * its bool-to-float copy are scalar loops in PyTorch, several times slower). Elsewhere the caller
     * replaces the term.
     *
     * @param alpha m/sd (at least where live), no gradient
     */
    static NDArray monteCarloJacobianTerm(PreActivation pre, NDArray alpha, NDArray xi) {
        NDArray m = pre.m();
        NDArray sd = pre.sd();
        NDArray dm;
        NDArray dsd;
        try (NDScope scope = new NDScope()) {
            NDArray sign = xi.add(alpha).signi();
            dm = sign.mean(new int[] {0}).addi(1f).muli(0.5f);
            dsd = sign.muli(xi).mean(new int[] {0}).addi(xi.mean(new int[] {0})).muli(0.5f);
            NDScope.unregister(dm, dsd);
        }
        NDScope.register(dm);
        NDScope.register(dsd);
        return dm.mul(m.sub(m.stopGradient())).add(dsd.mul(sd.sub(sd.stopGradient())));
    }

    /**
     * (1/M) Σ γ relu(a) for the draw {@link #preActivationDraw} makes from the same ξ, arranged for speed.
     * With a = sd·(α + τ + λξ) = sd·λ·(k + ξ), k = (α + τ)/λ, and log γ = (log λ − τ²/2) − τλ·ξ +
     * ((1 − λ²)/2)·ξ², the per-unit factor sd·λ²·exp(−τ²/2) leaves the sum over M, which then needs
     * eight passes over [M, …] instead of fourteen (ξ + k, relu, ξ·c₂, + c₁, ·ξ, exp, ·relu, mean; three
     * of them in place). No overflow in float32: |τλξ| ≤ 8·|ξ| and exp(−τ²/2) ≥ e⁻³² for τ ≤ tauMax = 8.
     *
     * @param alpha m/sd (at least where live; any finite value elsewhere)
     */
    static NDArray reluValue(NDArray alpha, NDArray sd, RisProposal.TauLambda proposal, NDArray xi) {
        NDArray tau = proposal.tau();
        NDArray lam = proposal.lambda();
        NDArray k = alpha.add(tau).divi(lam);
        NDArray c1 = tau.mul(lam).negi();
        NDArray c2 = lam.square().negi().addi(1f).muli(0.5f);
        NDArray factor = tau.square().muli(-0.5f).exp().muli(lam.square()).muli(sd);
        NDArray positivePart = xi.add(k).getNDArrayInternal().relu();
        NDArray weight = xi.mul(c2).addi(c1).muli(xi).exp();
        return weight.muli(positivePart).mean(new int[] {0}).muli(factor);
    }

    /** The weighted mean of a draw, the ESS diagnostic, HYBRID gradients, and δ(m) where the unit is not live. */
    private NDArray estimate(String layerName, ActivationFunction f, PreActivation pre, Draw draw, ForwardContext ctx) {
        NDArray value = weightedMean(f, draw, config.selfNormalize());
        if (ctx.collectDiagnostics()) {
            ctx.recordEss(layerName, essFraction(draw.logWeight(), pre.live()));
        }
        NDArray out = value;
        if (config.gradient().isHybrid()) {      // weight space: always an independent MC draw
            NDArray mc = LrtEstimator.monteCarloMean(f, pre, ctx.samples());
            out = value.stopGradient().add(mc).sub(mc.stopGradient());
        }
        return NDArrays.where(pre.live(), out, f.apply(pre.m()));
    }

    /**
     * τ, λ from α with the spec's guards: τ ≤ tauMax, and (0, 1) where non-finite or not live.
     *
     * @param pre the pre-activation marginal; α = {@link PreActivation#standardisedMean()}
     * @return the ReLU proposal of {@link RisConfig#proposal()}, the shape of {@code pre.m()}, no gradient
     */
    public RisProposal.TauLambda proposal(PreActivation pre) {
        return proposal(pre, pre.standardisedMean());
    }

    /**
     * The first-moment proposal for activation f: the ReLU closed forms of {@link RisConfig#proposal()}
     * for ReLU, the Gauss–Hermite tilt of |f|·φ otherwise ({@link GaussHermiteProposal}).
     *
     * @param f the nonlinearity
     * @param pre the pre-activation marginal
     * @return τ and λ of the standardised proposal, the shape of {@code pre.m()}, no gradient
     */
    public RisProposal.TauLambda firstProposal(ActivationFunction f, PreActivation pre) {
        return f == ActivationFunction.RELU ? proposal(pre) : GaussHermiteProposal.compute(f, pre, config).first();
    }

    /**
     * The proposals of E f and E f², guarded: for ReLU the closed forms ({@link RisProposal} and its
     * second-moment counterpart {@link RisSecondMoment}, both τ ≤ tauMax); the Gauss–Hermite tilts of
     * |f|·φ and f²·φ otherwise.
     *
     * @param alpha m/sd, no gradient (used for ReLU only)
     */
    GaussHermiteProposal.Pair proposals(ActivationFunction f, PreActivation pre, NDArray alpha) {
        if (f != ActivationFunction.RELU) {
            return GaussHermiteProposal.compute(f, pre, config);
        }
        RisProposal.TauLambda second = RisSecondMoment.compute(config.proposal(), alpha, config);
        second = new RisProposal.TauLambda(second.tau().minimum(config.tauMax()), second.lambda());
        return new GaussHermiteProposal.Pair(proposal(pre, alpha), guarded(pre, second));
    }

    /** τ ≤ tauMax and λ from α, without the guards. */
    private RisProposal.TauLambda cappedProposal(NDArray alpha) {
        RisProposal.TauLambda raw = config.proposal().compute(alpha, config);
        return new RisProposal.TauLambda(raw.tau().minimum(config.tauMax()), raw.lambda());
    }

    /** {@link #proposal(PreActivation)} for α = pre.standardisedMean() computed by the caller. */
    RisProposal.TauLambda proposal(PreActivation pre, NDArray alpha) {
        return guarded(pre, cappedProposal(alpha));
    }

    /** (0, 1) where τ or λ is non-finite or the unit is not live. */
    private static RisProposal.TauLambda guarded(PreActivation pre, RisProposal.TauLambda raw) {
        NDArray tau = raw.tau();
        NDArray lam = raw.lambda();
        NDArray bad = pre.live().logicalNot()
                .logicalOr(tau.isNaN()).logicalOr(tau.isInfinite())
                .logicalOr(lam.isNaN()).logicalOr(lam.isInfinite());
        tau = NDArrays.where(bad, tau.zerosLike(), tau);
        lam = NDArrays.where(bad, lam.onesLike(), lam);
        return new RisProposal.TauLambda(tau, lam);
    }

    /**
     * t = τ + λξ, a = m + sd·t, log γ = −t²/2 + ξ²/2 + log λ, for given noise ξ [M, …].
     *
     * @param pre the pre-activation marginal, shape [B, …]
     * @param proposal τ and λ, shape [B, …]
     * @param xi standard-normal noise [M, B, …]
     * @return the draw: a and log γ, both [M, B, …]
     */
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
     *
     * @param layer a dense layer
     * @param input its input u [B, n]
     * @param pre the layer's pre-activation marginal for {@code input}, [B, k]
     * @param tau the mean shift τ [B, k] of the standardised proposal (λ = 1 here)
     * @param xi weight noise ξ [M, B, k, n]
     * @param xiBias bias noise ξ_b [M, B, k], or null when the layer has no bias
     * @return the draw: a and log γ, both [M, B, k]
     * @throws IllegalArgumentException if the layer is not dense
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

    /**
     * (1/M) Σ γ δ(a), or the self-normalised Σ γ δ(a) / Σ γ (biased; ablation only).
     *
     * @param f the nonlinearity δ
     * @param draw pre-activations and log-weights [M, …]
     * @param selfNormalize whether to divide by Σ γ instead of M
     * @return the estimate of E δ(a), shape […] (the sample axis reduced)
     */
    public static NDArray weightedMean(ActivationFunction f, Draw draw, boolean selfNormalize) {
        NDArray fa = f.apply(draw.preActivation());
        if (!selfNormalize) {   // sum × (1/M) like LrtEstimator.monteCarloMean (cheaper backward than mean)
            return Scalars.mul(draw.logWeight().exp().mul(fa).sum(new int[] {0}), 1.0 / fa.getShape().get(0));
        }
        NDArray shifted = draw.logWeight().sub(draw.logWeight().max(new int[] {0}, true)).exp();
        return shifted.mul(fa).sum(new int[] {0}).div(shifted.sum(new int[] {0}));
    }

    /**
     * Mean over live elements of (Σe)²/(M Σe²), e = exp(log γ − max_M log γ): the importance sampler's
     * effective sample size as a fraction of M (1 for plain MC, near 0 for a degenerate proposal).
     *
     * @param logWeight log γ [M, …]
     * @param live the units to average over, boolean […]
     * @return ESS/M in (0, 1], averaged over live units; 1 if none is live
     */
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
