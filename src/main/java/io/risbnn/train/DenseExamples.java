package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Row-major float features (flat vectors) with one float target per row: {@link ShapedExamples} of shape [width]. */
public final class DenseExamples implements ExampleSet {
    private final ShapedExamples rows;
    private final int width;

    /**
     * Rows of features with one target each.
     *
     * @param x features [N][width]
     * @param y targets [N]
     * @throws IllegalArgumentException if {@code x} and {@code y} differ in rows
     */
    public DenseExamples(double[][] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("features and targets differ in rows: " + x.length + " vs " + y.length);
        }
        this.width = x.length == 0 ? 0 : x[0].length;
        this.rows = x.length == 0 ? null : ShapedExamples.of(x, y, new Shape(width));
    }

    @Override
    public int size() {
        return rows == null ? 0 : rows.size();
    }

    /**
     * Features per row.
     *
     * @return the width of every row
     */
    public int width() {
        return width;
    }

    @Override
    public NDArray features(NDManager manager, int[] rowIndices) {
        return rows.features(manager, rowIndices);
    }

    @Override
    public NDArray targets(NDManager manager, int[] rowIndices) {
        return rows.targets(manager, rowIndices);
    }
}
