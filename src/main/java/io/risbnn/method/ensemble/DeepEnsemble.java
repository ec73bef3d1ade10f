package io.risbnn.method.ensemble;

import ai.djl.ndarray.NDArray;
import io.risbnn.RisbnnException;
import io.risbnn.method.MapBasedMethod;
import io.risbnn.method.MemberTraining;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Deep ensembles (Lakshminarayanan, Pritzel &amp; Blundell 2017): K MAP networks of the same architecture,
 * each from its own seed (initialisation, data order), trained one after the other; the predictive is
 * the uniform mixture of the members' predictives. Member 0 uses the run's seed, so it is the MAP run of
 * that seed; member k &gt; 0 the seed drawn from (seed, "ensemble-member-k"). Each member is trained
 * exactly as {@code --method map} trains (same penalty, optimiser, schedule, epochs).
 *
 * <p>Finished members are kept as copies of every model array (weights, BatchNorm statistics, the
 * regression noise) in the checkpoint under {@code member/k/<array>}.
 */
public final class DeepEnsemble extends MapBasedMethod implements MemberTraining {
    /** Finished members: name → copy of the array, in the manager of the run's model. */
    private final StoredNetworks members = new StoredNetworks("member");

    @Override
    public String name() {
        return Methods.ENSEMBLE;
    }

    @Override
    public int members(TrainConfig config) {
        int k = config.methods().ensemble().members();
        if (k < 1) {
            throw new RisbnnException("--members " + k + ": expected an integer >= 1");
        }
        return k;
    }

    @Override
    public int completedMembers() {
        return members.size();
    }

    @Override
    public TrainConfig memberConfig(TrainConfig config, int k) {
        return k == 0 ? config : config.withSeed(Seeds.stream(config.seed(), "ensemble-member-" + k).nextLong());
    }

    @Override
    public void memberDone(BayesianModel model) {
        members.add(model);
    }

    @Override
    public void finish(BayesianModel model, TrainConfig config, ExampleSet train) {
        if (members.size() != members(config)) {
            throw new IllegalStateException(members.size() + " of " + members(config) + " members trained");
        }
    }

    @Override
    public Map<String, NDArray> state() {
        return members.state();
    }

    @Override
    public void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {
        members.restore(state);
    }

    /** The K member networks, each loaded into its own copy of the model's architecture. */
    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return members.mixture(model, "ensemble");
    }
}
