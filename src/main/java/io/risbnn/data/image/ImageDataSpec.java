package io.risbnn.data.image;

import io.risbnn.RisbnnException;
import io.risbnn.data.TextFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image data sets of {@code --data}: {@code fashion-mnist} (the system copy in {@link
 * #SYSTEM_FASHION_MNIST}), {@code mnist:DIR}, {@code fashion-mnist:DIR}, {@code cifar10:DIR},
 * {@code cifar100:DIR} and {@code imagefolder:DIR} (see {@link ImageFolder}).
 *
 * @param kind the part before the colon
 * @param dir the folder, or null for the system Fashion-MNIST
 */
public record ImageDataSpec(String kind, Path dir) {
    /** Where {@code apt-get install -y dataset-fashion-mnist} puts Fashion-MNIST. */
    public static final Path SYSTEM_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String EXPECTED =
            "expected fashion-mnist, mnist:DIR, fashion-mnist:DIR, cifar10:DIR, cifar100:DIR or imagefolder:DIR";

    /**
     * Whether {@code spec} names an image data set (so the classification path handles it).
     *
     * @param spec a {@code --data} spec, or null
     * @return true for the image kinds
     */
    public static boolean isImage(String spec) {
        if (spec == null) {
            return false;
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        return switch (kind) {
            case "fashion-mnist", "mnist", "cifar10", "cifar100", "imagefolder" -> true;
            default -> false;
        };
    }

    /**
     * Parses an image data spec.
     *
     * @param spec {@code fashion-mnist}, {@code mnist:DIR}, {@code fashion-mnist:DIR}, {@code cifar10:DIR},
     *     {@code cifar100:DIR} or {@code imagefolder:DIR}
     * @return the spec's kind and folder
     * @throws RisbnnException naming --data for a malformed spec
     */
    public static ImageDataSpec parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        if (!isImage(spec)) {
            throw new RisbnnException("--data " + TextFiles.quote(spec) + ": " + EXPECTED);
        }
        if (argument == null) {
            if (kind.equals("fashion-mnist")) {
                return new ImageDataSpec(kind, null);
            }
            throw new RisbnnException("--data " + TextFiles.quote(spec) + ": " + kind + " needs a folder, " + kind + ":DIR");
        }
        if (argument.isEmpty()) {
            throw new RisbnnException("--data " + TextFiles.quote(spec) + ": empty folder after '" + kind + ":'");
        }
        String text = argument;
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return new ImageDataSpec(kind, Path.of(text));
        } catch (java.nio.file.InvalidPathException e) {
            throw new RisbnnException("--data " + TextFiles.quote(spec) + ": not a valid path (" + TextFiles.oneLine(e) + ")", e);
        }
    }

    /**
     * Loads the training or test images. {@code limitPerClass} bounds how many images of each class an
     * image folder decodes (Integer.MAX_VALUE: all); the other formats read whole files and ignore it.
     *
     * @param train true for the training images, false for the test images
     * @param limitPerClass the images per class an image folder decodes at most
     * @return the images
     * @throws RisbnnException if the files are missing or malformed
     */
    public ImageSet load(boolean train, int limitPerClass) {
        switch (kind) {
            case "fashion-mnist": {
                Path folder = dir;
                if (folder == null) {
                    folder = SYSTEM_FASHION_MNIST;
                    if (!Files.isDirectory(folder)) {
                        throw new RisbnnException("--data fashion-mnist: " + folder
                                + " not found; install it with: apt-get install -y dataset-fashion-mnist (or give fashion-mnist:DIR)");
                    }
                }
                return IdxReader.fashionMnist(folder, train);
            }
            case "mnist":
                return IdxReader.mnist(dir, train);
            case "cifar10":
                return CifarBinary.cifar10(dir, train);
            case "cifar100":
                return CifarBinary.cifar100(dir, train, false);
            case "imagefolder":
                return ImageFolder.load(dir, train, null, limitPerClass);
            default:
                throw new IllegalStateException(kind);
        }
    }
}
