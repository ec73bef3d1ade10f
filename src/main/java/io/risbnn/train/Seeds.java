package io.risbnn.train;

import ai.djl.engine.Engine;
import java.util.SplittableRandom;

/**
 * Every random draw of a run derives from one seed: the engine's generator (weight init, Monte Carlo
 * noise) is seeded with it, and Java-side streams (data order, splits) are split from it by purpose,
 * so adding a draw in one place does not shift the others.
 */
public final class Seeds {
    private Seeds() {}

    /** Seeds the tensor engine's global generator. */
    public static void seedEngine(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** An independent Java stream for one purpose (e.g. "data-order"). */
    public static SplittableRandom stream(long seed, String purpose) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
    }
}
