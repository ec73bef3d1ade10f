package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.data.image.ImageTestFiles;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.report.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code risbnn ood} on a tiny run: a classifier of 1×28×28 images (an MNIST-format folder written here)
 * against an image folder of 3×16×16 colour images, which needs --ood-resize.
 */
class OodCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path run;
    private static String inSpec;
    private static String oodSpec;

    @BeforeAll
    static void trainTinyRun() {
        Path mnist = shared.resolve("mnist");
        int[] trainLabels = new int[40];
        int[] testLabels = new int[30];
        for (int i = 0; i < trainLabels.length; i++) {
            trainLabels[i] = i % 10;
        }
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] = (3 * i) % 10;
        }
        ImageTestFiles.write(mnist.resolve("train-images-idx3-ubyte"), ImageTestFiles.idxImages(40, 28, 28));
        ImageTestFiles.write(mnist.resolve("train-labels-idx1-ubyte"), ImageTestFiles.idxLabels(trainLabels));
        ImageTestFiles.write(mnist.resolve("t10k-images-idx3-ubyte"), ImageTestFiles.idxImages(30, 28, 28));
        ImageTestFiles.write(mnist.resolve("t10k-labels-idx1-ubyte"), ImageTestFiles.idxLabels(testLabels));
        inSpec = "mnist:" + mnist;

        Path folder = shared.resolve("colour16");
        for (String split : List.of("train", "test")) {
            for (String c : List.of("a", "b")) {
                for (int i = 0; i < 12; i++) {
                    BufferedImage image = ImageTestFiles.rgbImage(16, 16, 100 * c.charAt(0) + 7 * i + split.length());
                    ImageTestFiles.write(folder.resolve(split).resolve(c).resolve(i + ".png"), ImageTestFiles.png(image));
                }
            }
        }
        oodSpec = "imagefolder:" + folder;

        run = shared.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", inSpec, "--model", "mlp-image", "--hidden", "8",
                "--estimator", "lrt", "--objective", "elbo", "--epochs", "1", "--samples", "1", "--eval-samples", "2",
                "--out", run.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void resizedOodFolderWritesJsonAndTable() throws Exception {
        CliRunner.Result r = CliRunner.run("ood", "--run", run.toString(), "--ood-data", oodSpec, "--ood-resize",
                "--samples", "4", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        Path dir = run.resolve("ood");
        JsonObject json = Json.parseObject(dir.resolve("ood.json"));
        assertEquals(30, json.get("n_in").getAsInt());
        assertEquals(24, json.get("n_ood").getAsInt());
        assertEquals("1×28×28", json.get("model_input").getAsString());
        assertEquals("3×16×16", json.get("ood_input").getAsString());
        assertTrue(json.get("ood_resized").getAsBoolean());
        JsonObject scores = json.getAsJsonObject("scores");
        for (String name : List.of("entropy_sampled", "mutual_information", "entropy_moment")) {
            JsonObject s = scores.getAsJsonObject(name);
            double auroc = s.get("auroc").getAsDouble();
            assertTrue(auroc >= 0 && auroc <= 1, name + " AUROC " + auroc);
            assertTrue(s.get("auroc_se").getAsDouble() > 0, name);
            assertTrue(Double.isFinite(s.get("mean_in").getAsDouble()) && Double.isFinite(s.get("mean_ood").getAsDouble()), name);
            assertTrue(r.out().contains(name), r.out());
        }
        String md = Files.readString(dir.resolve("ood.md"));
        assertTrue(md.contains("| score") && md.contains("AUROC") && md.contains("mean in-dist") && md.contains("mean OOD"), md);
        assertTrue(r.out().contains("| score"), r.out());

        BufferedImage roc = ImageIO.read(dir.resolve("roc.png").toFile());
        assertEquals(800, roc.getWidth());
        assertEquals(500, roc.getHeight());
        assertTrue(r.out().contains("roc.png") && r.out().contains("scores.csv"), r.out());
        // the per-example scores reproduce the AUROC of ood.json, and plot --kind roc draws them
        for (String name : List.of("entropy_sampled", "mutual_information", "entropy_moment")) {
            OodScoresFile.Scores s = OodScoresFile.read(run, name);
            assertEquals(30, s.in().length);
            assertEquals(24, s.ood().length);
            assertEquals(scores.getAsJsonObject(name).get("auroc").getAsDouble(), ClassificationMetrics.auroc(s.ood(), s.in()), 1e-12);
        }
        Path png = tmp.resolve("roc-runs.png");
        CliRunner.Result plot = CliRunner.run("plot", "--kind", "roc", "--runs", run + "," + dir, "--metric", "mutual_information",
                "--out", png.toString());
        assertEquals(0, plot.code(), plot.err());
        assertEquals(800, ImageIO.read(png.toFile()).getWidth());
        CliRunner.assertUserError(CliRunner.run("plot", "--kind", "roc", "--runs", dir.toString(), "--metric", "kl",
                "--out", png.toString()), "--metric kl");
        CliRunner.assertUserError(CliRunner.run("plot", "--kind", "roc", "--runs", tmp.toString(), "--out", png.toString()),
                "scores.csv");
    }

    @Test
    void mismatchedShapeWithoutResizeIsAOneLineError() {
        CliRunner.Result r = CliRunner.run("ood", "--run", run.toString(), "--ood-data", oodSpec, "--samples", "2",
                "--out", tmp.resolve("o").toString(), "--threads", "1");
        CliRunner.assertUserError(r, "--ood-resize");
        String line = r.err().lines().findFirst().orElse("");
        assertTrue(line.contains("3×16×16") && line.contains("1×28×28"), line);
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("o").resolve("ood.json")));
    }

    @Test
    void ownTestSetAsOodGivesExactlyHalf() throws Exception {
        Path out = tmp.resolve("self");
        CliRunner.Result r = CliRunner.run("ood", "--run", run.toString(), "--ood-data", inSpec, "--samples", "3",
                "--limit", "10", "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonObject json = Json.parseObject(out.resolve("ood.json"));
        assertEquals(10, json.get("n_in").getAsInt());
        assertEquals(10, json.get("n_ood").getAsInt());
        assertFalse(json.get("ood_resized").getAsBoolean());
        JsonObject scores = json.getAsJsonObject("scores");
        for (String name : List.of("entropy_sampled", "mutual_information", "entropy_moment")) {
            // the same images scored by the same networks: identical scores, AUROC exactly ½
            assertEquals(0.5, scores.getAsJsonObject(name).get("auroc").getAsDouble(), 1e-12, name);
        }
    }

    @Test
    void limitTakesEvenlySpacedRows() {
        byte[] pixels = new byte[12];
        int[] labels = new int[12];
        for (int i = 0; i < 12; i++) {
            pixels[i] = (byte) i;
            labels[i] = i / 3;   // sorted by class, as an image folder is
        }
        var set = new io.risbnn.data.image.ImageSet("s", 1, 1, 1, List.of("a", "b", "c", "d"), pixels, labels);
        var four = set.evenlySpaced(4);
        assertEquals(List.of(0, 3, 6, 9), List.of(0, 1, 2, 3).stream().map(i -> four.pixel(i, 0, 0, 0)).toList());
        assertEquals(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3).stream().map(four::label).toList(), "every class kept");
        assertEquals(12, set.evenlySpaced(0).size());
        assertEquals(12, set.evenlySpaced(50).size());
    }

    @Test
    void badInputsNameTheOption() {
        String out = tmp.resolve("x").toString();
        CliRunner.assertUserError(CliRunner.run("ood", "--run", tmp.resolve("none").toString(), "--ood-data", oodSpec,
                "--out", out), "--run");
        CliRunner.assertUserError(CliRunner.run("ood", "--run", run.toString(), "--ood-data", "concrete", "--out", out),
                "--ood-data 'concrete'");
        CliRunner.assertUserError(CliRunner.run("ood", "--run", run.toString(), "--ood-data", "imagefolder:", "--out", out),
                "--ood-data");
        CliRunner.assertUserError(CliRunner.run("ood", "--run", run.toString(), "--ood-data",
                "imagefolder:" + tmp.resolve("missing"), "--out", out), "missing");
        CliRunner.assertUserError(CliRunner.run("ood", "--run", run.toString(), "--ood-data", oodSpec, "--samples", "0",
                "--out", out), "--samples 0");
        CliRunner.assertUserError(CliRunner.run("ood", "--run", run.toString(), "--ood-data", oodSpec, "--limit", "-1",
                "--out", out), "--limit -1");
        CliRunner.assertUserError(CliRunner.run("ood", "--run", run.toString()), "--ood-data");
    }
}
