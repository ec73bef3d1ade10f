package io.risbnn.train;

/** Decides when to save and saves; the trainer calls it after steps and after each finished epoch. */
public interface Checkpointer {
    /**
     * Whether to save after {@code step} steps (epochEnd: an epoch has just finished and been logged).
     *
     * @param step the steps finished in total
     * @param epochEnd whether an epoch has just finished
     * @return true to call {@link #save} now
     */
    boolean due(long step, boolean epochEnd);

    /**
     * Saves a checkpoint of the run at {@code state} (with the parameters and optimiser state).
     *
     * @param state the training state to save
     */
    void save(TrainingState state);

    /**
     * Never saves.
     *
     * @return a checkpointer that is never due
     */
    static Checkpointer none() {
        return new Checkpointer() {
            @Override
            public boolean due(long step, boolean epochEnd) {
                return false;
            }

            @Override
            public void save(TrainingState state) {}
        };
    }
}
