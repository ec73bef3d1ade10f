package io.risbnn.data.image;

import io.risbnn.RisbnnException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX files of MNIST and Fashion-MNIST: a big-endian header (magic {@code
 * 0x00000803} and three sizes n, rows, cols for uint8 images; magic {@code 0x00000801} and one size
 * n for uint8 labels) followed by the values. Files may be gzip-compressed; compression is detected
 * from the content (bytes {@code 1f 8b}), not from the name.
 *
 * <p>Validation happens before any large allocation: the declared pixel count is compared with the
 * file's size (raw files) or read with a growing buffer that never exceeds what the stream actually
 * delivers (gzip files), and no file may declare or decompress to more than {@link #MAX_BYTES}, so
 * a lying header or a zip bomb cannot exhaust memory. Every problem raises {@link RisbnnException}
 * with a one-line message naming the file and the byte offset (for gzip files: the offset in the
 * decompressed data).
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest content accepted per file (after decompression): 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    /** Class names of Fashion-MNIST, indexed by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Class names of MNIST, indexed by label. */
    public static final List<String> MNIST_CLASSES =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxReader() {}

    /**
     * Reads an image file and its label file; class names are {@code "0".."classes-1"}.
     *
     * @param name name of the resulting set, e.g. {@code fashion-mnist}
     * @param images the IDX image file ({@code .gz} or not)
     * @param labels the IDX label file
     * @param classes number of classes: every label must be in {@code 0..classes-1} (1..256)
     * @return the images
     * @throws RisbnnException if a file is missing or malformed
     */
    public static ImageSet read(Path images, Path labels, String name, int classes) {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("classes must be in 1..256 (uint8 labels): " + classes);
        }
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return read(images, labels, name, names, MAX_BYTES);
    }

    /**
     * Fashion-MNIST from a folder with its standard file names ({@code .gz} or not).
     *
     * @param dir the folder
     * @param train true for the 60,000 training images, false for the 10,000 test images
     * @return the images, with the ten class names
     */
    public static ImageSet fashionMnist(Path dir, boolean train) {
        return standard(dir, train, "Fashion-MNIST", "fashion-mnist", FASHION_MNIST_CLASSES);
    }

    /**
     * MNIST from a folder with its standard file names ({@code .gz} or not).
     *
     * @param dir the folder
     * @param train true for the 60,000 training images, false for the 10,000 test images
     * @return the images, classes {@code 0}..{@code 9}
     */
    public static ImageSet mnist(Path dir, boolean train) {
        return standard(dir, train, "MNIST", "mnist", MNIST_CLASSES);
    }

    /** As {@link #read(Path, Path, String, int)} with explicit class names and size limit. */
    static ImageSet read(Path images, Path labels, String name, List<String> classNames,
            long maxBytes) {
        String imageSource = "IDX file " + ImageFiles.path(images);
        String labelSource = "IDX file " + ImageFiles.path(labels);
        int[] labelValues = readLabels(labels, labelSource, classNames.size(), maxBytes);
        Images pixels = readImages(images, imageSource, maxBytes);
        if (pixels.n != labelValues.length) {
            throw new RisbnnException(labelSource + ": " + labelValues.length
                    + " labels, but " + imageSource + " holds " + pixels.n
                    + " images (expected one label per image)");
        }
        return new ImageSet(name, 1, pixels.rows, pixels.cols, classNames, pixels.bytes,
                labelValues, false);
    }

    private record Images(int n, int rows, int cols, byte[] bytes) {}

    private static Images readImages(Path file, String source, long maxBytes) {
        try (Content in = Content.open(file, source, maxBytes, "IDX images")) {
            int magic = in.magic(IMAGES_HEADER);
            if (magic != IMAGES_MAGIC) {
                throw new RisbnnException(source + ": wrong magic " + hex(magic) + ", expected "
                        + hex(IMAGES_MAGIC) + " (IDX images)" + magicHint(magic));
            }
            in.requireHeader(IMAGES_HEADER, "IDX image");
            int n = dimension(in, 4, source, "image count");
            int rows = dimension(in, 8, source, "rows");
            int cols = dimension(in, 12, source, "columns");
            long expected = (long) n * rows; // < 2^62
            String shape = n + "×" + rows + "×" + cols;
            long limit = Math.min(maxBytes, Integer.MAX_VALUE - 8L) - IMAGES_HEADER;
            if (expected > limit / cols) {
                throw new RisbnnException(source + ": header declares " + shape
                        + " images, more than the " + limitText(maxBytes)
                        + " limit for IDX files (corrupt header?)");
            }
            expected *= cols;
            byte[] bytes = in.payload(IMAGES_HEADER, expected, "bytes of pixels (" + shape + ")");
            return new Images(n, rows, cols, bytes);
        }
    }

    private static int[] readLabels(Path file, String source, int classes, long maxBytes) {
        try (Content in = Content.open(file, source, maxBytes, "IDX labels")) {
            int magic = in.magic(LABELS_HEADER);
            if (magic != LABELS_MAGIC) {
                throw new RisbnnException(source + ": wrong magic " + hex(magic) + ", expected "
                        + hex(LABELS_MAGIC) + " (IDX labels)" + magicHint(magic));
            }
            in.requireHeader(LABELS_HEADER, "IDX label");
            int n = dimension(in, 4, source, "label count");
            if (n > Math.min(maxBytes, Integer.MAX_VALUE - 8L) - LABELS_HEADER) {
                throw new RisbnnException(source + ": header declares " + n
                        + " labels, more than the " + limitText(maxBytes)
                        + " limit for IDX files (corrupt header?)");
            }
            byte[] bytes = in.payload(LABELS_HEADER, n, "bytes of labels (" + n + ")");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int label = bytes[i] & 0xFF;
                if (label >= classes) {
                    throw new RisbnnException(source + " offset " + (LABELS_HEADER + i)
                            + ": label " + label + " out of range 0.." + (classes - 1));
                }
                labels[i] = label;
            }
            return labels;
        }
    }

    private static int dimension(Content in, int offset, String source, String what) {
        int value = in.headerInt(offset);
        if (value <= 0) {
            throw new RisbnnException(source + " offset " + offset + ": " + what + " is "
                    + Integer.toUnsignedString(value) + " (expected a positive size below 2^31)");
        }
        return value;
    }

    private static String magicHint(int magic) {
        if (magic == IMAGES_MAGIC) {
            return "; this is an IDX image file (images and labels swapped?)";
        }
        if (magic == LABELS_MAGIC) {
            return "; this is an IDX label file (images and labels swapped?)";
        }
        if ((magic >>> 16) == 0 && (magic & 0xFF00) != 0x0800) {
            return "; IDX element type " + String.format(Locale.ROOT, "0x%02X",
                    (magic >>> 8) & 0xFF) + " is not supported (only unsigned bytes, 0x08)";
        }
        return "";
    }

    private static String hex(int value) {
        return String.format(Locale.ROOT, "0x%08X", value);
    }

    private static String limitText(long maxBytes) {
        return maxBytes >= (1L << 30) ? ImageFiles.gib(maxBytes) : maxBytes + "-byte";
    }

    private static ImageSet standard(Path dir, boolean train, String title, String name,
            List<String> classNames) {
        String where = title + " folder " + ImageFiles.path(dir);
        String prefix = train ? "train" : "t10k";
        String expected = "expected train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each optionally .gz";
        ImageFiles.requireFolder(dir, where, "a folder with the IDX files; " + expected);
        Path images = find(dir, where, expected, prefix + "-images-idx3-ubyte",
                prefix + "-images.idx3-ubyte");
        Path labels = find(dir, where, expected, prefix + "-labels-idx1-ubyte",
                prefix + "-labels.idx1-ubyte");
        return read(images, labels, name, classNames, MAX_BYTES);
    }

    /** The first existing candidate, raw before gzip; the error names the standard name. */
    private static Path find(Path dir, String where, String expected, String... names) {
        for (String n : names) {
            for (String candidate : new String[] {n, n + ".gz"}) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new RisbnnException(where + ": no " + names[0] + " or " + names[0] + ".gz ("
                + expected + ")");
    }

    /**
     * The content of one IDX file, raw or gunzipped, read sequentially. Raw files are checked
     * against their size before reading; gzip files are read into a buffer that grows only as
     * data arrives, up to the declared size.
     */
    private static final class Content implements AutoCloseable {
        private final String source;
        private final InputStream in;
        private final boolean gzip;
        private final long fileSize; // raw files only
        private final byte[] header = new byte[IMAGES_HEADER];
        private int headerRead;
        private long position; // bytes read so far (decompressed, for gzip)

        private Content(String source, InputStream in, boolean gzip, long fileSize) {
            this.source = source;
            this.in = in;
            this.gzip = gzip;
            this.fileSize = fileSize;
        }

        static Content open(Path file, String source, long maxBytes, String what) {
            ImageFiles.requireRegularFile(file, source, what);
            long size = ImageFiles.size(file, source);
            if (size == 0) {
                throw new RisbnnException(source + ": empty (expected " + what + ")");
            }
            InputStream raw = null;
            try {
                int buffer = (int) Math.max(512, Math.min(size, 1 << 16));
                raw = new BufferedInputStream(Files.newInputStream(file), buffer);
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                if (b0 == 0x1f && b1 == 0x8b) {
                    try {
                        return new Content(source, new GZIPInputStream(raw, buffer), true, -1);
                    } catch (IOException e) {
                        throw new RisbnnException(source + ": corrupt gzip header ("
                                + ImageFiles.oneLine(e) + "; expected a gzip-compressed IDX file)", e);
                    }
                }
                if (size > maxBytes) {
                    throw new RisbnnException(source + ": " + size + " bytes, more than the "
                            + limitText(maxBytes) + " limit for IDX files");
                }
                return new Content(source, raw, false, size);
            } catch (IOException e) {
                throw new RisbnnException(source + ": cannot read: " + ImageFiles.oneLine(e), e);
            } catch (RuntimeException e) {
                closeQuietly(raw);
                throw e;
            }
        }

        /**
         * Reads up to {@code headerSize} header bytes and returns the magic number (the first 4).
         */
        int magic(int headerSize) {
            headerRead = readFully(header, 0, headerSize);
            if (headerRead < 4) {
                throw new RisbnnException(source + ": truncated at byte " + headerRead
                        + (gzip ? " of the decompressed data" : "")
                        + ": expected a 4-byte IDX magic number, found " + headerRead + " bytes");
            }
            return headerInt(0);
        }

        /** Fails unless the whole header of {@code headerSize} bytes was there. */
        void requireHeader(int headerSize, String kind) {
            if (headerRead < headerSize) {
                throw new RisbnnException(source + ": truncated at byte " + headerRead
                        + (gzip ? " of the decompressed data" : "") + ": expected a "
                        + headerSize + "-byte " + kind + " header, found " + headerRead
                        + " bytes");
            }
        }

        /** The big-endian int at {@code offset} of the header. */
        int headerInt(int offset) {
            return ((header[offset] & 0xFF) << 24) | ((header[offset + 1] & 0xFF) << 16)
                    | ((header[offset + 2] & 0xFF) << 8) | (header[offset + 3] & 0xFF);
        }

        /**
         * Reads exactly {@code expected} bytes after the header of {@code headerSize} bytes and
         * checks that the file ends there.
         */
        byte[] payload(int headerSize, long expected, String what) {
            String at = gzip ? " of the decompressed data" : "";
            if (!gzip) {
                long found = fileSize - headerSize;
                if (found < expected) {
                    throw truncated(headerSize + found, at, expected, what, found);
                }
                if (found > expected) {
                    throw trailing(headerSize + expected, at, found - expected);
                }
            }
            int n = (int) expected;
            byte[] bytes = new byte[gzip ? (int) Math.min(n, 1 << 20) : n];
            int filled = 0;
            while (filled < n) {
                if (filled == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(n, 2L * bytes.length));
                }
                int got = readFully(bytes, filled, bytes.length - filled);
                filled += got;
                if (filled < bytes.length) {
                    break; // end of data
                }
            }
            if (filled < n) {
                throw truncated(headerSize + (long) filled, at, expected, what, filled);
            }
            if (gzip) {
                int extra = readFully(new byte[1], 0, 1);
                if (extra > 0) {
                    throw trailing(headerSize + expected, at, -1);
                }
            }
            return bytes;
        }

        private RisbnnException truncated(long at, String where, long expected, String what,
                long found) {
            return new RisbnnException(source + ": truncated at byte " + at + where + ": expected "
                    + expected + " " + what + ", found " + found);
        }

        private RisbnnException trailing(long at, String where, long count) {
            return new RisbnnException(source + ": " + (count < 0 ? "trailing data" : count
                    + " bytes of trailing data") + " at byte " + at + where
                    + " (expected the file to end after the values its header declares)");
        }

        /** Reads until {@code len} bytes or the end of the data; returns how many were read. */
        private int readFully(byte[] b, int off, int len) {
            int total = 0;
            try {
                while (total < len) {
                    int got = in.read(b, off + total, len - total);
                    if (got < 0) {
                        break;
                    }
                    total += got;
                }
            } catch (EOFException e) {
                throw new RisbnnException(source + ": compressed data ends early after "
                        + (position + total) + " decompressed bytes (truncated .gz file?)", e);
            } catch (IOException e) {
                if (gzip) {
                    throw new RisbnnException(source + ": corrupt gzip data after "
                            + (position + total) + " decompressed bytes ("
                            + ImageFiles.oneLine(e) + ")", e);
                }
                throw new RisbnnException(source + ": cannot read: " + ImageFiles.oneLine(e), e);
            }
            position += total;
            return total;
        }

        @Override
        public void close() {
            closeQuietly(in);
        }

        private static void closeQuietly(InputStream stream) {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // reading is over; nothing to report
                }
            }
        }
    }
}
