package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.experiment.ImageRunTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plot: a metric per epoch of several runs' metrics.jsonl. */
class PlotCommandTest {
    @TempDir
    Path tmp;

    /** A run directory with a metrics.jsonl of the given accuracies and, if estimator is set, a summary.json. */
    private Path fakeRun(String name, String estimator, double... accuracy) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        StringBuilder lines = new StringBuilder();
        for (int e = 0; e < accuracy.length; e++) {
            lines.append(String.format(java.util.Locale.ROOT,
                    "{\"epoch\":%d,\"loss\":%s,\"ess_fraction\":{\"layer1\":0.5},\"accuracy\":%s}%n",
                    e + 1, 2.0 / (e + 1), accuracy[e]));
        }
        Files.writeString(dir.resolve("metrics.jsonl"), lines.toString());
        if (estimator != null) {
            Files.writeString(dir.resolve("summary.json"), "{\"estimator\":\"" + estimator + "\",\"objective\":\"moment\"}");
        }
        return dir;
    }

    @Test
    void plotsOneLinePerRun() throws Exception {
        Path a = fakeRun("a", "ris", 0.5, 0.7, 0.8);
        Path b = fakeRun("b", "lrt", 0.4, 0.6, 0.75, 0.8);
        Path png = tmp.resolve("out").resolve("acc.png");
        CliRunner.Result r = CliRunner.run("plot", "--runs", a + "," + b, "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(png.toString()), r.out());
        SampleModelsCommandTest.assertPng(png);

        Path loss = tmp.resolve("loss.png");
        r = CliRunner.run("plot", "--runs", a + "," + b, "--metric", "loss", "--labels", "A,B", "--log-y", "--out",
                loss.toString());
        assertEquals(0, r.code(), r.err());
        SampleModelsCommandTest.assertPng(loss);

        Path nested = tmp.resolve("ess.png");
        r = CliRunner.run("plot", "--runs", a.toString(), "--metric", "ess_fraction.layer1", "--out", nested.toString());
        assertEquals(0, r.code(), r.err());
        SampleModelsCommandTest.assertPng(nested);
    }

    @Test
    void tracesAndSampledNetworkHistogramsOfSeveralRuns() throws Exception {
        Path a = fakeRun("a", "ris", 0.5);
        Path b = fakeRun("b", "mc-shared", 0.4);
        Files.writeString(a.resolve("trace.csv"), "step,loss,nll\n1,2.5,0.5\n2,2.0,0.4\n3,1.5,0.3\n");
        Files.writeString(b.resolve("trace.csv"), "step,loss,nll\n1,2.6,0.6\n2,2.4,0.5\n");
        Files.createDirectories(a.resolve("sample-models"));
        Files.createDirectories(b.resolve("sample-models"));
        Files.writeString(a.resolve("sample-models/accuracies.csv"), "network,accuracy\n0,0.81\n1,0.82\n2,0.80\n");
        Files.writeString(b.resolve("sample-models/accuracies.csv"), "network,accuracy\n0,0.61\n1,0.52\n");

        PlotCommand.Curve trace = PlotCommand.readColumns(a, "trace.csv", "train", "loss", null);
        assertArrayEquals(new double[] {1, 2, 3}, trace.epochs());
        assertArrayEquals(new double[] {2.5, 2.0, 1.5}, trace.values());
        assertEquals("ris (moment)", trace.label());
        assertArrayEquals(new double[] {0.5, 0.4, 0.3}, PlotCommand.readColumns(a, "trace.csv", "train", "nll", null).values());

        Path tracePng = tmp.resolve("trace.png");
        CliRunner.Result r = CliRunner.run("plot", "--kind", "trace", "--runs", a + "," + b, "--out", tracePng.toString());
        assertEquals(0, r.code(), r.err());
        SampleModelsCommandTest.assertPng(tracePng);
        Path histogram = tmp.resolve("hist.png");
        r = CliRunner.run("plot", "--kind", "histogram", "--runs", a + "," + b, "--out", histogram.toString());
        assertEquals(0, r.code(), r.err());
        SampleModelsCommandTest.assertPng(histogram);

        r = CliRunner.run("plot", "--kind", "trace", "--metric", "nll", "--runs", a + "," + b, "--out", tracePng.toString());
        assertEquals(0, r.code(), r.err());
        CliRunner.assertUserError(CliRunner.run("plot", "--kind", "trace", "--metric", "kl", "--runs", a.toString(), "--out",
                tmp.resolve("z.png").toString()), "--metric kl");
        Files.writeString(b.resolve("trace.csv"), "step,loss,nll\n1;2.6\n");
        CliRunner.assertUserError(CliRunner.run("plot", "--kind", "trace", "--runs", b.toString(), "--out",
                tmp.resolve("x.png").toString()), "trace.csv line 2");
        CliRunner.assertUserError(CliRunner.run("plot", "--kind", "histogram", "--runs", tmp.resolve("a").toString() + ","
                + fakeRun("c", null, 0.1), "--out", tmp.resolve("y.png").toString()), "sample-models");
    }

    @Test
    void longTraceWithASpikeIsClippedUnlessFullRange() throws Exception {
        Path a = fakeRun("long", "ris", 0.5);
        StringBuilder csv = new StringBuilder("step,loss,nll\n");
        for (int step = 1; step <= 500; step++) {
            double loss = step <= 3 ? 50.0 / step : 1 + 0.1 * Math.sin(step);
            csv.append(step).append(',').append(loss).append(',').append(loss / 2).append('\n');
        }
        Files.writeString(a.resolve("trace.csv"), csv.toString());
        for (String extra : List.of("--log-y", "--full-range")) {
            Path png = tmp.resolve("trace" + extra + ".png");
            CliRunner.Result r = CliRunner.run("plot", "--kind", "trace", "--runs", a.toString(), extra, "--out", png.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(800, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        }
    }

    @Test
    void readsTheCurveAndLabels() throws Exception {
        Path a = fakeRun("seed0", "ris", 0.5, 0.7);
        Path b = fakeRun("seed1", "ris", 0.6, 0.65);
        Path c = fakeRun("plain", null, 0.1);
        PlotCommand.Curve curve = PlotCommand.read(a, "accuracy", null);
        assertArrayEquals(new double[] {1, 2}, curve.epochs());
        assertArrayEquals(new double[] {0.5, 0.7}, curve.values());
        assertEquals("ris (moment)", curve.label());
        assertEquals("plain", PlotCommand.read(c, "accuracy", null).label());
        List<PlotCommand.Curve> curves = List.of(curve, PlotCommand.read(b, "accuracy", null), PlotCommand.read(c, "accuracy", null));
        assertEquals(List.of("ris (moment) [seed0]", "ris (moment) [seed1]", "plain"),
                PlotCommand.uniqueLabels(curves.stream().map(PlotCommand.Curve::label).toList(), List.of(a, b, c)));
        assertEquals("ess_fraction.layer1", PlotCommand.fileName("ess_fraction.layer1"));
        assertEquals("a_b", PlotCommand.fileName("a/b"));
        // a compare epoch log is accepted as is
        Path log = Files.copy(a.resolve("metrics.jsonl"), tmp.resolve("ris-seed0.jsonl"));
        assertEquals("ris-seed0", PlotCommand.read(log, "accuracy", null).label());
        // its closing line of test metrics is not an epoch
        Files.writeString(log, "{\"final\":true,\"seed\":0,\"split\":0,\"metrics\":{\"accuracy\":0.9}}\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertArrayEquals(new double[] {0.5, 0.7}, PlotCommand.read(log, "accuracy", null).values());
    }

    @Test
    void trainRecordsAccuracyPerEpochForThePlot() throws Exception {
        Path images = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 10, 6, 2);
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + images, "--model", "mlp-image", "--hidden", "8",
                "--estimator", "analytic", "--epochs", "2", "--eval-samples", "2", "--epoch-eval-samples", "2",
                "--out", run.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        PlotCommand.Curve curve = PlotCommand.read(run, "accuracy", null);
        assertEquals(2, curve.values().length);
        for (double v : curve.values()) {
            assertTrue(v >= 0 && v <= 1, "accuracy " + v);
        }
        assertEquals("analytic (mean-var)", curve.label());
        Path png = tmp.resolve("fig2-left.png");
        r = CliRunner.run("plot", "--runs", run.toString(), "--metric", "accuracy_sampled", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        SampleModelsCommandTest.assertPng(png);

        // Figure 1 from trace.csv, and from the checkpoint when a run has no trace.csv (table1 runs, unfinished runs)
        PlotCommand.Curve fromCsv = PlotCommand.readColumns(run, "trace.csv", "train", "nll", null);
        assertEquals(2, fromCsv.values().length, "2 epochs of one batch: one trace row per step");
        Files.delete(run.resolve("trace.csv"));
        PlotCommand.Curve fromCheckpoint = PlotCommand.readColumns(run, "trace.csv", "train", "nll", null);
        assertArrayEquals(fromCsv.values(), fromCheckpoint.values());
        assertArrayEquals(fromCsv.epochs(), fromCheckpoint.epochs());
        for (double nll : fromCsv.values()) {
            assertTrue(nll >= 0 && Double.isFinite(nll), "nll " + nll);   // the toy classes separate after one step
        }
    }

    @Test
    void badInputsGiveOneLineErrors() throws Exception {
        Path a = fakeRun("a", "ris", 0.5, 0.7);
        String out = tmp.resolve("x.png").toString();
        CliRunner.assertUserError(CliRunner.run("plot", "--runs", tmp.resolve("none").toString(), "--out", out), "none");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner.assertUserError(CliRunner.run("plot", "--runs", empty.toString(), "--out", out),
                empty.resolve("metrics.jsonl").toString());
        CliRunner.Result missing = CliRunner.run("plot", "--runs", a.toString(), "--metric", "rmse", "--out", out);
        CliRunner.assertUserError(missing, "--metric rmse: not in " + a.resolve("metrics.jsonl"));
        assertTrue(missing.err().contains("accuracy"), "lists the keys: " + missing.err());
        CliRunner.assertUserError(CliRunner.run("plot", "--runs", a.toString(), "--metric", "ess_fraction", "--out", out),
                "expected a number");
        CliRunner.assertUserError(CliRunner.run("plot", "--runs", a.toString(), "--labels", "A,B", "--out", out), "--labels");
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("metrics.jsonl"), "{\"epoch\":1,\"accuracy\":0.5}\n{\"epoch\":2,\"accu");
        CliRunner.assertUserError(CliRunner.run("plot", "--runs", broken.toString(), "--out", out), "line 2");
        Files.writeString(broken.resolve("metrics.jsonl"), "");
        CliRunner.assertUserError(CliRunner.run("plot", "--runs", broken.toString(), "--out", out), "is empty");
        CliRunner.assertUserError(CliRunner.run("plot", "--out", out), "--runs");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
