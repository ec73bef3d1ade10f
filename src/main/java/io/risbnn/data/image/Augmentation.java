package io.risbnn.data.image;

import java.util.SplittableRandom;

/**
 * The standard CIFAR training augmentation, seeded: a random crop of the image padded with
 * {@link #padding()} zero pixels on each side (equivalently a random shift by up to that many
 * pixels in each direction, filling with zeros), then a horizontal flip with probability 1/2.
 *
 * <p>Apply it to pixels in [0, 1] <em>before</em> {@link ChannelNormalizer}, as torchvision's
 * {@code RandomCrop(32, padding=4)} runs before {@code Normalize}, so the padding is black. For each
 * image the generator is drawn in a fixed order (crop row, crop column, flip), so the same seed
 * always gives the same batch.
 */
public final class Augmentation {
    private final int padding;
    private final boolean flip;

    /** Crop with 4-pixel zero padding and random horizontal flips (the CIFAR default). */
    public Augmentation() {
        this(4, true);
    }

    /**
     * @param padding zero padding on each side before cropping back to the original size (0: no crop)
     * @param flip whether to flip horizontally with probability 1/2
     */
    public Augmentation(int padding, boolean flip) {
        if (padding < 0) {
            throw new IllegalArgumentException("negative padding " + padding);
        }
        this.padding = padding;
        this.flip = flip;
    }

    /**
     * The zero padding before the random crop.
     *
     * @return pixels per side (0: no crop)
     */
    public int padding() {
        return padding;
    }

    /**
     * Whether images are flipped horizontally with probability 1/2.
     *
     * @return true if flipping is on
     */
    public boolean flips() {
        return flip;
    }

    /**
     * Augments {@code n} images of c×h×w floats, stored one after another from index 0 of {@code
     * batchPixels}, in place.
     *
     * @param batchPixels the images' values, image-major
     * @param n the number of images
     * @param c channels per image
     * @param h height
     * @param w width
     * @param rng the source of the crops and flips (seeded per batch by the caller)
     * @throws IllegalArgumentException if the array is shorter than n·c·h·w or a size is not positive
     */
    public void apply(float[] batchPixels, int n, int c, int h, int w, SplittableRandom rng) {
        checkShape(batchPixels, n, c, h, w);
        int per = c * h * w;
        float[] scratch = new float[per];
        for (int i = 0; i < n; i++) {
            int cropY = padding == 0 ? padding : rng.nextInt(2 * padding + 1);
            int cropX = padding == 0 ? padding : rng.nextInt(2 * padding + 1);
            boolean mirror = flip && rng.nextBoolean();
            transform(batchPixels, i * per, c, h, w, cropY - padding, cropX - padding, mirror,
                    scratch);
        }
    }

    /**
     * One deterministic transform of the image at {@code offset}, in place: output pixel (y, x)
     * is input pixel (y + dy, x + dx), or 0 where that falls outside the image, and then, if
     * {@code mirror}, column x takes column w-1-x. A crop at offset (oy, ox) of the image padded
     * by p is the shift (dy, dx) = (oy - p, ox - p).
     *
     * @param pixels the array holding the image
     * @param offset the index of the image's first value
     * @param c channels
     * @param h height
     * @param w width
     * @param dy vertical shift
     * @param dx horizontal shift
     * @param mirror whether to flip horizontally after the shift
     */
    public static void shiftAndFlip(float[] pixels, int offset, int c, int h, int w, int dy,
            int dx, boolean mirror) {
        if (offset < 0 || (long) offset + (long) c * h * w > pixels.length) {
            throw new IllegalArgumentException("image at " + offset + " of " + c + "×" + h + "×" + w
                    + " does not fit in " + pixels.length + " values");
        }
        transform(pixels, offset, c, h, w, dy, dx, mirror, new float[c * h * w]);
    }

    private static void transform(float[] p, int offset, int c, int h, int w, int dy, int dx,
            boolean mirror, float[] scratch) {
        if (dy == 0 && dx == 0 && !mirror) {
            return;
        }
        int per = c * h * w;
        System.arraycopy(p, offset, scratch, 0, per);
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                int row = offset + plane + y * w;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(p, row, row + w, 0f);
                    continue;
                }
                int srcRow = plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = (mirror ? w - 1 - x : x) + dx;
                    p[row + x] = sx < 0 || sx >= w ? 0f : scratch[srcRow + sx];
                }
            }
        }
    }

    static void checkShape(float[] pixels, int n, int c, int h, int w) {
        if (n < 0 || c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("bad batch shape " + n + "×" + c + "×" + h + "×" + w);
        }
        if ((long) n * c * h * w > pixels.length) {
            throw new IllegalArgumentException(n + "×" + c + "×" + h + "×" + w + " values do not fit"
                    + " in an array of " + pixels.length);
        }
    }
}
