package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --method adversarial} with its options, then {@code eval}; bad options are one-line errors. */
class AdversarialCliTest {
    @TempDir
    Path tmp;

    @Test
    void regressionTrainsAndEvaluates() throws Exception {
        Path run = tmp.resolve("adversarial");
        MethodCliChecks.trainsAndEvaluates(run, "adversarial", "--as-lambda", "0.5", "--as-steps", "2", "--as-step-size", "0.05");
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"lambda\": 0.5"), "options saved with the run");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--method", "adversarial", "--as-lambda", "1.5", "--out", out),
                "--as-lambda 1.5");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "adversarial", "--as-steps", "-1", "--out", out),
                "--as-steps -1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "adversarial", "--as-step-size", "-0.1", "--out", out),
                "--as-step-size -0.1");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
