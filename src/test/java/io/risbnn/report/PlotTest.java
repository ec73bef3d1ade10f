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

    @Test
    void robustRangeLeavesOutTheFirstStepsSpikeButKeepsTheRest() {
        int n = 1000;
        double[] trace = new double[n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            trace[i] = 1 + 0.2 * random.nextGaussian();
        }
        trace[0] = 40;   // the first-step spike
        trace[1] = 25;
        trace[700] = 3;  // a later spike must stay visible
        RobustRange.Range range = RobustRange.of(java.util.List.of(trace), false);
        assertTrue(range.max() < 25, "spike inside the range: " + range);
        for (int i = (int) Math.ceil(RobustRange.BURN_IN_FRACTION * n); i < n; i++) {
            assertTrue(trace[i] >= range.min() && trace[i] <= range.max(), "step " + i + " = " + trace[i] + " outside " + range);
        }
        assertTrue(range.max() >= 3, "the late spike is kept");
        double[] logRange = {RobustRange.of(java.util.List.of(positive(trace)), true).min(),
            RobustRange.of(java.util.List.of(positive(trace)), true).max()};
        assertTrue(logRange[1] < 25 && logRange[1] >= 3, Arrays.toString(logRange));
        // nothing to gain: no clipping; short series (epochs) are never clipped
        trace[0] = 1.2;
        trace[1] = 1.1;
        assertEquals(null, RobustRange.of(java.util.List.of(trace), false));
        assertEquals(null, RobustRange.of(java.util.List.of(new double[] {40, 1, 1.1, 0.9}), false));
    }

    @Test
    void movingAverageKeepsLevelsAndGaps() {
        double[] y = {1, 1, 1, Double.NaN, Double.NaN, Double.NaN, 3, 3, 3};
        double[] smooth = MovingAverage.centred(y, 3);
        assertEquals(1, smooth[0], 1e-15);
        assertEquals(1, smooth[3], 1e-15);    // its neighbour is finite
        assertTrue(Double.isNaN(smooth[4]), "a window of gaps stays a gap");
        assertEquals(3, smooth[8], 1e-15);
        assertEquals(5, MovingAverage.window(10));
        assertEquals(201, MovingAverage.window(10_000));
    }

    @Test
    void longTracesWithASpikeWritePngOnLinearAndLogAxes() throws IOException {
        int n = 3000;
        double[] x = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            a[i] = 0.8 + 6 * Math.exp(-i / 20.0) + 0.2 * Math.abs(random.nextGaussian());
            b[i] = 0.7 + 6 * Math.exp(-i / 20.0) + 0.2 * Math.abs(random.nextGaussian());
        }
        for (boolean log : new boolean[] {false, true}) {
            Path png = dir.resolve("trace-" + log + ".png");
            new LinePlot("trace", "step", "loss").addSeries("a", x, a).addSeries("b", x, b).optLogY(log).savePng(png);
            assertPng(png);
        }
    }

    @Test
    void newPlotsWritePngs() throws IOException {
        java.util.Random random = new java.util.Random(7);
        int n = 300;
        double[][] sharp = new double[n][3];
        double[][] soft = new double[n][3];
        int[] labels = new int[n];
        double[] x = new double[n];
        double[] truth = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3);
            double confidence = 0.4 + 0.6 * random.nextDouble();
            for (int c = 0; c < 3; c++) {
                sharp[i][c] = c == labels[i] ? confidence : (1 - confidence) / 2;
                soft[i][c] = (sharp[i][c] + 1.0 / 3) / 2;
            }
            x[i] = 4 * random.nextDouble() - 2;
            mean[i] = Math.sin(x[i]);
            std[i] = 0.1 + 0.1 * Math.abs(x[i]);
            truth[i] = mean[i] + std[i] * random.nextGaussian();
        }
        ReliabilityPlot reliability = new ReliabilityPlot("Reliability").add("sampled", sharp, labels).add("mean-var", soft, labels);
        assertEquals(io.risbnn.eval.metrics.ClassificationMetrics.ece(sharp, labels), reliability.eces()[0], 0.0);
        assertEquals(io.risbnn.eval.metrics.ClassificationMetrics.ece(soft, labels), reliability.eces()[1], 0.0);
        reliability.savePng(dir.resolve("reliability.png"));
        assertPng(dir.resolve("reliability.png"));

        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            lower[i] = mean[i] - 0.2;
            upper[i] = mean[i] + 0.3;
        }
        new PredictedVsTruePlot("Predicted vs true", "y", truth).addGaussian("mean-var", mean, std, 0.9)
                .savePng(dir.resolve("predicted.png"));
        assertPng(dir.resolve("predicted.png"));
        new PredictiveBandPlot("Band", "x", "y", x, truth).addGaussian("mean-var", mean, std, 0.9)
                .addInterval("sampled", mean, lower, upper, "5–95 % quantiles").savePng(dir.resolve("band.png"));
        assertPng(dir.resolve("band.png"));

        double[] levels = io.risbnn.eval.metrics.IntervalCoverage.standardLevels();
        new CoveragePlot("Coverage").addSeries("mean-var", levels,
                        io.risbnn.eval.metrics.IntervalCoverage.gaussian(truth, mean, std, levels))
                .optSampleSize(n).savePng(dir.resolve("coverage.png"));
        assertPng(dir.resolve("coverage.png"));

        double[] in = new double[200];
        double[] out = new double[100];
        for (int i = 0; i < in.length; i++) {
            in[i] = random.nextGaussian();
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = 1 + random.nextGaussian();
        }
        new RocPlot("ROC").addCurve("entropy", out, in).addCurve("ties", new double[] {1, 1, 0}, new double[] {1, 0})
                .savePng(dir.resolve("roc.png"));
        assertPng(dir.resolve("roc.png"));
    }

    @Test
    void newPlotsRejectBadShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> new PredictedVsTruePlot("t", "y", new double[] {1, 2}).addGaussian("m", new double[] {1}, new double[] {1}, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new PredictiveBandPlot("t", "x", "y", new double[] {1, 2}, new double[] {1, 2})
                .addInterval("m", new double[] {1, 2}, new double[] {1, 3}, new double[] {2, 2}, "bounds"));
        assertThrows(IllegalArgumentException.class, () -> new CoveragePlot("t").addSeries("c", new double[] {0.5}, new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityPlot("t").savePng(dir.resolve("none.png")));
    }

    private static double[] positive(double[] y) {
        return Arrays.stream(y).map(v -> Math.max(v, 1e-3)).toArray();
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
