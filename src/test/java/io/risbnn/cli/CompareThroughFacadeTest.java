package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code risbnn compare} fits each run through the library facade: its per-seed metrics are exactly those of a
 * facade fit with the same parameters and the per-epoch evaluation off (compare evaluates once, at the end).
 */
class CompareThroughFacadeTest {
    @TempDir
    Path tmp;

    @Test
    void compareRunEqualsTheFacadeFit() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--data", "concrete", "--estimators", "ris", "--seeds", "1",
                "--epochs", "2", "--samples", "3", "--hidden", "16", "--batch-size", "64", "--eval-samples", "8",
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject seed0 = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject()
                .getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("per_seed").get(0).getAsJsonObject();
        assertEquals(0, seed0.get("split").getAsInt());
        JsonObject compared = seed0.getAsJsonObject("metrics");
        try (Posterior fit = BayesianNetworks.regression().data("concrete", 0).epochEvaluation(false).epochs(2).samples(3)
                .hidden(16).batchSize(64).evalSamples(8).seed(0).fit()) {
            Map<String, Double> metrics = fit.outcome().metrics();
            assertEquals(compared.keySet(), metrics.keySet());
            for (String key : compared.keySet()) {
                assertEquals(compared.get(key).getAsDouble(), metrics.get(key), 0.0, key);
            }
        }
    }
}
