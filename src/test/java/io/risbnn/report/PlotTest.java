package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void linePlotWritesPngAndSvg() throws IOException {
        int n = 200;
        double[] x = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            a[i] = 10 * Math.exp(-i / 50.0) + 0.1;
            b[i] = 5 * Math.exp(-i / 30.0) + 0.2;
        }
        b[100] = Double.NaN; // a diverged point must not break plotting
        b[101] = Double.POSITIVE_INFINITY;
        LinePlot plot = new LinePlot("ELBO", "epoch", "loss")
                .addSeries("train", x, a)
                .addSeries("valid", x, b)
                .addSeries("short", new double[] {0, 100, 199}, new double[] {1, 2, 3})
                .optLogY(true);
        Path png = dir.resolve("plots/loss.png");
        plot.savePng(png);
        assertPng(png);

        Path svg = dir.resolve("loss.svg");
        plot.saveSvg(svg);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    }

    @Test
    void logYWithNonPositiveValueIsAUserError() {
        LinePlot plot = new LinePlot("t", "x", "y")
                .addSeries("s", new double[] {1, 2}, new double[] {1, -1})
                .optLogY(true);
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> plot.savePng(dir.resolve("bad.png")));
        assertTrue(e.getMessage().contains("'s'"), e.getMessage());
    }

    @Test
    void linePlotValidatesShapes() {
        LinePlot plot = new LinePlot("t", "x", "y");
        assertThrows(IllegalArgumentException.class,
                () -> plot.addSeries("s", new double[] {1, 2}, new double[] {1}));
        plot.addSeries("s", new double[] {1}, new double[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> plot.addSeries("s", new double[] {1}, new double[] {1}));
    }

    @Test
    void histogramWritesPng() throws IOException {
        java.util.Random rnd = new java.util.Random(1);
        double[] in = new double[1000];
        double[] out = new double[300];
        for (int i = 0; i < in.length; i++) {
            in[i] = Math.abs(rnd.nextGaussian()) * 0.3;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = 1 + rnd.nextGaussian() * 0.3;
        }
        Path png = dir.resolve("entropy.png");
        new HistogramPlot("predictive entropy", "entropy (nats)")
                .addSeries("in-distribution", in, 30)
                .addSeries("OOD", out, 30)
                .addSeries("constant", new double[] {0.5, 0.5}, 5)
                .optDensity(true)
                .savePng(png);
        assertPng(png);
    }

    @Test
    void histogramOutlineCountsAndCloses() {
        double[][] xy = HistogramPlot.outline(new double[] {0, 1, 1, 2, Double.NaN}, 2, false);
        assertArrayEquals(new double[] {0, 0, 1, 2}, xy[0], 1e-12);
        assertArrayEquals(new double[] {0, 1, 3, 0}, xy[1], 1e-12);
        double[][] density = HistogramPlot.outline(new double[] {0, 1, 1, 2}, 2, true);
        // width 1, n 4: densities 1/4 and 3/4 integrate to 1
        assertArrayEquals(new double[] {0, 0.25, 0.75, 0}, density[1], 1e-12);
    }

    private static void assertPng(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8));
        assertTrue(bytes.length > 1024, "PNG only " + bytes.length + " bytes");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
    }
}
