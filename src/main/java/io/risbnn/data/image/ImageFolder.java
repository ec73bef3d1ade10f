package io.risbnn.data.image;

import io.risbnn.RisbnnException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Loader for the "image folder" layout: {@code DIR/train/<class>/*.png|jpg|jpeg} and {@code
 * DIR/test/<class>/...}. The classes are the sorted names of the sub-folders of {@code train/}
 * (hidden ones skipped); {@code test/} must have the same class folders, so labels agree between
 * the two. Images are ordered by class, then by file name; other files in the class folders are
 * ignored.
 *
 * <p>Images are decoded with {@link ImageIO}'s PNG and JPEG readers (whatever the extension says,
 * the content decides which; other formats are rejected) into 8-bit RGB (grayscale expanded to three equal
 * channels, alpha dropped) on a fixed pool of {@value #THREADS} threads. All images must have the
 * size of the first one. Each image's size is read from its header before it is decoded, so a
 * corrupt header cannot trigger a huge allocation.
 *
 * <p>Because decoding tens of thousands of files is slow, the result is cached in {@code
 * <cacheDir>/<hash of the folder's absolute path>-<train|test>[-limitN].bin} (uint8 pixels, labels,
 * class names, and a fingerprint of the listing: class folders, file names, sizes and modification
 * times), written atomically (temp file and rename) and protected by a CRC-32. A later load with an
 * unchanged listing reads the cache instead ({@link #lastLoadWasCached()}); a stale, corrupt or
 * unreadable cache is ignored and rewritten. Writing the cache is best effort: a read-only cache
 * folder only costs the speed-up. An edit that keeps a file's size and modification time (to the
 * file system's time resolution) is not noticed; delete the cache file after such edits.
 */
public final class ImageFolder {
    /** Decoder threads. */
    public static final int THREADS = 2;
    /** Largest image accepted, in pixels (width × height), checked before decoding. */
    public static final long MAX_PIXELS_PER_IMAGE = 1L << 24;
    /** Extensions of the files read, lower case. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");

    private static final byte[] CACHE_MAGIC = "RISBNNIF".getBytes(StandardCharsets.US_ASCII);
    private static final int CACHE_VERSION = 1;
    private static final long MAX_SET_BYTES = Integer.MAX_VALUE - 8L;
    private static final ThreadLocal<Boolean> LAST_CACHED = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private ImageFolder() {}

    /**
     * Where decoded image folders are cached by default.
     *
     * @return {@code ~/.cache/risbnn/imagefolder}
     */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "risbnn", "imagefolder");
    }

    /**
     * Loads every image of {@code DIR/train} or {@code DIR/test}.
     *
     * @param dir the image folder, with {@code train/CLASS/…} and {@code test/CLASS/…}
     * @param train true for {@code DIR/train}, false for {@code DIR/test}
     * @param cacheDir folder of the decode cache, or null for {@link #defaultCacheDir()}
     * @return the images, classes in name order
     * @throws RisbnnException if the folder or an image is missing or unreadable
     */
    public static ImageSet load(Path dir, boolean train, Path cacheDir) {
        return load(dir, train, cacheDir, Integer.MAX_VALUE);
    }

    /**
     * Loads the first {@code limitPerClass} images (by file name) of each class, for quick
     * subsets. Subsets are cached separately from the full set.
     *
     * @param dir the image folder
     * @param train true for {@code DIR/train}, false for {@code DIR/test}
     * @param cacheDir folder of the decode cache, or null for {@link #defaultCacheDir()}
     * @param limitPerClass images per class at most (Integer.MAX_VALUE: all)
     * @return the images
     * @throws RisbnnException if the folder or an image is missing or unreadable
     */
    public static ImageSet load(Path dir, boolean train, Path cacheDir, int limitPerClass) {
        LAST_CACHED.set(false);
        String where = "image folder " + ImageFiles.path(dir);
        if (limitPerClass < 1) {
            throw new RisbnnException(where + ": limit per class must be at least 1, got "
                    + limitPerClass);
        }
        String split = train ? "train" : "test";
        Listing listing = list(dir, where, split, limitPerClass);
        Path cacheFile = (cacheDir == null ? defaultCacheDir() : cacheDir)
                .resolve(cacheName(dir, split, limitPerClass));
        ImageSet cached = readCache(cacheFile, listing, ImageFiles.folderName(dir));
        if (cached != null) {
            LAST_CACHED.set(true);
            return cached;
        }
        ImageSet set = decodeAll(listing, where, ImageFiles.folderName(dir));
        writeCache(cacheFile, listing, set);
        return set;
    }

    /**
     * Whether the last {@code load} on this thread was served from the cache.
     *
     * @return true for a cache hit
     */
    public static boolean lastLoadWasCached() {
        return LAST_CACHED.get();
    }

    // ---------------------------------------------------------------- listing

    /** The files to load, in order, with their labels, and the fingerprint of the listing. */
    record Listing(List<String> classes, List<Path> files, int[] labels, byte[] fingerprint) {}

    static Listing list(Path dir, String where, String split, int limitPerClass) {
        String expected = "a folder with train/<class>/*.png|jpg|jpeg and test/<class>/...";
        ImageFiles.requireFolder(dir, where, expected);
        Path trainDir = dir.resolve("train");
        ImageFiles.requireFolder(trainDir, where + "/train", expected);
        List<String> classes = subfolders(trainDir, where + "/train");
        if (classes.isEmpty()) {
            throw new RisbnnException(where + "/train: no class folders (expected " + expected + ")");
        }
        Path splitDir = dir.resolve(split);
        if (!split.equals("train")) {
            ImageFiles.requireFolder(splitDir, where + "/" + split, expected);
            List<String> other = subfolders(splitDir, where + "/" + split);
            for (String c : other) {
                if (!classes.contains(c)) {
                    throw new RisbnnException(where + "/" + split + ": class folder "
                            + ImageFiles.quote(c) + " is not in train/ (expected the same class"
                            + " folders in train/ and " + split + "/)");
                }
            }
            for (String c : classes) {
                if (!other.contains(c)) {
                    throw new RisbnnException(where + "/" + split + ": no class folder "
                            + ImageFiles.quote(c) + " (train/ has it; expected the same class"
                            + " folders in train/ and " + split + "/)");
                }
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        MessageDigest digest = sha256();
        update(digest, "risbnn imagefolder " + CACHE_VERSION + "\n" + split + "\n" + limitPerClass
                + "\n");
        for (int label = 0; label < classes.size(); label++) {
            String c = classes.get(label);
            Path classDir = splitDir.resolve(c);
            String classWhere = where + "/" + split + "/" + ImageFiles.oneLine(c);
            List<String> names = imageFiles(classDir, classWhere);
            if (names.isEmpty()) {
                throw new RisbnnException(classWhere + ": no image files (expected *.png, *.jpg or"
                        + " *.jpeg in every class folder)");
            }
            update(digest, "class\0" + c + "\n");
            for (String name : names.subList(0, Math.min(limitPerClass, names.size()))) {
                Path file = classDir.resolve(name);
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    throw new RisbnnException("image file " + ImageFiles.path(file)
                            + ": cannot read its attributes: " + ImageFiles.oneLine(e), e);
                }
                update(digest, name + "\0" + attributes.size() + "\0"
                        + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n");
                files.add(file);
                labels.add(label);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        return new Listing(List.copyOf(classes), List.copyOf(files), labelArray, digest.digest());
    }

    private static List<String> subfolders(Path dir, String where) {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new RisbnnException(where + ": cannot list: " + ImageFiles.oneLine(e), e);
        }
        return new ArrayList<>(names);
    }

    private static List<String> imageFiles(Path dir, String where) {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (!name.startsWith(".") && EXTENSIONS.contains(ext)
                        && Files.isRegularFile(entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new RisbnnException(where + ": cannot list: " + ImageFiles.oneLine(e), e);
        }
        return new ArrayList<>(names);
    }

    // ---------------------------------------------------------------- decoding

    private static ImageSet decodeAll(Listing listing, String where, String name) {
        List<Path> files = listing.files();
        int n = files.size();
        // The first image fixes the size; the others are checked against it before decoding.
        Decoded first = decode(files.get(0), -1, -1);
        int h = first.height;
        int w = first.width;
        int per = 3 * h * w;
        if ((long) n * per > MAX_SET_BYTES) {
            throw new RisbnnException(where + ": " + n + " images of 3×" + h + "×" + w
                    + " do not fit in one image set (at most " + MAX_SET_BYTES + " bytes)");
        }
        byte[] pixels = new byte[n * per];
        System.arraycopy(first.rgb, 0, pixels, 0, per);
        if (n > 1) {
            int chunk = Math.max(1, Math.min(64, n / (THREADS * 4)));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
                Thread t = new Thread(runnable, "risbnn-imagefolder-" + THREAD_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int start = 1; start < n; start += chunk) {
                    int from = start;
                    int to = Math.min(n, start + chunk);
                    futures.add(pool.submit(() -> {
                        for (int i = from; i < to; i++) {
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                            Decoded d = decode(files.get(i), h, w);
                            System.arraycopy(d.rgb, 0, pixels, i * per, per);
                        }
                    }));
                }
                // In submission order, so the error reported is the first bad file in order.
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new RisbnnException(where + ": decoding failed: " + ImageFiles.oneLine(cause),
                        cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RisbnnException(where + ": interrupted while decoding images", e);
            } finally {
                pool.shutdownNow();
            }
        }
        return new ImageSet(name, 3, h, w, listing.classes(), pixels, listing.labels().clone(),
                false);
    }

    private record Decoded(int width, int height, byte[] rgb) {}

    /**
     * One PNG or JPEG file as a one-image RGB set (label 0 of the one class {@code "?"}): how
     * {@code predict} reads images that come without a class.
     *
     * @param file a PNG or JPEG file
     * @return the one-image set, named after the file
     * @throws RisbnnException if the file cannot be decoded
     */
    public static ImageSet decodeFile(Path file) {
        Decoded d = decode(file, -1, -1);
        return new ImageSet(file.getFileName() == null ? file.toString() : file.getFileName().toString(), 3, d.height,
                d.width, List.of("?"), d.rgb, new int[1], false);
    }

    /**
     * Decodes one file into C×H×W RGB bytes; when {@code expectH >= 0} the size must match.
     * Problems of the file, including failures inside the decoder, become {@link
     * RisbnnException} naming it.
     */
    static Decoded decode(Path file, int expectH, int expectW) {
        String source = "image file " + ImageFiles.path(file);
        BufferedImage image;
        int w;
        int h;
        ImageReader reader = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new RisbnnException(source + ": cannot open");
            }
            reader = pngOrJpegReader(ImageIO.getImageReaders(in));
            if (reader == null) {
                throw new RisbnnException(source + ": not a PNG or JPEG image (its content is not"
                        + " recognised as either)");
            }
            reader.setInput(in, true, true);
            w = reader.getWidth(0);
            h = reader.getHeight(0);
            if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS_PER_IMAGE) {
                throw new RisbnnException(source + ": header gives " + w + "×" + h
                        + " pixels (expected a positive size of at most " + MAX_PIXELS_PER_IMAGE
                        + " pixels; corrupt header?)");
            }
            if (expectH >= 0 && (h != expectH || w != expectW)) {
                throw new RisbnnException(source + ": " + w + "×" + h + " pixels, expected "
                        + expectW + "×" + expectH + " like the first image (all images must"
                        + " share one size)");
            }
            image = reader.read(0);
        } catch (RisbnnException e) {
            throw e;
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot decode (" + ImageFiles.oneLine(e) + ")", e);
        } catch (RuntimeException e) {
            // Decoders throw unchecked exceptions on some corrupt files; the file is the problem.
            throw new RisbnnException(source + ": cannot decode, corrupt image ("
                    + e.getClass().getSimpleName() + ": " + ImageFiles.oneLine(e) + ")", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            throw new RisbnnException(source + ": cannot decode (the decoder returned "
                    + (image == null ? "nothing" : image.getWidth() + "×" + image.getHeight()
                    + " pixels for a " + w + "×" + h + " header") + ")");
        }
        try {
            return new Decoded(w, h, toRgb(image));
        } catch (RuntimeException e) {
            throw new RisbnnException(source + ": cannot convert to RGB ("
                    + e.getClass().getSimpleName() + ": " + ImageFiles.oneLine(e) + ")", e);
        }
    }

    /**
     * The first PNG or JPEG reader offered; readers of other formats are disposed of unused (the
     * folder holds .png/.jpg/.jpeg files, and ImageIO's WBMP reader claims almost any bytes).
     */
    private static ImageReader pngOrJpegReader(Iterator<ImageReader> readers) {
        while (readers.hasNext()) {
            ImageReader candidate = readers.next();
            String format;
            try {
                format = candidate.getFormatName().toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                format = "";
            }
            if (format.equals("png") || format.equals("jpeg") || format.equals("jpg")) {
                return candidate;
            }
            candidate.dispose();
        }
        return null;
    }

    /**
     * 8-bit RGB planes of the image. Gray images (any bit depth) are read from the raster so their
     * values are kept as stored: {@code getRGB} would treat Java's gray as linear light and
     * brighten it.
     */
    static byte[] toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        byte[] out = new byte[3 * plane];
        ColorModel cm = image.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            int bits = cm.getComponentSize(0);
            long max = (1L << bits) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = bits == 8 ? row[x] & 0xFF : (int) ((row[x] * 255L + max / 2) / max);
                    byte b = (byte) v;
                    int i = y * w + x;
                    out[i] = b;
                    out[plane + i] = b;
                    out[2 * plane + i] = b;
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = (byte) (p >>> 16);
            out[plane + i] = (byte) (p >>> 8);
            out[2 * plane + i] = (byte) p;
        }
        return out;
    }

    // ---------------------------------------------------------------- cache

    static String cacheName(Path dir, String split, int limitPerClass) {
        MessageDigest digest = sha256();
        update(digest, dir.toAbsolutePath().normalize().toString());
        String hash = hex(digest.digest()).substring(0, 32);
        return hash + "-" + split + (limitPerClass == Integer.MAX_VALUE ? "" : "-limit"
                + limitPerClass) + ".bin";
    }

    /** The cached set, or null when the cache is absent, stale, corrupt or unreadable. */
    static ImageSet readCache(Path cacheFile, Listing listing, String name) {
        if (!Files.isRegularFile(cacheFile)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(cacheFile)) {
            long size = Files.size(cacheFile);
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(
                    new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc));
            byte[] magic = new byte[CACHE_MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, CACHE_MAGIC) || in.readInt() != CACHE_VERSION) {
                return null;
            }
            byte[] fingerprint = new byte[listing.fingerprint().length];
            in.readFully(fingerprint);
            if (!Arrays.equals(fingerprint, listing.fingerprint())) {
                return null;
            }
            int n = in.readInt();
            int c = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            int classCount = in.readInt();
            if (n != listing.files().size() || c != 3 || h <= 0 || w <= 0
                    || (long) h * w > MAX_PIXELS_PER_IMAGE
                    || classCount != listing.classes().size()) {
                return null;
            }
            long per = 3L * h * w;
            if (n * per > MAX_SET_BYTES || n * per + 4L * n > size) {
                return null; // the sizes cannot be right: do not allocate for them
            }
            for (String expected : listing.classes()) {
                if (!in.readUTF().equals(expected)) {
                    return null;
                }
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readInt();
                if (labels[i] != listing.labels()[i]) {
                    return null;
                }
            }
            byte[] pixels = new byte[(int) (n * per)];
            in.readFully(pixels);
            long expectedCrc = crc.getValue();
            if (in.readLong() != expectedCrc || in.read() != -1) {
                return null;
            }
            return new ImageSet(name, 3, h, w, listing.classes(), pixels, labels, false);
        } catch (IOException e) {
            return null; // unreadable or truncated: decode again and rewrite it
        }
    }

    /** Writes the cache atomically (temp file, then rename); failures are ignored. */
    static void writeCache(Path cacheFile, Listing listing, ImageSet set) {
        Path tmp = null;
        try {
            Path dir = cacheFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = dir.resolve("." + cacheFile.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp)) {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(
                        new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
                out.write(CACHE_MAGIC);
                out.writeInt(CACHE_VERSION);
                out.write(listing.fingerprint());
                out.writeInt(set.size());
                out.writeInt(set.channels());
                out.writeInt(set.height());
                out.writeInt(set.width());
                out.writeInt(set.classes());
                for (String c : set.classNames()) {
                    out.writeUTF(c);
                }
                for (int label : set.rawLabels()) {
                    out.writeInt(label);
                }
                out.write(set.rawPixels());
                out.flush();
                out.writeLong(crc.getValue());
                out.flush();
            }
            try {
                Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // Best effort: the cache only saves time (e.g. a read-only or full cache folder).
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(String.format(Locale.ROOT, "%02x", x & 0xFF));
        }
        return b.toString();
    }
}
