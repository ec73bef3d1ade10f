package io.risbnn.data.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;

/**
 * An {@link ExampleSet} over an {@link ImageSet}: features [B, C, H, W] float32, standardised per
 * channel, targets the class indices [B]. With an {@link Augmentation}, training batches are
 * augmented (before normalisation) from {@code Seeds.stream(seed, "augment-" + epoch + "-" + batch)},
 * so a batch is the same whenever it is drawn, also after a resume.
 */
public final class ImageExamples implements ExampleSet {
    private final ImageSet images;
    private final ChannelNormalizer normalizer;
    private final Augmentation augmentation;
    private final long seed;

    /**
     * Images as training or evaluation examples: normalised per channel, augmented per batch.
     *
     * @param images the images
     * @param normalizer the per-channel standardisation
     * @param augmentation null for none (test sets)
     * @param seed the run's seed; augmentations are drawn from (seed, epoch, batch)
     */
    public ImageExamples(ImageSet images, ChannelNormalizer normalizer, Augmentation augmentation, long seed) {
        this.images = images;
        this.normalizer = normalizer;
        this.augmentation = augmentation;
        this.seed = seed;
    }

    /**
     * The underlying images.
     *
     * @return the image set
     */
    public ImageSet images() {
        return images;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public NDArray features(NDManager manager, int[] rows) {
        return batch(manager, rows, null);
    }

    @Override
    public NDArray features(NDManager manager, int[] rows, int epoch, int batch) {
        if (augmentation == null) {
            return batch(manager, rows, null);
        }
        return batch(manager, rows, Seeds.stream(seed, "augment-" + epoch + "-" + batch));
    }

    private NDArray batch(NDManager manager, int[] rows, java.util.SplittableRandom rng) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        float[] pixels = images.pixels(rows);
        if (rng != null) {
            augmentation.apply(pixels, rows.length, c, h, w, rng);
        }
        normalizer.apply(pixels, rows.length, c, h, w);
        return manager.create(pixels, new Shape(rows.length, c, h, w));
    }

    @Override
    public NDArray targets(NDManager manager, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = images.label(rows[i]);
        }
        return manager.create(out, new Shape(rows.length));
    }

    /**
     * The labels of all images, in order.
     *
     * @return a copy of the labels
     */
    public int[] labels() {
        return images.labels();
    }
}
