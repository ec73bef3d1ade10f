package io.risbnn.method.sgmcmc;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.risbnn.method.StepRule;
import io.risbnn.tensor.Scalars;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.NonFiniteException;
import java.util.LinkedHashMap;
import java.util.Map;
import io.risbnn.model.BayesianModel;
import io.risbnn.variational.Prior;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;

/**
 * One SGHMC update (Chen et al. 2014, eq. 15, with v = η·r) on the mini-batch estimate of the mean loss
 * L = U/N (mean NLL + factor·(−log p)/N):
 * v ← (1 − α)·v − lr·∇L + ξ, ξ ~ N(0, 2·α·lr·T/N) in the sampling phase (none while exploring); θ ← θ + v.
 * With lr = η·N this is the discretised SDE of the posterior p(θ|D)^{1/T} (the noise of the gradient
 * estimate itself, β̂, is neglected, as in both papers). The noise comes from the engine the trainer
 * seeds for the step, so a resumed run draws the same ξ.
 */
final class SghmcStep implements StepRule {
    private final double friction;
    private final double temperature;
    private final LongPredicate sampling;
    private final BiFunction<BayesianModel, Prior, NDArray> penalty;
    /** Velocity per parameter name, outliving every step (checkpointed by the method). */
    final Map<String, NDArray> velocity = new LinkedHashMap<>();

    SghmcStep(double friction, double temperature, LongPredicate sampling,
              BiFunction<BayesianModel, Prior, NDArray> penalty) {
        this.penalty = penalty;
        this.friction = friction;
        this.temperature = temperature;
        this.sampling = sampling;
    }

    @Override
    public Outcome take(Inputs in) {
        double nll;
        double priorValue;
        double loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray nllArray = in.config().objective().negativeLogLikelihood(in.model().likelihood(),
                    in.model().forward(in.features(), in.context(), true), in.targets());
            NDArray prior = penalty.apply(in.model(), in.prior());
            NDArray lossArray = nllArray.add(Scalars.mul(prior, in.klFactor()));
            nll = value(nllArray);
            priorValue = value(prior);
            loss = value(lossArray);
            if (!Double.isFinite(loss)) {
                throw new NonFiniteException("loss", in.step(), in.epoch(), "nll " + nll + ", -log prior " + penalty);
            }
            collector.backward(lossArray);
        }
        double lr = in.learningRate();
        double noiseStd = sampling.test(in.step())
                ? Math.sqrt(2 * friction * lr * temperature / in.trainingRows()) : 0;
        for (NamedParameter p : in.parameters()) {
            move(p, p.array().getGradient(), lr, noiseStd);
        }
        return new Outcome(loss, nll, priorValue, false);
    }

    /** v ← (1 − α)·v − lr·gradient + N(0, noiseStd²); θ ← θ + v, for one parameter, in place. */
    void move(NamedParameter p, NDArray gradient, double lr, double noiseStd) {
        NDArray v = velocity.computeIfAbsent(p.name(), k -> {
            NDArray zeros = p.array().zerosLike();
            NDScope.unregister(zeros);
            return zeros;
        });
        v.muli(1 - friction).subi(gradient.mul(lr));
        if (noiseStd > 0) {
            v.addi(p.array().getManager().randomNormal(0f, (float) noiseStd, v.getShape(), v.getDataType()));
        }
        p.array().addi(v);
    }

    private static double value(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
}
