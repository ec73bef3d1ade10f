package io.risbnn.posterior;

import io.risbnn.eval.Predictive;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A mean-field variational posterior (and MAP's point mass, the same model with every s collapsed):
 * sampled networks draw whole weight sets from q; first-moment propagation is always offered, and
 * a model trained by mean–variance propagation adds its own N(m, v) over the outputs ({@link
 * Predictive}). The own predictive is the one the objective fitted: sampled under ELBO, {@code moment}
 * under MOMENT, {@code meanvar} under MEAN_VAR.
 */
public final class VariationalPosterior implements PosteriorOutputs {
    /** The name of the first-moment propagation predictive. */
    public static final String MOMENT = "moment";
    /** The name of the mean–variance propagation predictive. */
    public static final String MEAN_VAR = "meanvar";

    private final BayesianModel model;
    private final Objective objective;

    /**
     * The posterior of a trained variational (or MAP) model.
     *
     * @param model the trained model; not closed by this view
     * @param objective the objective it was trained under, which decides the own predictive
     */
    public VariationalPosterior(BayesianModel model, Objective objective) {
        this.model = model;
        this.objective = objective;
    }

    /**
     * The model whose posterior this is.
     *
     * @return the trained model
     */
    public BayesianModel model() {
        return model;
    }

    @Override
    public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
        return Predictive.sampled(model, inputs, samples, seed);
    }

    @Override
    public List<GaussianOutputs> predictives(ExampleSet inputs) {
        List<GaussianOutputs> out = new ArrayList<>();
        out.add(GaussianOutputs.point(MOMENT, Predictive.moment(model, inputs)[0]));
        if (objective == Objective.MEAN_VAR) {
            double[][][] mv = Predictive.meanVar(model, inputs);
            out.add(new GaussianOutputs(MEAN_VAR, mv[0], mv[1], true));
        }
        return out;
    }

    @Override
    public String ownPredictive() {
        switch (objective) {
            case MEAN_VAR:
                return MEAN_VAR;
            case MOMENT:
                return MOMENT;
            default:
                return SAMPLED; // ELBO: the sampled networks are the method's predictive
        }
    }

    @Override
    public NoiseModel noise() {
        return noiseOf(model);
    }

    /**
     * The noise of a regression model's likelihood (null for a classifier).
     *
     * @param model a trained model
     * @return its noise model, or null when its likelihood is not Gaussian
     */
    public static NoiseModel noiseOf(BayesianModel model) {
        if (!(model.likelihood() instanceof GaussianLikelihood g)) {
            return null;
        }
        return g.heteroscedastic() ? NoiseModel.perExample() : NoiseModel.homoscedastic(g.noiseStd());
    }
}
