package io.risbnn.method.dropout;

import ai.djl.nn.Block;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.Estimator;
import io.risbnn.method.MapBasedMethod;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.McDropout;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.TrainConfig;
import java.util.function.Supplier;

/**
 * MC dropout (Gal &amp; Ghahramani 2016): a network with dropout before every weight layer, trained as
 * MAP (dropout's loss with weight decay is the log posterior under a Gaussian prior on the weights:
 * {@link io.risbnn.method.MaximumAPosteriori}'s point-mass weights, penalty and label), and at test time T stochastic
 * passes with dropout kept on, whose average is the predictive. Everything the training needs is
 * MAP's; what makes it MC dropout is the model's {@link McDropout} blocks, so {@link #prepare} refuses
 * a model built without them. Stateless: a checkpoint holds only the weights.
 *
 * <p>Gal's weight decay λ = (1 − p)·l²/(2Nτ) puts the keep probability into the prior; here the prior
 * is the run's {@code --prior} as for MAP (choose its σ accordingly).
 */
public final class MonteCarloDropout extends MapBasedMethod {
    /** The method's name, {@code --method mc-dropout}. */
    public static final String NAME = Methods.MC_DROPOUT;


    @Override
    public String name() {
        return NAME;
    }

    /** MAP's mc-shared estimator; only the ELBO objective keeps dropout on (the others are the mean network). */
    @Override
    public Estimator estimator(TrainConfig config) {
        if (config.objective() != Objective.ELBO) {
            throw new RisbnnException("--method " + NAME + " trains with dropout on: use --objective elbo, not "
                    + config.objective().cliName());
        }
        return super.estimator(config);
    }

    /** The run's architecture with a dropout block before every weight layer, at the run's rate. */
    @Override
    public io.risbnn.model.ModelSpec architecture(io.risbnn.model.ModelSpec spec, TrainConfig config) {
        return config.methods().dropout().applyTo(spec);
    }

    @Override
    public void prepare(BayesianModel model) {
        if (!model.spec().hasDropout() || !contains(model.network())) {
            throw new RisbnnException("--method " + NAME + ": the model was built without dropout (rate "
                    + model.spec().dropout() + "); build it from ModelSpec.withDropout(p) with 0 < p < 1");
        }
        super.prepare(model);
    }

    private static boolean contains(Block block) {
        if (block instanceof McDropout) {
            return true;
        }
        return block.getChildren().values().stream().anyMatch(MonteCarloDropout::contains);
    }

    /** −log p(μ): weight decay for a Gaussian prior. */
    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return new DropoutPosterior(model);
    }
}
