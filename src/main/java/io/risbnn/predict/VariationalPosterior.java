package io.risbnn.predict;

import io.risbnn.eval.Predictive;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import java.util.Optional;

/**
 * A mean-field variational posterior: sampled networks draw whole weight sets from q; a model trained
 * by moment propagation also predicts by its own propagation (mean–variance: N(m, v) over the
 * outputs; first moment: the point m), computed without sampling ({@link Predictive}).
 */
public final class VariationalPosterior implements PosteriorOutputs {
    private final BayesianModel model;
    private final Objective objective;

    public VariationalPosterior(BayesianModel model, Objective objective) {
        this.model = model;
        this.objective = objective;
    }

    @Override
    public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
        return Predictive.sampled(model, inputs, samples, seed);
    }

    @Override
    public Optional<GaussianOutputs> own(ExampleSet inputs) {
        switch (objective) {
            case MEAN_VAR: {
                double[][][] mv = Predictive.meanVar(model, inputs);
                return Optional.of(new GaussianOutputs("meanvar", mv[0], mv[1], true));
            }
            case MOMENT: {
                double[][] m = Predictive.moment(model, inputs)[0];
                double[][] zero = new double[m.length][m.length == 0 ? 0 : m[0].length];
                return Optional.of(new GaussianOutputs("moment", m, zero, false));
            }
            default:
                return Optional.empty(); // ELBO: the sampled networks are the method's predictive
        }
    }
}
