package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One train/test partition of a data set's rows: two disjoint arrays of 0-based row indices and the
 * split's number ({@link #index()}) within its protocol. Immutable; accessors return copies.
 */
public final class TrainTestSplit {
    private final int index;
    private final int[] train;
    private final int[] test;

    /**
     * A split of given row indices (copied).
     *
     * @param index the split's number
     * @param train the training rows
     * @param test the test rows (may be empty)
     * @throws IllegalArgumentException if an index is negative, repeated, or in both sets
     */
    public TrainTestSplit(int index, int[] train, int[] test) {
        this.index = index;
        this.train = train.clone();
        this.test = test.clone();
        int[] all = Arrays.copyOf(this.train, this.train.length + this.test.length);
        System.arraycopy(this.test, 0, all, this.train.length, this.test.length);
        Arrays.sort(all);
        for (int i = 0; i < all.length; i++) {
            if (all[i] < 0) {
                throw new IllegalArgumentException("negative row index " + all[i]);
            }
            if (i > 0 && all[i] == all[i - 1]) {
                throw new IllegalArgumentException("row " + all[i] + " appears twice");
            }
        }
    }

    /**
     * A seeded random split of {@code rows} rows with {@code round(rows * testFraction)} test rows
     * (at least one of each). The same (seed, index) always gives the same split; different
     * indices give independent splits. Both arrays are sorted.
     *
     * @param rows the number of rows
     * @param testFraction the share of test rows, in (0, 1)
     * @param seed the run's seed
     * @param index the split's number
     * @return the split
     * @throws RisbnnException if there are fewer than 2 rows
     */
    public static TrainTestSplit random(int rows, double testFraction, long seed, int index) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1): " + testFraction);
        }
        if (rows < 2) {
            throw new RisbnnException("cannot split " + rows
                    + " row(s) into train and test sets: expected at least 2 rows");
        }
        int testSize = (int) Math.min(rows - 1, Math.max(1, Math.round(rows * testFraction)));
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        // Partial Fisher-Yates: the first testSize slots become a uniform random subset.
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        for (int i = 0; i < testSize; i++) {
            int j = i + random.nextInt(rows - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] test = Arrays.copyOfRange(order, 0, testSize);
        int[] train = Arrays.copyOfRange(order, testSize, rows);
        Arrays.sort(test);
        Arrays.sort(train);
        return new TrainTestSplit(index, train, test);
    }

    /**
     * Carves {@code count} validation rows out of this split's training rows: the first {@code count}
     * of a permutation drawn from (seed, split index). Returns {kept training rows, validation rows},
     * both sorted; the test rows are never touched, so model selection on the validation rows cannot
     * see them. The same (seed, index, count) always gives the same rows.
     *
     * @throws RisbnnException naming --validation unless {@code 1 <= count <= training rows − 2} (standardising
     *     the kept rows needs at least two)
     * @param count the validation rows to carve out
     * @param seed the run's seed
     * @return {kept training rows, validation rows}, both sorted
     */
    public int[][] holdOut(int count, long seed) {
        if (count < 1 || count > train.length - 2) {
            throw new RisbnnException("--validation " + count + ": expected 1 to " + (train.length - 2)
                    + " rows (split " + index + " has " + train.length + " training rows)");
        }
        int[] order = train.clone();
        SplittableRandom random = new SplittableRandom(mix(mix64(seed) ^ 0x76616C6964L, index));
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] held = Arrays.copyOfRange(order, 0, count);
        int[] kept = Arrays.copyOfRange(order, count, order.length);
        Arrays.sort(held);
        Arrays.sort(kept);
        return new int[][] {kept, held};
    }

    /**
     * The split's number.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * The training rows.
     *
     * @return a copy of the indices
     */
    public int[] train() {
        return train.clone();
    }

    /**
     * The test rows.
     *
     * @return a copy of the indices
     */
    public int[] test() {
        return test.clone();
    }

    @Override
    public String toString() {
        return "split " + index + " (" + train.length + " train, " + test.length + " test)";
    }

    /**
     * Derives the generator seed of split {@code index}, hashing twice (SplitMix64 finalizer) so
     * neighbouring seeds or indices do not give overlapping random streams.
     */
    private static long mix(long seed, int index) {
        return mix64(mix64(seed) + index);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
