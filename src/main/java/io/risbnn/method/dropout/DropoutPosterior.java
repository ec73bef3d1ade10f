package io.risbnn.method.dropout;

import io.risbnn.eval.Predictive;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import java.util.List;

/**
 * The predictive of an MC dropout network: each sampled network is one dropout mask set (drawn per
 * network and shared by all inputs, see {@link io.risbnn.nn.McDropout}), and the method's own
 * predictive is the mixture over those T passes. The deterministic {@value #MEAN_NET} predictive is the
 * network with dropout off and every unit kept (the weight-scaling rule of standard dropout). For a
 * ResNet the BatchNorm running statistics were collected with dropout on, so the mean network sees
 * slightly different activation variances than the ones it was normalised for.
 */
public final class DropoutPosterior implements PosteriorOutputs {
    /** Name of the dropout-off predictive (result columns {@code rmse_mean-net}, …). */
    public static final String MEAN_NET = "mean-net";

    private final BayesianModel model;

    /**
     * The predictive of a trained MC dropout model.
     *
     * @param model the model, built with dropout blocks
     */
    public DropoutPosterior(BayesianModel model) {
        this.model = model;
    }

    /** T stochastic passes: network j keeps the same masks for every input and every chunk of inputs. */
    @Override
    public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
        return Predictive.sampled(model, inputs, samples, seed);
    }

    @Override
    public List<GaussianOutputs> predictives(ExampleSet inputs) {
        return List.of(GaussianOutputs.point(MEAN_NET, Predictive.moment(model, inputs)[0]));
    }

    @Override
    public String ownPredictive() {
        return SAMPLED;
    }

    @Override
    public NoiseModel noise() {
        return VariationalPosterior.noiseOf(model);
    }
}
