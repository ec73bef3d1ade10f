package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uci}'s prior: the variational rows default to N(0, 0.5²) (chosen on validation rows), MAP keeps
 * {@code train}'s N(0, 1), and a given --prior is used as given; each split's run and uci.json record it.
 */
class UciPriorDefaultTest {
    @TempDir
    Path tmp;

    private String priorOfRun(Path dir, String out, String... extra) throws Exception {
        List<String> a = new ArrayList<>(List.of("uci", "--dir", dir.toString(), "--name", "tiny", "--splits", "0",
                "--epochs", "2", "--hidden", "4", "--batch-size", "16", "--eval-samples", "4",
                "--workers", "1", "--threads", "1", "--no-progress", "--out", tmp.resolve(out).toString()));
        a.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonObject uci = Json.parseObject(tmp.resolve(out).resolve("uci.json"));
        String recorded = uci.getAsJsonObject("run").get("prior").getAsString();
        JsonObject summary = Json.parseObject(tmp.resolve(out).resolve("split-0").resolve("summary.json"));
        assertEquals(recorded, summary.getAsJsonObject("config").get("prior").getAsString(), "split 0's own config");
        return recorded;
    }

    @Test
    void variationalRowsDefaultToTheValidatedPriorMapKeepsTrainsAndAGivenPriorWins() throws Exception {
        Path dir = UciRestartTest.tinyUci(tmp);
        assertEquals(UciCommand.DEFAULT_VI_PRIOR, priorOfRun(dir, "ris"));
        assertEquals(UciCommand.DEFAULT_VI_PRIOR, priorOfRun(dir, "lrt", "--estimator", "lrt", "--objective", "elbo"));
        assertEquals("gaussian:1.0", priorOfRun(dir, "map", "--method", "map"));
        assertEquals("gaussian:2.0", priorOfRun(dir, "given", "--prior", "gaussian:2.0"));
    }
}
