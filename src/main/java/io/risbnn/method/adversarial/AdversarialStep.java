package io.risbnn.method.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.method.StepRule;
import io.risbnn.tensor.Scalars;
import io.risbnn.train.ParameterChecks;
import io.risbnn.train.NonFiniteException;
import io.risbnn.train.Seeds;

/**
 * One Adversarial Sampling step: loss = (1 − λ)·ELBO + λ·NLL(ε_adv), one backward pass, the trainer's
 * optimiser update. The ELBO is the trainer's own (the step's forward context: mc-shared, M samples, the
 * step's KL factor) and is computed first-thing on the engine's generator as the trainer seeded it, so
 * its draws are plain VI's. The adversarial start noise comes from a Java stream of (seed, step), never
 * from the engine: with λ > 0 the ELBO still sees VI's draws, and a resumed run draws the same ε. At
 * λ = 0 the ascent and the adversarial term are skipped and the step is plain MFVI bit for bit.
 * The gradient of λ·NLL(ε_adv) reaches μ and ρ at the fixed ε_adv (no gradient through the ascent).
 */
final class AdversarialStep implements StepRule {
    private final AdversarialOptions options;
    private final NoiseAscent ascent;

    AdversarialStep(AdversarialOptions options) {
        this.options = options;
        this.ascent = new NoiseAscent(options.steps(), options.stepSize());
    }

    /** The stream of step {@code step}'s adversarial start noise. */
    static java.util.SplittableRandom startStream(long seed, long step) {
        return Seeds.stream(seed, "adversarial-noise-" + step);
    }

    @Override
    public Outcome take(Inputs in) {
        double lambda = options.lambda();
        SuppliedNoise adversarial = null;
        if (lambda > 0) {
            SuppliedNoise start = SuppliedNoise.standardNormal(in.model(), startStream(in.config().seed(), in.step()));
            adversarial = ascent.ascend(in.model(), start, in.features(), in.targets());
            zeroGradients(in);     // the ascent's backward passes also reached μ, ρ
        }
        double lossValue;
        double nllValue;
        double klValue;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray nll = in.config().objective().negativeLogLikelihood(in.model().likelihood(),
                    in.model().forward(in.features(), in.context(), true), in.targets());
            NDArray kl = in.model().kl(in.prior());
            NDArray loss = nll.add(Scalars.mul(kl, in.klFactor()));
            if (adversarial != null) {
                NDArray adversarialNll = NoiseAscent.nllAt(in.model(), adversarial, in.features(), in.targets());
                loss = Scalars.mul(loss, 1 - lambda).add(Scalars.mul(adversarialNll, lambda));
            }
            nllValue = scalar(nll);
            klValue = scalar(kl);
            lossValue = scalar(loss);
            if (Double.isFinite(lossValue)) {
                collector.backward(loss);
            }
        }
        if (!Double.isFinite(lossValue) || !gradientsFinite(in)) {
            zeroGradients(in);
            if (!in.config().skipNonFinite()) {
                throw new NonFiniteException(Double.isFinite(lossValue) ? "gradient" : "loss", in.step(), in.epoch(),
                        "nll " + nllValue + ", kl " + klValue);
            }
            return new Outcome(lossValue, nllValue, klValue, true);
        }
        in.optimizer().step(in.parameters(), in.learningRate());
        return new Outcome(lossValue, nllValue, klValue, false);
    }

    private static boolean gradientsFinite(Inputs in) {
        return ParameterChecks.firstNonFiniteGradient(in.parameters()) == null;
    }

    private static void zeroGradients(Inputs in) {
        ParameterChecks.zeroGradients(in.parameters());
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }
}
