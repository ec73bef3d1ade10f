package io.risbnn.train;

import java.util.function.Consumer;

/** Saves at the end of every epoch and, when {@code steps} > 0, every {@code steps} steps. */
public final class EveryNSteps implements Checkpointer {
    private final long steps;
    private final Consumer<TrainingState> save;

    /**
     * A checkpointer that saves through {@code save}.
     *
     * @param steps save every this many steps as well, when &gt; 0
     * @param save writes the checkpoint
     */
    public EveryNSteps(long steps, Consumer<TrainingState> save) {
        this.steps = steps;
        this.save = save;
    }

    @Override
    public boolean due(long step, boolean epochEnd) {
        return epochEnd || (steps > 0 && step % steps == 0);
    }

    @Override
    public void save(TrainingState state) {
        save.accept(state);
    }
}
