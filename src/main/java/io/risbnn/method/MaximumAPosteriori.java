package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import java.util.function.Supplier;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.Prior;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * MAP training of the same architectures: deterministic weights μ, the prior as a penalty −log p(μ)
 * (a Gaussian prior N(0, σ²) is weight decay μ²/(2σ²) per weight, scaled by the KL options' factor/N
 * as the ELBO's KL is), any optimiser and schedule of VI. The weights are the variational layers' μ
 * with every s collapsed to softplus({@value #POINT_RHO}) ≈ 1e-13 and never trained: a point mass,
 * so one mc-shared draw is the deterministic network (to far below float precision) and every
 * predictive of the evaluation (sampled, first moment, mean–variance) is the MAP network's. This is the
 * network SWAG, Laplace and deep ensembles build on.
 */
public final class MaximumAPosteriori implements InferenceMethod {
    /** The method's name, {@code --method map}. */
    public static final String NAME = "map";
    /** ρ of the point mass: s = softplus(−30) ≈ 9.4e-14, positive so closed forms stay finite. */
    public static final double POINT_RHO = -30;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Estimator estimator(TrainConfig config) {
        return new McSharedEstimator();
    }

    @Override
    public void prepare(BayesianModel model) {
        for (VariationalBlock layer : model.variationalLayers()) {
            collapse(layer.weight());
            if (layer.bias() != null) {
                collapse(layer.bias());
            }
        }
    }

    private static void collapse(GaussianPosterior q) {
        q.rho().set(new NDIndex("..."), POINT_RHO);
    }

    /** ρ arrays of the model last asked about (the trainer asks once per parameter of one model). */
    private BayesianModel rhoModel;
    private Set<NDArray> rhos;

    @Override
    public boolean trains(BayesianModel model, NamedParameter parameter) {
        if (model != rhoModel) {
            rhos = rhoArrays(model);
            rhoModel = model;
        }
        return parameter.trainable() && !rhos.contains(parameter.array());
    }

    private static Set<NDArray> rhoArrays(BayesianModel model) {
        Set<NDArray> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (VariationalBlock layer : model.variationalLayers()) {
            out.add(layer.weight().rho());
            if (layer.bias() != null) {
                out.add(layer.bias().rho());
            }
        }
        return out;
    }

    @Override
    public NDArray penalty(BayesianModel model, Prior prior) {
        return negativeLogPrior(model, prior);
    }

    /**
     * −log p(μ) summed over every variational layer's weight and bias means (the point mass's prior term).
     *
     * @param model the model
     * @param prior the prior p
     * @return a scalar, differentiable in the means
     */
    public static NDArray negativeLogPrior(BayesianModel model, Prior prior) {
        NDArray total = null;
        for (VariationalBlock layer : model.variationalLayers()) {
            NDArray term = prior.logDensity(layer.weight().mu());
            if (layer.bias() != null) {
                term = term.add(prior.logDensity(layer.bias().mu()));
            }
            total = total == null ? term : total.add(term);
        }
        return total.neg();
    }

    /** Refused before any output: a prior without a fixed log density (the empirical-Bayes one) has no MAP. */
    @Override
    public void checkConfig(TrainConfig config, int trainingRows) {
        requireDensityPrior(config);
    }

    /**
     * Refuses {@code --prior empirical-bayes}, whose variance is chosen from a variational posterior: the methods
     * built on MAP and the samplers need log p(w).
     *
     * @param config the run's configuration
     * @throws io.risbnn.RisbnnException naming --prior
     */
    public static void requireDensityPrior(TrainConfig config) {
        if (io.risbnn.variational.Priors.parse(config.prior()) instanceof io.risbnn.variational.EmpiricalBayesPrior) {
            throw io.risbnn.variational.EmpiricalBayesPrior.refusal();
        }
    }

    @Override
    public String objectiveLabel(TrainConfig config) {
        return "log-posterior";
    }

    /** The point mass: every predictive (sampled, first moment) is the MAP network's; the own one is that network. */
    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return new VariationalPosterior(model, config.objective());
    }
}
