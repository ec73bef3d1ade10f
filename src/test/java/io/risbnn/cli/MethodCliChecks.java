package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What every method's CLI test checks: {@code train --method NAME …} on the default data, then {@code eval} of the run. */
final class MethodCliChecks {
    private MethodCliChecks() {}

    /** Trains 2 epochs with {@code options}, checks the run's method and its evaluation; returns the summary's metrics. */
    static JsonObject trainsAndEvaluates(Path run, String method, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--method", method));
        args.addAll(List.of(options));
        args.addAll(List.of("--epochs", "2", "--out", run.toString(), "--no-progress"));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        assertEquals(method, summary.get("estimator").getAsString());
        JsonObject m = summary.getAsJsonObject("metrics");
        assertTrue(m.has("rmse_sampled") && m.get("rmse").getAsDouble() < 30, m.toString());
        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "4");
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.parseObject(run.resolve("eval.json")).toString().contains("rmse_sampled"));
        return m;
    }
}
