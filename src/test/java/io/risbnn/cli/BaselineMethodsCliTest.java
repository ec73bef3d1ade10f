package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The baselines built on MAP through the commands a user runs: train, eval, predict (regression), and
 * train, sample-models, ood (images); compare with method names beside estimators; bad method options refused.
 */
class BaselineMethodsCliTest {
    @TempDir
    Path tmp;

    private static String[] methodOptions(String method) {
        switch (method) {
            case "ensemble":
                return new String[] {"--members", "2"};
            case "sghmc":   // one cycle sampling from its middle: epochs 2 and 3 keep a network each
                return new String[] {"--sghmc-cycles", "1", "--sghmc-exploration", "0.5", "--sghmc-samples-per-cycle", "2"};
            case "swag":
            case "swag-diag":
                return new String[] {"--swag-start", "1", "--swag-collect-every", "2"};
            case "laplace":
                return new String[] {"--laplace-structure", "kfac"};
            default:
                return new String[0];
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"swag", "swag-diag", "laplace", "ensemble", "mc-dropout", "sghmc"})
    void regressionTrainsEvaluatesAndPredicts(String method) throws Exception {
        Path run = tmp.resolve(method);
        CliRunner.Result r = CliRunner.run(concat(new String[] {"train", "--method", method, "--epochs", "3", "--out",
                run.toString(), "--no-progress"}, methodOptions(method)));
        assertEquals(0, r.code(), r.err());
        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        assertEquals(method, summary.get("estimator").getAsString());
        JsonObject m = summary.getAsJsonObject("metrics");
        assertTrue(m.has("rmse_sampled") && m.has("rmse") && m.get("rmse").getAsDouble() < 16, m.toString());

        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "4");
        assertEquals(0, e.code(), e.err());
        JsonObject eval = Json.parseObject(run.resolve("eval.json"));
        assertTrue(eval.toString().contains("rmse_sampled"), eval.toString());

        Path input = tmp.resolve("rows-" + method + ".csv");
        Files.writeString(input, "cement,slag,fly_ash,water,superplasticizer,coarse_aggregate,fine_aggregate,age\n"
                + "300,0,0,180,5,1000,800,28\n");
        CliRunner.Result p = CliRunner.run("predict", "--run", run.toString(), "--input", input.toString(), "--samples", "4");
        assertEquals(0, p.code(), p.err());
        String[] row = p.out().lines().skip(1).findFirst().orElseThrow().split(",");
        assertTrue(Double.parseDouble(row[0]) > 0 && Double.parseDouble(row[0]) < 100, p.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"swag", "laplace", "ensemble", "mc-dropout"})
    void imageRunsSampleModelsAndOod(String method) throws Exception {
        Path data = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 12, 6, 1);
        Path run = tmp.resolve("img-" + method);
        CliRunner.Result r = CliRunner.run(concat(new String[] {"train", "--data", "imagefolder:" + data, "--model", "lenet",
                "--method", method, "--epochs", "2", "--batch-size", "8", "--eval-samples", "4", "--epoch-eval-samples", "1",
                "--out", run.toString(), "--no-progress"}, method.equals("laplace") ? new String[0] : methodOptions(method)));
        assertEquals(0, r.code(), r.err());
        CliRunner.Result s = CliRunner.run("sample-models", "--run", run.toString(), "--count", "4", "--no-progress");
        assertEquals(0, s.code(), s.err());
        JsonObject sm = Json.parseObject(run.resolve("sample-models").resolve("summary.json"));
        assertEquals(4, sm.get("count").getAsInt());
        CliRunner.Result o = CliRunner.run("ood", "--run", run.toString(), "--ood-data", "imagefolder:" + data,
                "--samples", "4");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("entropy_sampled"), o.out());
    }

    @Test
    void compareMixesEstimatorsAndMethods() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--methods", "mc-shared,swag,laplace", "--seeds", "2", "--epochs", "2",
                "--samples", "2", "--swag-start", "1", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"estimator\": \"swag\"") && summary.contains("\"estimator\": \"laplace\""), summary);
        assertTrue(r.out().contains("swag vs mc-shared") && r.out().contains("laplace vs mc-shared"), r.out());
    }

    @Test
    void table1RunsTheBaselineRowsBesideThePosters() throws Exception {
        Path data = ImageRunTesting.twoClassFolder(tmp.resolve("t1-images"), 12, 6, 2);
        Path out = tmp.resolve("t1");
        CliRunner.Result r = CliRunner.run("table1", "--data", "imagefolder:" + data, "--model", "lenet", "--rows",
                "swag,laplace,ensemble", "--epochs", "2", "--seeds", "1", "--batch-size", "8", "--eval-samples", "4",
                "--epoch-eval-samples", "1", "--members", "2", "--swag-collect-every", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("table1.md"));
        assertTrue(md.contains("| SWAG ") && md.contains("swag / log-posterior") && md.contains("(swa)"), md);
        assertTrue(md.contains("| GLM ") && md.contains("(glm)"), md);
        assertTrue(md.contains("| Deep ensemble") && md.contains("— (not in Table 1)"), md);
    }

    @Test
    void badMethodOptionsAreOneLineErrors() {
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--method", "laplace", "--laplace-structure", "full", "--out", out),
                "--laplace-structure 'full'");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "laplace", "--laplace-prior-precision", "-1", "--out", out),
                "--laplace-prior-precision");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "ensemble", "--members", "0", "--out", out), "--members 0");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "mc-dropout", "--dropout", "1", "--out", out), "--dropout 1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "swag", "--swag-schedule", "linear", "--out", out),
                "--swag-schedule");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "swag", "--swag-start", "5", "--epochs", "3", "--out", out),
                "--swag-start");
        // one-epoch cycles whose last epoch explores to its end: no network would be kept
        CliRunner.assertUserError(CliRunner.run("train", "--method", "sghmc", "--epochs", "4", "--batch-size", "2000",
                "--sghmc-exploration", "0.99", "--out", out), "no epoch ends in a sampling phase");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "sghmc", "--sghmc-friction", "0", "--out", out),
                "--sghmc-friction 0");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
