package io.risbnn.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataSpecTest {
    @TempDir
    Path tmp;

    @Test
    void recognisesImageSpecs() {
        for (String s : new String[] {"fashion-mnist", "fashion-mnist:/x", "mnist:/x", "cifar10:/x", "cifar100:/x",
                "imagefolder:/x"}) {
            assertTrue(ImageDataSpec.isImage(s), s);
        }
        for (String s : new String[] {"concrete", "uci:/x", "table:/x", "cifar", "imagenet:/x"}) {
            assertFalse(ImageDataSpec.isImage(s), s);
        }
        assertEquals(new ImageDataSpec("cifar10", Path.of("/d")), ImageDataSpec.parse("cifar10:/d"));
        assertEquals(new ImageDataSpec("fashion-mnist", null), ImageDataSpec.parse("fashion-mnist"));
    }

    @Test
    void malformedSpecsNameTheOption() {
        for (String s : new String[] {"mnist", "cifar10", "cifar100", "imagefolder", "imagefolder:", "svhn:/x"}) {
            RisbnnException e = assertThrows(RisbnnException.class, () -> ImageDataSpec.parse(s));
            assertTrue(e.getMessage().startsWith("--data '"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void missingSystemFashionMnistSaysHowToInstallIt() {
        if (Files.isDirectory(ImageDataSpec.SYSTEM_FASHION_MNIST)) {
            assertTrue(ImageDataSpec.parse("fashion-mnist").load(false, Integer.MAX_VALUE).size() > 0);
            return;
        }
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> ImageDataSpec.parse("fashion-mnist").load(true, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void loadsIdxFolders() {
        for (String kind : new String[] {"mnist", "fashion-mnist"}) {
            Path dir = tmp.resolve(kind);
            ImageTestFiles.write(dir.resolve("train-images-idx3-ubyte"), ImageTestFiles.idxImages(3, 28, 28));
            ImageTestFiles.write(dir.resolve("train-labels-idx1-ubyte"), ImageTestFiles.idxLabels(1, 2, 3));
            ImageTestFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"),
                    ImageTestFiles.gzip(ImageTestFiles.idxImages(2, 28, 28)));
            ImageTestFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"),
                    ImageTestFiles.gzip(ImageTestFiles.idxLabels(4, 5)));
            ImageDataSpec spec = ImageDataSpec.parse(kind + ":" + dir);
            ImageSet train = spec.load(true, Integer.MAX_VALUE);
            ImageSet test = spec.load(false, Integer.MAX_VALUE);
            assertEquals(3, train.size());
            assertEquals(2, test.size());
            assertEquals(1, train.channels());
            assertEquals(10, train.classes());
            assertEquals(5, test.label(1));
        }
    }

    @Test
    void imageFolderOfAMissingFolderIsOneLine() {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> ImageDataSpec.parse("imagefolder:" + tmp.resolve("none")).load(true, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
