package io.risbnn.data.image;

/**
 * Converts an {@link ImageSet} to another channel count and size, for feeding images of one data set
 * to a model trained on another shape (the {@code ood --ood-resize} option). Nothing calls it
 * implicitly.
 *
 * <ul>
 *   <li>Channels: RGB → gray by the ITU-R BT.601 luma Y = 0.299 R + 0.587 G + 0.114 B (on the stored
 *       8-bit values, as most image libraries do); gray → RGB by copying the gray plane into all three
 *       channels. Other channel changes (e.g. 4 → 3) are refused.</li>
 *   <li>Size: separable, axis by axis. An axis that shrinks (or keeps its size) is area-averaged: output
 *       pixel j covers the input interval [j·s, (j+1)·s) with s = in/out, and each input pixel is
 *       weighted by the length of its overlap with that interval (a box filter, so integer factors
 *       average whole blocks and 32 → 28 averages 8/7 pixels). An axis that grows is interpolated
 *       bilinearly with pixel centres at (j + ½)·s − ½ (the align_corners=false convention), clamped
 *       at the borders.</li>
 * </ul>
 * Everything is computed in double precision from the 8-bit values and rounded once to the nearest
 * 8-bit value at the end, so a gray image replicated to RGB and converted back is unchanged.
 */
public final class ImageResize {
    /** BT.601 luma weights of R, G and B. */
    public static final double LUMA_R = 0.299;
    /** BT.601 luma weight of G. */
    public static final double LUMA_G = 0.587;
    /** BT.601 luma weight of B. */
    public static final double LUMA_B = 0.114;

    private ImageResize() {}

    /**
     * Whether {@code images} already has the shape channels × height × width.
     *
     * @param images the images
     * @param channels C
     * @param height H
     * @param width W
     * @return true if no conversion is needed
     */
    public static boolean hasShape(ImageSet images, int channels, int height, int width) {
        return images.channels() == channels && images.height() == height && images.width() == width;
    }

    /**
     * {@code images} converted to channels × height × width (labels, class names and name kept); the
     * same set when it already has that shape.
     *
     * @param images the images
     * @param channels the target C (1 or 3, or the current one)
     * @param height the target H
     * @param width the target W
     * @return the converted set
     * @throws IllegalArgumentException for a non-positive shape or a channel change other than 1 ↔ 3
     */
    public static ImageSet convert(ImageSet images, int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("target shape must be positive: " + channels + "×" + height + "×" + width);
        }
        int inC = images.channels();
        if (inC != channels && !((inC == 3 && channels == 1) || (inC == 1 && channels == 3))) {
            throw new IllegalArgumentException("cannot convert " + inC + " channels to " + channels
                    + " (only RGB ↔ gray)");
        }
        if (hasShape(images, channels, height, width)) {
            return images;
        }
        int n = images.size();
        int inH = images.height();
        int inW = images.width();
        byte[] raw = images.rawPixels();
        int inPlane = inH * inW;
        int outPlane = height * width;
        Axis rows = Axis.of(inH, height);
        Axis cols = Axis.of(inW, width);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(n, channels), outPlane)];
        double[] src = new double[inPlane];
        double[] dst = new double[outPlane];
        double[] tmp = new double[height * inW];
        for (int i = 0; i < n; i++) {
            int inBase = i * inC * inPlane;
            if (inC == 3 && channels == 1) {
                for (int k = 0; k < inPlane; k++) {
                    src[k] = LUMA_R * (raw[inBase + k] & 0xFF) + LUMA_G * (raw[inBase + inPlane + k] & 0xFF)
                            + LUMA_B * (raw[inBase + 2 * inPlane + k] & 0xFF);
                }
                resample(src, inW, rows, cols, tmp, dst);
                store(dst, out, i * outPlane);
            } else if (inC == 1 && channels == 3) {
                for (int k = 0; k < inPlane; k++) {
                    src[k] = raw[inBase + k] & 0xFF;
                }
                resample(src, inW, rows, cols, tmp, dst);
                for (int ch = 0; ch < 3; ch++) {
                    store(dst, out, (i * 3 + ch) * outPlane);
                }
            } else {
                for (int ch = 0; ch < inC; ch++) {
                    for (int k = 0; k < inPlane; k++) {
                        src[k] = raw[inBase + ch * inPlane + k] & 0xFF;
                    }
                    resample(src, inW, rows, cols, tmp, dst);
                    store(dst, out, (i * channels + ch) * outPlane);
                }
            }
        }
        return new ImageSet(images.name(), channels, height, width, images.classNames(), out, images.rawLabels().clone(),
                false);
    }

    /** One plane: rows first (inH×inW → outH×inW in tmp), then columns (→ outH×outW in dst). */
    private static void resample(double[] src, int inW, Axis rows, Axis cols, double[] tmp, double[] dst) {
        int outH = rows.size();
        int outW = cols.size();
        for (int y = 0; y < outH; y++) {
            int[] from = rows.index[y];
            double[] weight = rows.weight[y];
            for (int x = 0; x < inW; x++) {
                double v = 0;
                for (int k = 0; k < from.length; k++) {
                    v += weight[k] * src[from[k] * inW + x];
                }
                tmp[y * inW + x] = v;
            }
        }
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int[] from = cols.index[x];
                double[] weight = cols.weight[x];
                double v = 0;
                for (int k = 0; k < from.length; k++) {
                    v += weight[k] * tmp[y * inW + from[k]];
                }
                dst[y * outW + x] = v;
            }
        }
    }

    private static void store(double[] values, byte[] out, int offset) {
        for (int k = 0; k < values.length; k++) {
            long v = Math.round(values[k]);
            out[offset + k] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    /** The input pixels and weights behind each output pixel of one axis. */
    static final class Axis {
        final int[][] index;
        final double[][] weight;

        private Axis(int[][] index, double[][] weight) {
            this.index = index;
            this.weight = weight;
        }

        int size() {
            return index.length;
        }

        static Axis of(int in, int out) {
            return out <= in ? area(in, out) : linear(in, out);
        }

        /** Box filter: output j averages [j·in/out, (j+1)·in/out) with overlap-length weights. */
        static Axis area(int in, int out) {
            int[][] index = new int[out][];
            double[][] weight = new double[out][];
            double scale = (double) in / out;
            for (int j = 0; j < out; j++) {
                double lo = (double) j * in / out;
                double hi = (double) (j + 1) * in / out;
                int first = (int) Math.floor(lo);
                int last = Math.min(in - 1, (int) Math.ceil(hi) - 1);
                index[j] = new int[last - first + 1];
                weight[j] = new double[last - first + 1];
                for (int p = first; p <= last; p++) {
                    double overlap = Math.min(hi, p + 1) - Math.max(lo, p);
                    index[j][p - first] = p;
                    weight[j][p - first] = overlap / scale;
                }
            }
            return new Axis(index, weight);
        }

        /** Bilinear: output j samples position (j + ½)·in/out − ½, clamped to [0, in − 1]. */
        static Axis linear(int in, int out) {
            int[][] index = new int[out][];
            double[][] weight = new double[out][];
            double scale = (double) in / out;
            for (int j = 0; j < out; j++) {
                double pos = Math.min(in - 1, Math.max(0, (j + 0.5) * scale - 0.5));
                int left = (int) Math.floor(pos);
                int right = Math.min(in - 1, left + 1);
                double t = pos - left;
                if (right == left || t == 0) {
                    index[j] = new int[] {left};
                    weight[j] = new double[] {1.0};
                } else {
                    index[j] = new int[] {left, right};
                    weight[j] = new double[] {1 - t, t};
                }
            }
            return new Axis(index, weight);
        }
    }
}
