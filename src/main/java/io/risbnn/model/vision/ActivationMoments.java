package io.risbnn.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.Activation;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.PreActivation;
import io.risbnn.estimator.RisConfig;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.estimator.RisProposal;
import io.risbnn.tensor.Scalars;

/**
 * E[δ(a)] for pre-activations given directly by their Gaussian marginal a ~ N(m, v), estimated the way
 * the context's estimator estimates a variational layer's first moment. This is the second half of
 * every estimator's MOMENT forward pass (the part after {@code PreActivation.of(layer, input)}); blocks
 * that transform (m, v) before the nonlinearity — the affine map of BatchNorm in
 * {@link BayesConvBnRelu}, the residual sum of {@link BayesBasicBlock} — need it on its own.
 *
 * <p>This class is a local stand-in for a hook the estimators do not expose yet,
 * {@code Estimator#activationMoment(String layerName, Activation activation, PreActivation pre, ForwardContext ctx)}
 * (and a factory {@code PreActivation.fromMoments(NDArray m, NDArray v)}); it reproduces the estimators'
 * code paths with their public pieces:
 * <ul>
 *   <li>{@code analytic}: the closed form sd·ψ(m/sd) ({@link Activation#mean}).</li>
 *   <li>{@code lrt}: (1/M) Σ δ(m + sd·ξ_j), as {@code LrtEstimator.monteCarloMean}.</li>
 *   <li>{@code ris}: the pre-activation-space RIS of RIS-SPEC §5 ({@link RisEstimator#proposal},
 *       {@link RisEstimator#preActivationDraw}, {@link RisEstimator#weightedMean}), HYBRID gradients and
 *       the ESS diagnostic as configured. The weight-space reference form is defined for dense layers
 *       only; for an (m, v) pair the pre-activation form is used, which is the same estimator in
 *       distribution (spec T8).</li>
 *   <li>{@code mc-shared}: its weight samples are shared by the whole batch, which a marginal (m, v)
 *       cannot express; callers that can sample weights do so themselves ({@link BayesConvBnRelu}),
 *       and this method falls back to per-element samples with the same marginals (the LRT form).</li>
 * </ul>
 */
public final class ActivationMoments {
    /** As in {@link PreActivation}: v below this is treated as 0 (keeps √v differentiable in float32). */
    private static final float MIN_VARIANCE = 1e-30f;

    private ActivationMoments() {}

    /** The {@link PreActivation} of given moments: sd = √max(v, 1e-30), live where sd > 1e-6·(1 + |m|). */
    public static PreActivation preActivation(NDArray m, NDArray v) {
        NDArray sd = Scalars.maximum(v, MIN_VARIANCE).sqrt();
        NDArray live = sd.stopGradient().gt(m.stopGradient().abs().add(1).mul(1e-6));
        return new PreActivation(m, v, sd, live);
    }

    /** The estimate of E[δ(a)], a ~ N(pre.m, pre.v) elementwise, by the context's estimator (MOMENT). */
    public static NDArray estimate(String layerName, Activation activation, PreActivation pre, ForwardContext ctx) {
        Estimator estimator = ctx.estimator();
        if (activation == Activation.NONE) {
            return pre.m();
        }
        if (estimator instanceof AnalyticEstimator) {
            return activation.mean(pre.m(), pre.sd());
        }
        if (estimator instanceof LrtEstimator || estimator instanceof McSharedEstimator) {
            return monteCarloMean(activation, pre, ctx.samples());
        }
        if (estimator instanceof RisEstimator ris) {
            return risMean(ris, layerName, activation, pre, ctx);
        }
        throw new RisbnnException("estimator " + estimator.name() + " cannot estimate an activation's first moment"
                + " from its Gaussian pre-activation (needed by layer " + layerName + ")");
    }

    /** (1/M) Σ δ(m + sd·ξ_j) with fresh ξ of shape [M, …]. */
    public static NDArray monteCarloMean(Activation activation, PreActivation pre, int samples) {
        NDArray m = pre.m();
        NDArray xi = m.getManager().randomNormal(new Shape(samples).addAll(m.getShape()));
        NDArray a = m.expandDims(0).add(pre.sd().expandDims(0).mul(xi));
        return activation.apply(a).mean(new int[] {0});
    }

    private static NDArray risMean(RisEstimator ris, String layerName, Activation f, PreActivation pre, ForwardContext ctx) {
        RisConfig config = ris.config();
        int samples = ctx.samples();
        RisProposal.TauLambda proposal = ris.proposal(pre);
        NDArray xi = pre.m().getManager().randomNormal(new Shape(samples).addAll(pre.m().getShape()));
        RisEstimator.Draw draw = RisEstimator.preActivationDraw(pre, proposal, xi);
        NDArray value = RisEstimator.weightedMean(f, draw, config.selfNormalize());
        if (ctx.collectDiagnostics()) {
            ctx.recordEss(layerName, RisEstimator.essFraction(draw.logWeight(), pre.live()));
        }
        NDArray out = value;
        if (config.gradient() == RisConfig.Gradient.HYBRID) {
            NDArray mc = monteCarloMean(f, pre, samples);
            out = value.stopGradient().add(mc).sub(mc.stopGradient());
        }
        return NDArrays.where(pre.live(), out, f.apply(pre.m()));
    }
}
