package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.report.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Your own data end to end: train on a headered CSV, predict a features-only CSV with intervals that
 * hold their nominal share of held-out targets, images from files and folders, runs that move, and
 * bad input that fails with one line.
 */
class PredictCommandTest {
    /** Noise of the synthetic problem y = 2x + 1 + N(0, σ²). */
    private static final double NOISE = 0.5;
    private static final int HELD_OUT = 2000;

    @TempDir
    static Path shared;

    private static Path run;
    private static Path heldOut;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainOnAHeaderedCsv() throws Exception {
        Path train = shared.resolve("train.csv");
        heldOut = shared.resolve("held-out.csv");
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder text = new StringBuilder("id;x;note;y\n");
        for (int i = 0; i < 400; i++) {
            double x = random.nextDouble(-2, 2);
            text.append(String.format(Locale.ROOT, "r%d;%.4f;\"a; b\";%.4f%n", i, x, 2 * x + 1 + NOISE * gaussian(random)));
        }
        Files.writeString(train, text);
        StringBuilder held = new StringBuilder("id,x,y\n");
        for (int i = 0; i < HELD_OUT; i++) {
            // five decimals ending in 5: never one of the training rows' four-decimal x
            double x = Math.round(random.nextDouble(-2, 2) * 1e4) / 1e4 + 0.00005;
            held.append(String.format(Locale.ROOT, "h%d,%.5f,%.4f%n", i, x, 2 * x + 1 + NOISE * gaussian(random)));
        }
        Files.writeString(heldOut, held);
        run = shared.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", "csv:" + train, "--target", "y", "--features", "x",
                "--estimator", "ris", "--samples", "4", "--hidden", "20", "--epochs", "100", "--out", run.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static List<CSVRecord> records(String csv) throws Exception {
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.DEFAULT.builder().setHeader().get())) {
            return parser.getRecords();
        }
    }

    @Test
    void predictsOneRowPerInputWithIntervalsThatHoldTheirNominalShare() throws Exception {
        Path out = tmp.resolve("pred.csv");
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", heldOut.toString(), "--out",
                out.toString(), "--samples", "50");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("new data"), r.err());
        assertTrue(r.err().contains("sampled vs meanvar predictive"), r.err());
        String csv = Files.readString(out);
        assertTrue(csv.startsWith("id,y,mean,std,epistemic_std,aleatoric_std,lower_95,upper_95,mean_meanvar,std_meanvar,"
                + "epistemic_std_meanvar,aleatoric_std_meanvar,lower_95_meanvar,upper_95_meanvar\n"), csv.lines().findFirst().get());
        List<CSVRecord> rows = records(csv);
        assertEquals(HELD_OUT, rows.size());
        assertEquals("h0", rows.get(0).get("id"));
        assertEquals("h1999", rows.get(HELD_OUT - 1).get("id"));
        // binomial SE of a 95 % coverage over 2000 points is 0.005; allow for the learned σ too
        for (String suffix : new String[] {"", "_meanvar"}) {
            int inside = 0;
            int insideHalf = 0;
            double aleatoric = 0;
            for (CSVRecord row : rows) {
                double y = Double.parseDouble(row.get("y"));
                double mean = Double.parseDouble(row.get("mean" + suffix));
                double lo = Double.parseDouble(row.get("lower_95" + suffix));
                double hi = Double.parseDouble(row.get("upper_95" + suffix));
                double epi = Double.parseDouble(row.get("epistemic_std" + suffix));
                double ale = Double.parseDouble(row.get("aleatoric_std" + suffix));
                double std = Double.parseDouble(row.get("std" + suffix));
                assertEquals(std * std, epi * epi + ale * ale, 1e-4 * std * std);
                inside += y >= lo && y <= hi ? 1 : 0;
                insideHalf += Math.abs(y - mean) <= (hi - lo) / 4 ? 1 : 0;
                aleatoric += ale / rows.size();
            }
            double coverage = (double) inside / rows.size();
            assertEquals(0.95, coverage, 0.035, "95 % interval coverage" + suffix);
            // the check discriminates: intervals of half the width hold far less
            assertTrue((double) insideHalf / rows.size() < 0.8, "half-width coverage" + suffix);
            assertEquals(NOISE, aleatoric, 0.1, "mean aleatoric std" + suffix + " against the true noise");
        }
    }

    @Test
    void jsonOutputAndIntervalLevelAndTrainingRowsAreNamed() throws Exception {
        Path input = tmp.resolve("few.csv");
        Files.writeString(input, "x\n0\n1.5\n");
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", input.toString(), "--format", "json",
                "--interval", "0.8", "--samples", "10");
        assertEquals(0, r.code(), r.err());
        JsonObject json = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("y", json.get("target").getAsString());
        assertEquals(2, json.getAsJsonArray("rows").size());
        JsonObject sampled = json.getAsJsonArray("rows").get(1).getAsJsonObject().getAsJsonObject("sampled");
        assertEquals(4.0, sampled.get("mean").getAsDouble(), 0.3, "2x + 1 at x = 1.5");
        assertTrue(sampled.has("lower_80") && sampled.has("upper_80"), sampled.toString());

        Path again = tmp.resolve("train-rows.csv");
        Files.writeString(again, Files.readString(shared.resolve("train.csv")));
        CliRunner.Result overlap = CliRunner.run("predict", "--run", run.toString(), "--input", again.toString(),
                "--samples", "2");
        assertEquals(0, overlap.code(), overlap.err());
        assertTrue(overlap.err().contains("of which 360 are training rows and 40 test rows"), overlap.err());
    }

    @Test
    void aMovedRunDirectoryStillPredictsAndEvaluates() throws Exception {
        Path moved = tmp.resolve("elsewhere").resolve("run-copy");
        copyTree(run, moved);
        Path input = tmp.resolve("one.csv");
        Files.writeString(input, "x\n1\n");
        CliRunner.Result p = CliRunner.run("predict", "--run", moved.toString(), "--input", input.toString(), "--samples", "3");
        assertEquals(0, p.code(), p.err());
        CliRunner.Result e = CliRunner.run("eval", "--run", moved.toString(), "--samples", "3");
        assertEquals(0, e.code(), e.err());
        JsonObject eval = Json.parseObject(moved.resolve("eval.json"));
        assertTrue(eval.getAsJsonObject("data_check").get("same_data").getAsBoolean(), eval.toString());
        // the figures: predictions against truth, against the one feature, and interval coverage
        for (String png : List.of("eval-predictions.png", "eval-band.png", "eval-coverage.png")) {
            BufferedImage figure = ImageIO.read(moved.resolve(png).toFile());
            assertTrue(figure != null && figure.getWidth() > 0, png);
        }
        Path nowhere = tmp.resolve("no-such-folder").resolve("eval.json");
        CliRunner.Result unsaved = CliRunner.run("eval", "--run", moved.toString(), "--samples", "2", "--out", nowhere.toString());
        assertEquals(2, unsaved.code(), unsaved.err());
        assertTrue(unsaved.out().contains("rmse") && unsaved.out().contains("\"metrics\""), "printed: " + unsaved.out());
        assertTrue(unsaved.err().contains("cannot write " + nowhere) && unsaved.err().contains("printed above instead"),
                unsaved.err());
        JsonObject coverage = eval.getAsJsonObject("interval_coverage");
        assertTrue(coverage.has("sampled") && coverage.has("meanvar"), coverage.toString());
        double at95 = coverage.getAsJsonObject("sampled").get("0.95").getAsDouble();
        assertTrue(at95 > 0.8, "test rows inside the 95 % interval: " + at95);
    }

    @Test
    void relativeDataPathsAreRecordedAbsoluteAndWorkFromAnotherDirectory() throws Exception {
        Path data = tmp.resolve("rel.csv");
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 40; i++) {
            text.append(i).append(',').append(2 * i).append('\n');
        }
        Files.writeString(data, text);
        Path relative = Path.of("").toAbsolutePath().relativize(data);
        Path relRun = tmp.resolve("relrun");
        CliRunner.Result r = CliRunner.run("train", "--data", "csv:" + relative, "--epochs", "2", "--samples", "2",
                "--out", relRun.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals("csv:" + data, Json.parseObject(relRun.resolve("summary.json")).get("data").getAsString());

        // eval from another working directory, in a child JVM
        Path otherCwd = Files.createDirectories(tmp.resolve("cwd"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.risbnn.cli.Main", "eval", "--run", relRun.toString(), "--samples", "2"));
        Process process = new ProcessBuilder(command).directory(otherCwd.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("rmse"), output);
    }

    @Test
    void predictsImagesFromFilesAndFoldersWithClassNames() throws Exception {
        Path images = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 30, 5, 3);
        Path imageRun = tmp.resolve("image-run");
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + images, "--estimator", "lrt", "--epochs", "2",
                "--samples", "2", "--eval-samples", "2", "--batch-size", "20", "--out", imageRun.toString(), "--no-progress",
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        CliRunner.Result e = CliRunner.run("eval", "--run", imageRun.toString(), "--samples", "3");
        assertEquals(0, e.code(), e.err());
        assertTrue(ImageIO.read(imageRun.resolve("eval-reliability.png").toFile()).getWidth() > 0);
        Path left = images.resolve("test").resolve("left");
        CliRunner.Result p = CliRunner.run("predict", "--run", imageRun.toString(), "--input",
                left.resolve("000.png") + "," + images.resolve("test").resolve("right"), "--samples", "5");
        assertEquals(0, p.code(), p.err());
        List<CSVRecord> rows = records(p.out());
        assertEquals(1 + 5, rows.size());
        assertEquals(List.of("file", "predicted", "p_left", "p_right", "entropy", "mutual_information"),
                rows.get(0).getParser().getHeaderNames());
        double sum = Double.parseDouble(rows.get(0).get("p_left")) + Double.parseDouble(rows.get(0).get("p_right"));
        assertEquals(1.0, sum, 1e-5);
        assertTrue(Double.parseDouble(rows.get(0).get("mutual_information")) >= 0);

        Path big = tmp.resolve("big.png");
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "png", big.toFile());
        CliRunner.assertUserError(CliRunner.run("predict", "--run", imageRun.toString(), "--input", big.toString()),
                "pass --resize");
        CliRunner.Result resized = CliRunner.run("predict", "--run", imageRun.toString(), "--input", big.toString(), "--resize",
                "--samples", "2");
        assertEquals(0, resized.code(), resized.err());
        assertTrue(resized.err().contains("resized"), resized.err());
    }

    @Test
    void badInputGivesOneLineAndExitTwo() throws Exception {
        Path noX = tmp.resolve("nox.csv");
        Files.writeString(noX, "id,z\n1,2\n");
        CliRunner.assertUserError(CliRunner.run("predict", "--run", run.toString(), "--input", noX.toString()), "no column 'x'");
        Path na = tmp.resolve("na.csv");
        Files.writeString(na, "x\n1\nNA\n");
        CliRunner.assertUserError(CliRunner.run("predict", "--run", run.toString(), "--input", na.toString()),
                "line 3 column 1 ('x'): missing value 'NA'");
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "x,id\n1,a\n2\n3,c\n");
        CliRunner.assertUserError(CliRunner.run("predict", "--run", run.toString(), "--input", ragged.toString()), "line 3:");
        Path ok = tmp.resolve("ok.csv");
        Files.writeString(ok, "x\n1\n");
        CliRunner.assertUserError(CliRunner.run("predict", "--run", run.toString(), "--input", ok.toString(), "--interval", "1.5"),
                "--interval");
        CliRunner.assertUserError(CliRunner.run("predict", "--run", run.toString(), "--input", ok.toString(), "--samples", "0"),
                "--samples");
        CliRunner.assertUserError(CliRunner.run("predict", "--run", run.toString(), "--input", ok.toString(), "--format", "xml"),
                "--format");
        // an output that cannot be written: the predictions are printed, and the last line says where it failed
        Path unwritable = tmp.resolve("missing-folder").resolve("p.csv");
        CliRunner.Result lost = CliRunner.run("predict", "--run", run.toString(), "--input", ok.toString(), "--out",
                unwritable.toString(), "--samples", "2");
        assertEquals(2, lost.code(), lost.err());
        assertTrue(lost.out().startsWith("mean,std,"), lost.out());
        List<String> errLines = lost.err().lines().toList();
        String last = errLines.get(errLines.size() - 1);
        assertTrue(last.startsWith("risbnn: cannot write " + unwritable) && last.contains("does not exist")
                && last.endsWith("printed above instead"), last);
        CliRunner.assertUserError(CliRunner.run("predict", "--run", tmp.toString(), "--input", ok.toString()), "no checkpoint");

        Path train = shared.resolve("train.csv");
        String data = "csv:" + train;
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--data", data, "--target", "cost", "--out", out), "--target 'cost'");
        CliRunner.assertUserError(CliRunner.run("train", "--data", data, "--out", out), "'r0' is not a number");
        CliRunner.assertUserError(CliRunner.run("train", "--data", data, "--impute", "zero", "--out", out), "--impute 'zero'");
        CliRunner.assertUserError(CliRunner.run("train", "--data", data, "--test-fraction", "2", "--out", out), "--test-fraction");
        CliRunner.assertUserError(CliRunner.run("train", "--data", data, "--no-test", "--test", noX.toString(), "--out", out),
                "at most one");
        CliRunner.assertUserError(CliRunner.run("train", "--data", "concrete", "--target", "y", "--out", out),
                "--target: only for --data csv:FILE");
        assertTrue(Files.notExists(Path.of(out)), "nothing written for refused options");
    }

    @Test
    void aRunTrainedOnEveryRowHasNoTestToEvaluate() throws Exception {
        Path all = tmp.resolve("all");
        CliRunner.Result r = CliRunner.run("train", "--data", "csv:" + shared.resolve("train.csv"), "--target", "y",
                "--features", "x", "--no-test", "--epochs", "1", "--samples", "2", "--out", all.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        CliRunner.assertUserError(CliRunner.run("eval", "--run", all.toString()), "--no-test");
    }

    @Test
    void evalSaysWhenTheDataChangedSinceTraining() throws Exception {
        Path data = tmp.resolve("changing.csv");
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 40; i++) {
            text.append(i).append(',').append(3 * i).append('\n');
        }
        Files.writeString(data, text);
        Path changing = tmp.resolve("changing-run");
        CliRunner.Result r = CliRunner.run("train", "--data", "csv:" + data, "--epochs", "1", "--samples", "2",
                "--out", changing.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        Files.writeString(data, text.toString().replace("\n5,15\n", "\n5,16\n"));
        CliRunner.Result e = CliRunner.run("eval", "--run", changing.toString(), "--samples", "2");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("changed since the run was trained"), e.err());
        JsonObject check = Json.parseObject(changing.resolve("eval.json")).getAsJsonObject("data_check");
        assertTrue(!check.get("same_data").getAsBoolean(), check.toString());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
