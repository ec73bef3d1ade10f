package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command prints its figures (no timing assertions: speed targets live in the command, not in tests). */
class BenchCommandTest {
    private static final Pattern LINE = Pattern.compile(
            "bench lenet batch 4 (\\S+) M=(\\d+) \\(([\\w-]+)(?:, gradient [\\w-]+)?\\): ([0-9.]+) ms/step \\(mean ([0-9.]+) over 2 steps\\), "
                    + "([0-9.]+) img/s, peak RSS ([0-9.]+) (MiB|GiB), heap ([0-9.]+) (MiB|GiB); "
                    + "matmul 1024: ([0-9.]+) GFLOP/s; (\\d+) threads");

    @TempDir
    Path tmp;

    private static Matcher figures(CliRunner.Result r) {
        assertEquals(0, r.code(), "stderr: " + r.err());
        Matcher m = LINE.matcher(r.out());
        assertTrue(m.find(), "no figures in: " + r.out());
        for (int group : new int[] {4, 5, 6, 7, 9, 11, 12}) {
            double value = Double.parseDouble(m.group(group));
            assertTrue(value > 0 && Double.isFinite(value), "group " + group + " not positive in: " + m.group());
        }
        return m;
    }

    @Test
    void tinyBenchPrintsPositiveFigures() {
        Path json = tmp.resolve("bench.json");
        CliRunner.Result r = CliRunner.run("bench", "--model", "lenet", "--batch", "4", "--steps", "2", "--warmup", "1",
                "--threads", "1", "--json", json.toString());
        Matcher m = figures(r);
        assertEquals("mc-shared", m.group(1));
        assertEquals("1", m.group(2));
        assertEquals("elbo", m.group(3));
        JsonObject o = Json.parseObject(json);
        assertEquals(2, o.getAsJsonArray("step_ms").size());
        assertTrue(o.get("images_per_second").getAsDouble() > 0);
        assertTrue(o.get("peak_rss_bytes").getAsLong() > 0);
        assertTrue(o.get("matmul_gflops").getAsDouble() > 0);
    }

    @Test
    void soakPrintsResidentMemoryAtEveryReading() {
        CliRunner.Result r = CliRunner.run("bench", "--model", "lenet", "--batch", "2", "--threads", "1",
                "--estimator", "ris", "--samples", "2", "--soak", "6", "--soak-every", "3");
        assertEquals(0, r.code(), "stderr: " + r.err());
        Matcher m = Pattern.compile("soak lenet batch 2 ris M=2 \\(mean-var\\): RSS step 3 [0-9.]+ (MiB|GiB), "
                + "step 6 [0-9.]+ (MiB|GiB); last/first ([0-9.]+); peak RSS").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(3)) > 0);
    }

    @Test
    void momentEstimatorDefaultsToMeanVarObjective() {
        Matcher m = figures(CliRunner.run("bench", "--model", "lenet", "--batch", "4", "--steps", "2", "--warmup", "0",
                "--threads", "1", "--estimator", "ris", "--samples", "3"));
        assertEquals("ris", m.group(1));
        assertEquals("3", m.group(2));
        assertEquals("mean-var", m.group(3));
    }

    @Test
    void risGradientIsShownWhenNotTheDefault() {
        Path json = tmp.resolve("ris.json");
        CliRunner.Result r = CliRunner.run("bench", "--model", "lenet", "--batch", "4", "--steps", "2", "--warmup", "0",
                "--threads", "1", "--estimator", "ris", "--samples", "3", "--ris-gradient", "hybrid-independent",
                "--json", json.toString());
        figures(r);
        assertTrue(r.out().contains("ris M=3 (mean-var, gradient hybrid-independent)"), r.out());
        assertEquals("hybrid-independent", Json.parseObject(json).get("ris_gradient").getAsString());
        CliRunner.assertUserError(CliRunner.run("bench", "--estimator", "ris", "--ris-gradient", "sideways"),
                "--ris-gradient 'sideways'");
    }

    @Test
    void badOptionsAreOneLineUserErrors() {
        CliRunner.assertUserError(CliRunner.run("bench", "--model", "vgg16"), "--model vgg16");
        CliRunner.assertUserError(CliRunner.run("bench", "--batch", "0"), "--batch-size 0");
        CliRunner.assertUserError(CliRunner.run("bench", "--steps", "0"), "--steps 0");
        CliRunner.assertUserError(CliRunner.run("bench", "--warmup", "-1"), "--warmup -1");
        CliRunner.assertUserError(CliRunner.run("bench", "--samples", "0"), "--samples 0");
        CliRunner.assertUserError(CliRunner.run("bench", "--estimator", "magic"), "--estimator 'magic'");
        CliRunner.assertUserError(CliRunner.run("bench", "--objective", "mle"), "--objective 'mle'");
        CliRunner.assertUserError(CliRunner.run("bench", "--estimator", "ris", "--objective", "elbo"), "--objective moment");
        CliRunner.assertUserError(CliRunner.run("bench", "--model", "lenet", "--threads", "0"), "--threads 0");
        CliRunner.assertUserError(CliRunner.run("bench", "--batch", "many"), "--batch");
        CliRunner.assertUserError(CliRunner.run("bench", "--json", tmp.toString()), "--json");
        for (CliRunner.Result r : new CliRunner.Result[] {CliRunner.run("bench", "--batch", "0")}) {
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("risbnn: ")).count(), r.err());
        }
    }
}
