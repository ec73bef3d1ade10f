package io.risbnn.data.image;

import java.util.List;
import java.util.Objects;

/**
 * An immutable labelled image data set: {@link #size()} images of {@link #channels()} ×
 * {@link #height()} × {@link #width()} 8-bit pixels and one class label each.
 *
 * <p>Pixels are stored as bytes (one per value, 0..255) to keep CIFAR-sized sets small in memory;
 * {@link #pixels()} hands out floats {@code v / 255} in [0, 1], row-major N×C×H×W, in a new array
 * on each call (callers may modify it, e.g. with {@link Augmentation} or {@link
 * ChannelNormalizer}). For minibatches use {@link #pixels(int[])}, which converts only the rows
 * asked for.
 */
public final class ImageSet {
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * Copies the arrays. {@code pixels} holds unsigned 8-bit values, N×C×H×W row-major, with N =
     * {@code labels.length}; every label must be in {@code 0..classNames.size()-1}.
     *
     * @param name a short name for reports
     * @param channels C
     * @param height H
     * @param width W
     * @param classNames the class names, indexed by label
     * @param pixels N×C×H×W unsigned bytes
     * @param labels one label per image
     * @throws IllegalArgumentException when the shapes or labels do not fit (a programming error:
     *     the loaders validate user files first)
     */
    public ImageSet(String name, int channels, int height, int width, List<String> classNames,
            byte[] pixels, int[] labels) {
        this(name, channels, height, width, List.copyOf(classNames), pixels.clone(),
                labels.clone(), true);
    }

    /** Takes ownership of the arrays (no copy); used by the loaders of this package. */
    ImageSet(String name, int channels, int height, int width, List<String> classNames,
            byte[] pixels, int[] labels, boolean validate) {
        this.name = Objects.requireNonNull(name, "name");
        this.classNames = List.copyOf(classNames);
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive: " + channels + "×" + height + "×" + width);
        }
        if (this.classNames.isEmpty()) {
            throw new IllegalArgumentException("no class names");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(pixels.length + " pixel values for " + labels.length
                    + " images of " + channels + "×" + height + "×" + width + " (expected "
                    + expected + ")");
        }
        if (validate) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                    throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                            + " out of range 0.." + (this.classNames.size() - 1));
                }
            }
        }
    }

    /**
     * Short name for reports, e.g. {@code fashion-mnist} or the folder's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Number of images.
     *
     * @return N
     */
    public int size() {
        return labels.length;
    }

    /**
     * Channels per image (1 for gray, 3 for RGB).
     *
     * @return C
     */
    public int channels() {
        return channels;
    }

    /**
     * Image height in pixels.
     *
     * @return H
     */
    public int height() {
        return height;
    }

    /**
     * Image width in pixels.
     *
     * @return W
     */
    public int width() {
        return width;
    }

    /**
     * Values per image: channels × height × width.
     *
     * @return C·H·W
     */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * Number of classes (labels run 0..classes()-1).
     *
     * @return the class count
     */
    public int classes() {
        return classNames.size();
    }

    /**
     * Class names, indexed by label (unmodifiable).
     *
     * @return the names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * All pixels as floats in [0, 1], N×C×H×W row-major, in a new array.
     *
     * @return the pixels scaled by 1/255
     */
    public float[] pixels() {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (pixels[i] & 0xFF) / 255f;
        }
        return out;
    }

    /**
     * The pixels of the given rows (in that order, repeats allowed) as floats in [0, 1],
     * rows.length×C×H×W, in a new array.
     *
     * @param rows the image indices
     * @return the pixels scaled by 1/255
     * @throws IllegalArgumentException if a row is out of range
     */
    public float[] pixels(int[] rows) {
        int per = imageSize();
        float[] out = new float[Math.multiplyExact(rows.length, per)];
        for (int i = 0; i < rows.length; i++) {
            int from = checkRow(rows[i]) * per;
            int to = i * per;
            for (int k = 0; k < per; k++) {
                out[to + k] = (pixels[from + k] & 0xFF) / 255f;
            }
        }
        return out;
    }

    /**
     * The raw 8-bit pixel value at (image, channel, y, x), 0..255.
     *
     * @param image the image index
     * @param channel the channel
     * @param y the row
     * @param x the column
     * @return the value, 0..255
     */
    public int pixel(int image, int channel, int y, int x) {
        checkRow(image);
        Objects.checkIndex(channel, channels);
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return pixels[((image * channels + channel) * height + y) * width + x] & 0xFF;
    }

    /**
     * A copy of the labels, one per image.
     *
     * @return the labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The label of one image.
     *
     * @param image the image index
     * @return its label
     */
    public int label(int image) {
        return labels[checkRow(image)];
    }

    /**
     * Number of images of each class, indexed by label.
     *
     * @return the counts
     */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * {@code n} images at rows ⌊i·size/n⌋, i = 0..n−1 (all of them when n is 0 or at least the size): an
     * image folder lists its images class by class, so the first n would keep only the first classes.
     *
     * @param n the images wanted
     * @return the subset (this set when n is 0 or ≥ the size)
     */
    public ImageSet evenlySpaced(int n) {
        if (n == 0 || n >= size()) {
            return this;
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((long) i * size() / n);
        }
        return subset(rows);
    }

    /**
     * The given rows, in the given order (rows may repeat; an empty selection gives an empty set).
     *
     * @param rows the image indices
     * @return the selected images
     * @throws IllegalArgumentException if a row index is out of range
     */
    public ImageSet subset(int[] rows) {
        int per = imageSize();
        byte[] p = new byte[Math.multiplyExact(rows.length, per)];
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = checkRow(rows[i]);
            System.arraycopy(pixels, r * per, p, i * per, per);
            l[i] = labels[r];
        }
        return new ImageSet(name, channels, height, width, classNames, p, l, false);
    }

    /**
     * The first {@code min(n, size())} images.
     *
     * @param n the images wanted, ≥ 0
     * @return the first images
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public ImageSet head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
        int[] rows = new int[Math.min(n, size())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return subset(rows);
    }

    /**
     * Hex SHA-256 of the shape, class names, pixels and labels: whether two loads hold the same images.
     *
     * @return 64 hex digits
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update((channels + "x" + height + "x" + width + ":" + String.join("\u0000", classNames))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(pixels);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * labels.length);
            buffer.asIntBuffer().put(labels);
            digest.update(buffer.array());
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /**
     * Whether a 3-channel image set is gray in fact (R = G = B at every pixel): converting it to one channel loses nothing.
     *
     * @return true for a 1-channel set or a gray 3-channel one
     */
    public boolean isGray() {
        if (channels != 3) {
            return channels == 1;
        }
        int plane = height * width;
        for (int n = 0; n < labels.length; n++) {
            int base = n * 3 * plane;
            for (int p = 0; p < plane; p++) {
                byte r = pixels[base + p];
                if (pixels[base + plane + p] != r || pixels[base + 2 * plane + p] != r) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The images of {@code parts} (all of one shape) in order, labelled 0 of {@code classNames}.
     *
     * @param name the new set's name
     * @param parts the sets to join, at least one
     * @param classNames the class names of the result
     * @return the joined set
     */
    public static ImageSet concat(String name, List<ImageSet> parts, List<String> classNames) {
        ImageSet first = parts.get(0);
        int per = first.imageSize();
        int count = parts.stream().mapToInt(ImageSet::size).sum();
        byte[] all = new byte[count * per];
        int at = 0;
        for (ImageSet part : parts) {
            if (part.channels != first.channels || part.height != first.height || part.width != first.width) {
                throw new IllegalArgumentException("images of different shapes: " + part + " vs " + first);
            }
            System.arraycopy(part.pixels, 0, all, at, part.pixels.length);
            at += part.pixels.length;
        }
        return new ImageSet(name, first.channels, first.height, first.width, classNames, all, new int[count], false);
    }

    byte[] rawPixels() {
        return pixels;
    }

    int[] rawLabels() {
        return labels;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images of " + channels + "×" + height + "×" + width + ", "
                + classes() + " classes)";
    }

    private int checkRow(int r) {
        if (r < 0 || r >= labels.length) {
            throw new IllegalArgumentException(
                    "row " + r + " out of range: " + name + " has " + labels.length + " images");
        }
        return r;
    }
}
