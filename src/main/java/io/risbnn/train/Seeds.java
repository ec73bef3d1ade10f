package io.risbnn.train;

import ai.djl.engine.Engine;
import java.util.SplittableRandom;

/**
 * Every random draw of a run derives from one seed. The engine's generator is seeded with it for
 * initialisation and re-seeded from (seed, step) before every training step and from (seed, epoch)
 * before every evaluation, and Java-side streams (data order, splits) are split from it by purpose.
 * So no random state needs saving: a run resumed at step k draws exactly what it would have drawn.
 */
public final class Seeds {
    private Seeds() {}

    /**
     * Seeds the tensor engine's global generator.
     *
     * @param seed any long; folded to the engine's int seed
     */
    public static void seedEngine(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /**
     * Seeds the engine for one purpose and index, e.g. ("step", 1234).
     *
     * @param seed the run's seed
     * @param purpose what the draws are for, e.g. {@code step}
     * @param index e.g. the step or block number
     */
    public static void seedEngine(long seed, String purpose, long index) {
        seedEngine(mix(seed, purpose.hashCode() * 0x9E3779B97F4A7C15L + index));
    }

    /** SplitMix64 finaliser of (seed, salt): well-spread, independent-looking seeds. */
    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * An independent Java stream for one purpose (e.g. "data-order").
     *
     * @param seed the run's seed
     * @param purpose what the stream is for
     * @return a generator determined by (seed, purpose)
     */
    public static SplittableRandom stream(long seed, String purpose) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
    }
}
