package io.risbnn.experiment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Synthetic image folders for the classification tests. */
public final class ImageRunTesting {
    private ImageRunTesting() {}

    /**
     * DIR/train/{left,right} and DIR/test/{left,right} of 28×28 grey PNGs: class "left" is brighter in
     * its left half, "right" in its right half, plus noise, so a linear map separates them.
     */
    public static Path twoClassFolder(Path dir, int trainPerClass, int testPerClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try {
            for (String split : new String[] {"train", "test"}) {
                int n = split.equals("train") ? trainPerClass : testPerClass;
                for (int c = 0; c < 2; c++) {
                    Path folder = Files.createDirectories(dir.resolve(split).resolve(c == 0 ? "left" : "right"));
                    for (int i = 0; i < n; i++) {
                        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                        for (int y = 0; y < 28; y++) {
                            for (int x = 0; x < 28; x++) {
                                boolean bright = (x < 14) == (c == 0);
                                int v = (bright ? 170 : 70) + random.nextInt(-40, 41);
                                image.getRaster().setSample(x, y, 0, v);
                            }
                        }
                        ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", i)).toFile());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
