package io.risbnn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.risbnn.train.ExampleSet;
import java.util.SplittableRandom;

/**
 * {@code size} random C×H×W images (standard normal pixels, like channel-standardised data) with
 * uniform random labels, drawn from one seed and kept on the Java heap: the training set of the
 * benchmark, so every step gathers its batch the way real image runs do.
 */
public final class RandomImages implements ExampleSet {
    private final float[] pixels;
    private final float[] labels;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * Draws the images and labels.
     *
     * @param size the number of images
     * @param channels C
     * @param height H
     * @param width W
     * @param classes the labels' range [0, classes)
     * @param random the source of pixels and labels
     */
    public RandomImages(int size, int channels, int height, int width, int classes, SplittableRandom random) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = new float[Math.multiplyExact(size, channels * height * width)];
        this.labels = new float[size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) gaussian(random);
        }
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(classes);
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * The labels as class indices.
     *
     * @return one label per image
     */
    public int[] intLabels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) labels[i];
        }
        return out;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public NDArray features(NDManager manager, int[] rows) {
        int per = channels * height * width;
        float[] out = new float[rows.length * per];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * per, out, i * per, per);
        }
        return manager.create(out, new Shape(rows.length, channels, height, width));
    }

    @Override
    public NDArray targets(NDManager manager, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return manager.create(out, new Shape(rows.length));
    }
}
