package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.tensor.Scalars;

/**
 * RIS of both moments of an activation, E f(a) and E f(a)² for a ~ N(m, sd²): the MEAN_VAR half of
 * {@link RisEstimator}. Each moment is importance-sampled in pre-activation space with its own Gaussian
 * proposal for t = (a − m)/sd (τ₁, λ₁ from |f|·φ; τ₂, λ₂ from relu²·φ for ReLU, and for other
 * activations from (f − c)²·φ, the second moment about the quadrature mean c: see
 * {@link GaussHermiteProposal}; all under stop-gradient) and the exact
 * log-space weight log γ = log N(t; 0, 1) − log N(t; τ, λ²). One draw ξ [M, …] serves both
 * (t₁ = τ₁ + λ₁ξ, t₂ = τ₂ + λ₂ξ), so each estimate stays unbiased while their errors are correlated,
 * which is what makes second − mean² accurate for units that are clearly on. The variance is
 * {@link MomentEstimate#fromSamples}'s unbiased form.
 *
 * <p>Gradients: PATHWISE differentiates the weighted estimates through a = m + sd·t (γ constant).
 * HYBRID takes the values from RIS and the gradients of the plain MC estimates on the same ξ
 * (HYBRID_INDEPENDENT: a fresh ξ) — of the MC mean, second moment and unbiased sample variance,
 * each unbiased for the gradient of its target — written as value = stopGrad(ris) + mc − stopGrad(mc).
 * At M = 1 the MC sample variance is identically 0, so its gradient is replaced by that of
 * f² − 2·stopGrad(mean_ris)·f. Self-normalisation is not applied to mean-var.
 */
final class RisMoments {
    /** As {@link RisProposal}: live units have |α| < 1e6, so this clamp only keeps other units finite. */
    private static final float ALPHA_CLAMP = 1e6f;

    private final RisEstimator estimator;

    RisMoments(RisEstimator estimator) {
        this.estimator = estimator;
    }

    /**
     * The MEAN_VAR output, {@code estimate(…).finish(f, pre)}: for ReLU under HYBRID with MM_APX proposals on
     * float32 CPU arrays in one pass of {@link RisKernel#finishedMeanVar} (the same numbers on the same ξ, with
     * neither α, the second moment nor the clamp and fallback as arrays: about a dozen [B, …] arrays fewer per
     * layer that the step would keep until it ends), otherwise by {@link #estimate} and {@link MomentEstimate#finish}.
     */
    MeanVar meanVar(String layerName, ActivationFunction f, PreActivation pre, ForwardContext ctx) {
        RisConfig config = estimator.config();
        if (f == ActivationFunction.RELU && config.gradient() == RisConfig.Gradient.HYBRID
                && RisKernel.computesProposals(config) && RisKernel.applies(pre.m(), pre.sd())) {
            // ξ is computed in the pass from a counter-based stream: no [M, …] array, and no single-threaded draw
            return finishedMeanVar(layerName, pre, NormalStream.draw(pre.m().getManager()), ctx);
        }
        return estimate(layerName, f, pre, ctx).finish(f, pre);
    }

    /**
     * MOMENT's ReLU output under HYBRID with MM_APX proposals on float32 CPU arrays: the first moment of
     * {@link #meanVar}'s pass, value + J_m·(m − sg m) + J_v·(v − sg v), relu(m) where the unit is not live. The
     * same estimator as {@link RisEstimator}'s tensor form on the same ξ (RIS value, MC Jacobians), with ξ from
     * the stream in the pass.
     */
    NDArray finishedMean(String layerName, PreActivation pre, ForwardContext ctx) {
        boolean ess = ctx.collectDiagnostics();
        RisKernel.Finished k = RisKernel.finishedMean(pre.m(), pre.sd(), pre.live(), estimator.config(), ALPHA_CLAMP,
                NormalStream.draw(pre.m().getManager()), ctx.samples(), ess);
        if (ess) {
            recordEss(layerName, pre, k.values().get(1), ctx);
        }
        return attachMean(pre, k);
    }

    /** {@link #finishedMean}'s kernel path on given noise ξ [M, …] (compared with the tensor path in tests). */
    NDArray finishedMean(PreActivation pre, NDArray xi) {
        return attachMean(pre, RisKernel.finishedMean(pre.m(), pre.sd(), pre.live(), estimator.config(), ALPHA_CLAMP,
                xi, false));
    }

    /**
     * The mean with its Jacobians attached: mean + J_m·(m − sg m) + J_v·(v − sg v). The backward pass keeps the
     * Jacobians' array only (the values' array goes with the block's temporaries), and not the graph of sd = √v.
     */
    private static NDArray attachMean(PreActivation pre, RisKernel.Finished k) {
        NDArray j = k.jacobians();
        return j.get(0).mul(pre.m().sub(pre.m().stopGradient())).add(j.get(1).mul(pre.v().sub(pre.v().stopGradient())))
                .add(k.values().get(0));
    }

    /** {@link #meanVar}'s kernel path on given noise ξ (also compared with the tensor path in tests). */
    MeanVar finishedMeanVar(PreActivation pre, NDArray xi) {
        return finishedMeanVar("", pre, xi, null);
    }

    /** {@link #meanVar}'s kernel path on the noise of {@code noise} at M = {@code samples}. */
    MeanVar finishedMeanVar(PreActivation pre, NormalStream noise, int samples) {
        return attach(pre, RisKernel.finishedMeanVar(pre.m(), pre.sd(), pre.live(), estimator.config(), ALPHA_CLAMP,
                noise, samples, false));
    }

    private MeanVar finishedMeanVar(String layerName, PreActivation pre, NormalStream noise, ForwardContext ctx) {
        boolean ess = ctx.collectDiagnostics();
        RisKernel.Finished k = RisKernel.finishedMeanVar(pre.m(), pre.sd(), pre.live(), estimator.config(), ALPHA_CLAMP, noise,
                ctx.samples(), ess);
        if (ess) {
            recordEss(layerName, pre, k.values().get(2), ctx);
        }
        return attach(pre, k);
    }

    /**
     * As {@link #finishedMeanVar(PreActivation, NDArray)}; if {@code ctx} collects diagnostics, the kernel also
     * gives each unit's ESS fraction, and their mean over live units is recorded for the layer (the tensor path
     * formed it from [M, …] log-weights, which set a run's peak memory on its diagnostic steps).
     */
    private MeanVar finishedMeanVar(String layerName, PreActivation pre, NDArray xi, ForwardContext ctx) {
        boolean ess = ctx != null && ctx.collectDiagnostics();
        RisKernel.Finished k = RisKernel.finishedMeanVar(pre.m(), pre.sd(), pre.live(), estimator.config(), ALPHA_CLAMP, xi, ess);
        if (ess) {
            recordEss(layerName, pre, k.values().get(2), ctx);
        }
        return attach(pre, k);
    }

    /** The layer's mean ESS fraction over live units, from the kernel's ESS output {@code fraction}. */
    private static void recordEss(String layerName, PreActivation pre, NDArray fraction, ForwardContext ctx) {
        try (NDScope scope = new NDScope()) {
            NDArray live = pre.live().toType(DataType.FLOAT32, false);
            double count = live.sum().toType(DataType.FLOAT64, false).getDouble();
            ctx.recordEss(layerName, count == 0 ? 1.0
                    : fraction.sum().toType(DataType.FLOAT64, false).getDouble() / count);
        }
    }

    /**
     * The kernel's values with their Jacobians attached: value + J_m·(m − sg m) + J_v·(v − sg v), for the mean and the
     * variance. The backward pass keeps the Jacobians' array only (the values' array goes with the block's
     * temporaries), and not the graph of sd = √v.
     */
    private static MeanVar attach(PreActivation pre, RisKernel.Finished k) {
        NDArray j = k.jacobians();
        NDArray dm = pre.m().sub(pre.m().stopGradient());
        NDArray dv = pre.v().sub(pre.v().stopGradient());
        NDArray values = k.values();
        return new MeanVar(j.get(0).mul(dm).add(j.get(1).mul(dv)).add(values.get(0)),
                j.get(2).mul(dm).add(j.get(3).mul(dv)).add(values.get(1)));
    }

    /** The raw estimates (before clamping the variance and the non-live fallback). */
    MomentEstimate estimate(String layerName, ActivationFunction f, PreActivation pre, ForwardContext ctx) {
        RisConfig config = estimator.config();
        NDManager manager = pre.m().getManager();
        NDArray xi = NormalStream.standardNormal(manager, new Shape(ctx.samples()).addAll(pre.m().getShape()));
        NDArray alpha = pre.m().stopGradient().div(pre.sd().stopGradient()).clip(-ALPHA_CLAMP, ALPHA_CLAMP);
        if (!config.gradient().isHybrid()) {
            GaussHermiteProposal.Pair proposals = estimator.proposals(f, pre, alpha);
            return weighted(layerName, f, pre, proposals, xi, ctx);
        }
        if (f == ActivationFunction.RELU && config.gradient() == RisConfig.Gradient.HYBRID && !ctx.collectDiagnostics()
                && RisKernel.applies(pre.m(), pre.sd(), xi)) {
            MomentEstimate fused = fused(pre, alpha, xi, RisKernel.computesProposals(config));
            xi.close();   // [M, …] and off the autograd tape: free it now, not when the step ends
            return fused;
        }
        MomentEstimate value;
        try (NDScope scope = new NDScope()) {
            PreActivation detached = new PreActivation(pre.m().stopGradient(), pre.v().stopGradient(),
                    pre.sd().stopGradient(), pre.live());
            GaussHermiteProposal.Pair proposals = estimator.proposals(f, detached, alpha);
            value = f == ActivationFunction.RELU ? relu(layerName, alpha, detached, proposals, xi, ctx)
                    : weighted(layerName, f, detached, proposals, xi, ctx);
            NDScope.unregister(value.mean(), value.second(), value.variance());
        }
        NDScope.register(value.mean());
        NDScope.register(value.second());
        NDScope.register(value.variance());
        NDArray mcNoise = config.gradient() == RisConfig.Gradient.HYBRID ? xi : NormalStream.standardNormal(manager, xi.getShape());
        MomentEstimate zero = f == ActivationFunction.RELU ? reluJacobianTerms(pre, alpha, mcNoise, value.mean())
                : monteCarloTerms(f, pre, mcNoise, value.mean());
        return new MomentEstimate(value.mean().add(zero.mean()), value.second().add(zero.second()),
                value.variance().add(zero.variance()));
    }

    /**
     * ReLU under HYBRID on float32 CPU arrays: the proposals (in the pass for the default MM_APX, else by the
     * tensor code), the M-sample values and the Jacobians in one pass of {@link RisKernel}; the same numbers
     * as the tensor path on the same ξ (to float rounding), attached as value + J_m·(m − sg m) + J_sd·(sd − sg sd).
     */
    private MomentEstimate fused(PreActivation pre, NDArray alpha, NDArray xi, boolean proposalsInPass) {
        NDArray k;
        try (NDScope scope = new NDScope()) {
            PreActivation detached = new PreActivation(pre.m().stopGradient(), pre.v().stopGradient(),
                    pre.sd().stopGradient(), pre.live());
            if (proposalsInPass) {
                k = RisKernel.meanVar(alpha, detached.sd(), pre.live(), estimator.config(), xi);
            } else {
                GaussHermiteProposal.Pair proposals = estimator.proposals(ActivationFunction.RELU, detached, alpha);
                k = RisKernel.meanVar(alpha, detached.sd(), proposals.first(), proposals.second(), xi);
            }
            NDScope.unregister(k);
        }
        NDScope.register(k);
        NDArray dm = pre.m().sub(pre.m().stopGradient());
        NDArray dsd = pre.sd().sub(pre.sd().stopGradient());
        return new MomentEstimate(k.get(3).mul(dm).add(k.get(4).mul(dsd)).add(k.get(0)),
                k.get(5).mul(dm).add(k.get(6).mul(dsd)).add(k.get(1)),
                k.get(7).mul(dm).add(k.get(8).mul(dsd)).add(k.get(2)));
    }

    /** The tensor-op estimate on given noise ξ, whatever the kernel would do: the reference in tests. */
    MomentEstimate referenceEstimate(String layerName, ActivationFunction f, PreActivation pre, NDArray xi, ForwardContext ctx) {
        NDArray alpha = pre.m().stopGradient().div(pre.sd().stopGradient()).clip(-ALPHA_CLAMP, ALPHA_CLAMP);
        MomentEstimate value;
        try (NDScope scope = new NDScope()) {
            PreActivation detached = new PreActivation(pre.m().stopGradient(), pre.v().stopGradient(),
                    pre.sd().stopGradient(), pre.live());
            GaussHermiteProposal.Pair proposals = estimator.proposals(f, detached, alpha);
            value = relu(layerName, alpha, detached, proposals, xi, ctx);
            NDScope.unregister(value.mean(), value.second(), value.variance());
        }
        NDScope.register(value.mean());
        NDScope.register(value.second());
        NDScope.register(value.variance());
        MomentEstimate zero = reluJacobianTerms(pre, alpha, xi, value.mean());
        return new MomentEstimate(value.mean().add(zero.mean()), value.second().add(zero.second()),
                value.variance().add(zero.variance()));
    }

    /**
     * The kernel's estimate on given noise ξ (ReLU, HYBRID), with the proposals from the tensor code or
     * computed in the pass: compared with {@link #referenceEstimate} in tests.
     */
    MomentEstimate fusedEstimate(PreActivation pre, NDArray xi, boolean proposalsInPass) {
        NDArray alpha = pre.m().stopGradient().div(pre.sd().stopGradient()).clip(-ALPHA_CLAMP, ALPHA_CLAMP);
        return fused(pre, alpha, xi, proposalsInPass);
    }

    /** (1/M) Σ γ₁ f(a₁) and (1/M) Σ γ₂ f(a₂)², differentiable through a = m + sd·t. */
    private static MomentEstimate weighted(String layerName, ActivationFunction f, PreActivation pre,
                                           GaussHermiteProposal.Pair proposals, NDArray xi, ForwardContext ctx) {
        RisEstimator.Draw first = RisEstimator.preActivationDraw(pre, proposals.first(), xi);
        RisEstimator.Draw second = RisEstimator.preActivationDraw(pre, proposals.second(), xi);
        if (ctx.collectDiagnostics()) {
            ctx.recordEss(layerName, RisEstimator.essFraction(first.logWeight(), pre.live()));
        }
        NDArray y1 = first.logWeight().exp().mul(f.apply(first.preActivation()));
        NDArray fa2 = f.apply(second.preActivation());
        NDArray centre = proposals.centre();
        NDArray y2 = second.logWeight().exp().mul((centre == null ? fa2 : fa2.sub(centre.expandDims(0))).square());
        return MomentEstimate.fromSamples(y1, y2, centre);
    }

    /** {@link #weighted} for ReLU, arranged as {@link RisEstimator#reluValue} (no gradient). */
    private static MomentEstimate relu(String layerName, NDArray alpha, PreActivation detached,
                                       GaussHermiteProposal.Pair proposals, NDArray xi, ForwardContext ctx) {
        if (ctx.collectDiagnostics()) {
            ctx.recordEss(layerName, RisEstimator.essFraction(
                    RisEstimator.preActivationDraw(detached, proposals.first(), xi).logWeight(), detached.live()));
        }
        NDArray y1 = reluSamples(alpha, detached.sd(), proposals.first(), xi, 1);
        NDArray y2 = reluSamples(alpha, detached.sd(), proposals.second(), xi, 2);
        return MomentEstimate.fromSamples(y1, y2);
    }

    /**
     * γ·relu(a)^p [M, …] for t = τ + λξ: with a = sd·λ·(k + ξ), k = (α + τ)/λ, and
     * log γ = log λ − τ²/2 − τλξ + ((1 − λ²)/2)ξ², it is sd^p·λ^(p+1)·e^(−τ²/2) · (k + ξ)₊^p · e^(−τλξ + (1−λ²)ξ²/2).
     */
    static NDArray reluSamples(NDArray alpha, NDArray sd, RisProposal.TauLambda proposal, NDArray xi, int power) {
        NDArray tau = proposal.tau();
        NDArray lam = proposal.lambda();
        NDArray k = alpha.add(tau).div(lam);
        NDArray c1 = tau.mul(lam).neg();
        NDArray c2 = lam.square().neg().add(1f).mul(0.5f);
        NDArray factor = tau.square().mul(-0.5f).exp().mul(lam.pow(power + 1)).mul(power == 1 ? sd : sd.square());
        NDArray positive = xi.add(k).getNDArrayInternal().relu();
        if (power == 2) {
            positive = positive.square();
        }
        return xi.mul(c2).add(c1).mul(xi).exp().mul(positive).mul(factor.expandDims(0));
    }

    /**
     * Zero-valued terms carrying the gradients of the MC estimates of mean, second moment and sample
     * variance of relu(m + sd·ξ), with their Jacobians computed without autograd: for f = relu,
     * ∂f/∂m = 1{a > 0}, ∂f/∂sd = 1{a > 0}ξ, ∂f²/∂m = 2f, ∂f²/∂sd = 2fξ, and the sample variance
     * (M/(M−1))(mean f² − f̄²) has Jacobian (M/(M−1))(J₂ − 2f̄·J₁). Each term is J_m·(m − sg m) + J_sd·(sd − sg sd).
     */
    private static MomentEstimate reluJacobianTerms(PreActivation pre, NDArray alpha, NDArray xi, NDArray risMean) {
        long samples = xi.getShape().get(0);
        NDArray[] j = new NDArray[6];
        try (NDScope scope = new NDScope()) {
            NDArray sd = pre.sd().stopGradient();
            NDArray x = xi.add(alpha);
            NDArray on = x.sign().addi(1f).muli(0.5f);        // 1{a > 0} (ties have probability 0)
            NDArray f = x.getNDArrayInternal().relu();        // relu(a)/sd
            NDArray jm1 = on.mean(new int[] {0});
            NDArray jsd1 = on.mul(xi).mean(new int[] {0});
            NDArray fBar = f.mean(new int[] {0}).mul(sd);
            NDArray jm2 = fBar.mul(2f);
            NDArray jsd2 = f.mul(xi).mean(new int[] {0}).mul(sd).mul(2f);
            NDArray centre = samples > 1 ? fBar : risMean.stopGradient();
            float c = samples > 1 ? samples / (samples - 1f) : 1f;
            NDArray jmV = jm2.sub(centre.mul(jm1).mul(2f)).mul(c);
            NDArray jsdV = jsd2.sub(centre.mul(jsd1).mul(2f)).mul(c);
            j = new NDArray[] {jm1, jsd1, jm2, jsd2, jmV, jsdV};
            NDScope.unregister(j);
        }
        for (NDArray a : j) {
            NDScope.register(a);
        }
        NDArray dm = pre.m().sub(pre.m().stopGradient());
        NDArray dsd = pre.sd().sub(pre.sd().stopGradient());
        return new MomentEstimate(j[0].mul(dm).add(j[1].mul(dsd)), j[2].mul(dm).add(j[3].mul(dsd)),
                j[4].mul(dm).add(j[5].mul(dsd)));
    }

    /** The same zero-valued gradient terms for any f, by autograd through f(m + sd·ξ). */
    private static MomentEstimate monteCarloTerms(ActivationFunction f, PreActivation pre, NDArray xi, NDArray risMean) {
        long samples = xi.getShape().get(0);
        NDArray fa = f.apply(pre.m().expandDims(0).add(pre.sd().expandDims(0).mul(xi)));
        NDArray mean = Scalars.mul(fa.sum(new int[] {0}), 1.0 / samples);
        NDArray second = Scalars.mul(fa.square().sum(new int[] {0}), 1.0 / samples);
        NDArray variance = samples > 1
                ? Scalars.mul(fa.sub(mean.expandDims(0)).square().sum(new int[] {0}), 1.0 / (samples - 1))
                : second.sub(Scalars.mul(risMean.stopGradient().mul(mean), 2));
        return new MomentEstimate(mean.sub(mean.stopGradient()), second.sub(second.stopGradient()),
                variance.sub(variance.stopGradient()));
    }
}
