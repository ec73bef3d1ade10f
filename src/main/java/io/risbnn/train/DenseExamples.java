package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Row-major float features with one float target per row, kept on the Java heap. */
public final class DenseExamples implements ExampleSet {
    private final float[] features;
    private final float[] targets;
    private final int width;

    public DenseExamples(double[][] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("features and targets differ in rows: " + x.length + " vs " + y.length);
        }
        this.width = x.length == 0 ? 0 : x[0].length;
        this.features = new float[x.length * width];
        this.targets = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < width; j++) {
                features[i * width + j] = (float) x[i][j];
            }
            targets[i] = (float) y[i];
        }
    }

    @Override
    public int size() {
        return targets.length;
    }

    public int width() {
        return width;
    }

    @Override
    public NDArray features(NDManager manager, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, out, i * width, width);
        }
        return manager.create(out, new Shape(rows.length, width));
    }

    @Override
    public NDArray targets(NDManager manager, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = targets[rows[i]];
        }
        return manager.create(out, new Shape(rows.length));
    }
}
