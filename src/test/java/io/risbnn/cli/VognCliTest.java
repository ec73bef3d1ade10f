package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --method vogn} with its options, then {@code eval}; bad options are one-line errors before any output. */
class VognCliTest {
    @TempDir
    Path tmp;

    @Test
    void regressionTrainsAndEvaluates() throws Exception {
        Path run = tmp.resolve("vogn");
        MethodCliChecks.trainsAndEvaluates(run, "vogn", "--vogn-momentum", "0.8", "--vogn-damping", "0.01", "--vogn-kl-weight", "0.5", "--samples", "2");
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"klWeight\": 0.5"), "options saved with the run");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--vogn-momentum", "1", "--out", out),
                "--vogn-momentum 1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--vogn-damping", "-1", "--out", out),
                "--vogn-damping -1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--vogn-data-scale", "0", "--out", out),
                "--vogn-data-scale 0");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--prior", "mixture:0.5,1,0.1", "--out", out),
                "needs a Gaussian prior");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--objective", "moment", "--out", out),
                "--objective: not used by --method vogn");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
