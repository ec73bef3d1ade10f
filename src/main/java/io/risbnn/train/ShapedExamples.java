package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Float examples of any shape (feature vectors, images, …) with one float target each, kept on the Java heap. */
public final class ShapedExamples implements ExampleSet {
    private final float[] features;
    private final float[] targets;
    private final Shape exampleShape;
    private final int width;

    /**
     * @param features row-major values, {@code exampleShape.size()} per example
     * @param targets one per example (class indices as floats for classification)
     * @param exampleShape the shape of one example, e.g. (1, 28, 28)
     */
    public ShapedExamples(float[] features, float[] targets, Shape exampleShape) {
        this.width = Math.toIntExact(exampleShape.size());
        if (width == 0 || features.length != (long) targets.length * width) {
            throw new IllegalArgumentException("examples: " + features.length + " values for " + targets.length
                    + " examples of shape " + exampleShape);
        }
        this.features = features;
        this.targets = targets;
        this.exampleShape = exampleShape;
    }

    /**
     * Rows of {@code exampleShape.size()} values each; targets may be null (inputs to predict).
     *
     * @param rows one row of values per example
     * @param targets one per example, or null
     * @param exampleShape the shape of one example
     * @return the example set
     */
    public static ShapedExamples of(double[][] rows, double[] targets, Shape exampleShape) {
        int width = Math.toIntExact(exampleShape.size());
        float[] x = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, the model takes "
                        + width + " (an example of shape " + exampleShape + ")");
            }
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (float) rows[i][j];
            }
        }
        float[] y = new float[rows.length];
        for (int i = 0; targets != null && i < rows.length; i++) {
            y[i] = (float) targets[i];
        }
        return new ShapedExamples(x, y, exampleShape);
    }

    @Override
    public int size() {
        return targets.length;
    }

    /**
     * The shape of one example, without the batch axis.
     *
     * @return e.g. (1, 28, 28)
     */
    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    public NDArray features(NDManager manager, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, out, i * width, width);
        }
        return manager.create(out, new Shape(rows.length).addAll(exampleShape));
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
