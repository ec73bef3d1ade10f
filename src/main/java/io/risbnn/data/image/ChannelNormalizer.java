package io.risbnn.data.image;

import java.util.Arrays;

/**
 * Per-channel standardization {@code (x - mean[c]) / std[c]} of pixels in [0, 1], with the mean
 * and (population) standard deviation of each channel fitted on a training set only, so no test
 * information leaks into training. A constant channel (std 0) is only shifted, not scaled.
 */
public final class ChannelNormalizer {
    private final float[] mean;
    private final float[] std;

    /**
     * A normaliser (v − mean_c)/std_c with given statistics.
     *
     * @param mean one mean per channel, on the [0, 1] scale
     * @param std one standard deviation per channel
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a
     *     non-finite value or a negative std
     */
    public ChannelNormalizer(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException(
                    mean.length + " means and " + std.length + " stds (expected one of each per channel)");
        }
        this.mean = mean.clone();
        this.std = std.clone();
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || std[c] < 0) {
                throw new IllegalArgumentException(
                        "channel " + c + ": mean " + mean[c] + ", std " + std[c]);
            }
        }
    }

    /**
     * Fits the mean and std of each channel of {@code train} (values v/255).
     *
     * @param train the training images, at least one
     * @return the normaliser
     * @throws IllegalArgumentException if {@code train} is empty
     */
    public static ChannelNormalizer fit(ImageSet train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot fit on an empty image set: " + train.name());
        }
        int c = train.channels();
        int plane = train.height() * train.width();
        byte[] pixels = train.rawPixels();
        long[][] histogram = new long[c][256];
        for (int i = 0; i < pixels.length; i++) {
            histogram[(i / plane) % c][pixels[i] & 0xFF]++;
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            long count = 0;
            double sum = 0;
            for (int v = 0; v < 256; v++) {
                count += histogram[ch][v];
                sum += histogram[ch][v] * (v / 255.0);
            }
            double m = sum / count;
            double squares = 0;
            for (int v = 0; v < 256; v++) {
                double d = v / 255.0 - m;
                squares += histogram[ch][v] * d * d;
            }
            mean[ch] = (float) m;
            std[ch] = (float) Math.sqrt(squares / count);
        }
        return new ChannelNormalizer(mean, std);
    }

    /**
     * The number of channels.
     *
     * @return C
     */
    public int channels() {
        return mean.length;
    }

    /**
     * The channel means, on the [0, 1] scale.
     *
     * @return a copy of the means
     */
    public float[] mean() {
        return mean.clone();
    }

    /**
     * The channel standard deviations, on the [0, 1] scale.
     *
     * @return a copy of the stds
     */
    public float[] std() {
        return std.clone();
    }

    /**
     * Standardizes {@code n} images of c×h×w values stored from index 0 of {@code pixels}, in place.
     *
     * @param pixels the images' values in [0, 1], image-major
     * @param n the number of images
     * @param c channels per image
     * @param h height
     * @param w width
     * @throws IllegalArgumentException if {@code c} is not {@link #channels()} or the array is too
     *     short
     */
    public void apply(float[] pixels, int n, int c, int h, int w) {
        Augmentation.checkShape(pixels, n, c, h, w);
        if (c != mean.length) {
            throw new IllegalArgumentException(c + " channels, but the normalizer was fitted on "
                    + mean.length);
        }
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int from = (i * c + ch) * plane;
                float m = mean[ch];
                float inv = std[ch] > 0 ? 1f / std[ch] : 1f;
                for (int k = from; k < from + plane; k++) {
                    pixels[k] = (pixels[k] - m) * inv;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ChannelNormalizer(mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
    }
}
