package io.risbnn.train;

/** Decides when to save and saves; the trainer calls it after steps and after each finished epoch. */
public interface Checkpointer {
    /** Whether to save after {@code step} steps (epochEnd: an epoch has just finished and been logged). */
    boolean due(long step, boolean epochEnd);

    void save(TrainingState state);

    /** Never saves. */
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
