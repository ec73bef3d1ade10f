package io.risbnn.method;

import io.risbnn.model.BayesianModel;
import io.risbnn.train.TrainConfig;

/**
 * A method fitted as several independent trainings of the same network (deep ensembles): the run
 * trains member after member in the one model, re-initialised from each member's seed, and hands
 * each finished member to the method, whose {@link InferenceMethod#state} keeps the finished ones, so
 * a checkpoint taken in any member resumes exactly.
 */
public interface MemberTraining {
    /**
     * K, the members to train.
     *
     * @param config the run's configuration
     * @return K, ≥ 1
     */
    int members(TrainConfig config);

    /**
     * Members finished so far (the one in training is member {@code completedMembers()}).
     *
     * @return the count, in [0, K]
     */
    int completedMembers();

    /**
     * The configuration member {@code k} trains with (its own seed: initialisation, data order, noise).
     *
     * @param config the run's configuration
     * @param k the 0-based member index
     * @return the member's configuration
     */
    TrainConfig memberConfig(TrainConfig config, int k);

    /**
     * Takes a copy of the model's arrays as member {@link #completedMembers()}.
     *
     * @param model the model after the member's last epoch
     */
    void memberDone(BayesianModel model);
}
