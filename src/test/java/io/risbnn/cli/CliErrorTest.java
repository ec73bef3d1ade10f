package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: exit code 2, one line on stderr naming the option or file, no stack trace, nothing lost. */
class CliErrorTest {
    @TempDir
    Path tmp;

    private static void assertUserError(CliRunner.Result r, String mustMention) {
        CliRunner.assertUserError(r, mustMention);
    }

    @Test
    void unknownEstimator() {
        assertUserError(CliRunner.run("train", "--estimator", "magic", "--out", tmp.resolve("a").toString()), "--estimator 'magic'");
    }

    @Test
    void momentOnlyEstimatorUnderElbo() {
        assertUserError(CliRunner.run("train", "--estimator", "ris", "--objective", "elbo", "--out", tmp.resolve("a").toString()),
                "--objective moment");
    }

    @Test
    void badNumber() {
        assertUserError(CliRunner.run("train", "--samples", "ten", "--out", tmp.resolve("a").toString()), "--samples");
        assertUserError(CliRunner.run("train", "--samples", "0", "--out", tmp.resolve("a").toString()), "--samples 0");
        assertUserError(CliRunner.run("train", "--lr", "-1", "--out", tmp.resolve("a").toString()), "--lr");
        assertUserError(CliRunner.run("train", "--temperature", "0", "--out", tmp.resolve("a").toString()), "--temperature");
    }

    @Test
    void unknownObjectiveAndProposal() {
        assertUserError(CliRunner.run("train", "--objective", "mle", "--out", tmp.resolve("a").toString()), "--objective 'mle'");
        assertUserError(CliRunner.run("train", "--ris-proposal", "best", "--out", tmp.resolve("a").toString()), "--ris-proposal 'best'");
    }

    @Test
    void missingAndMalformedDataFiles() throws Exception {
        assertUserError(CliRunner.run("train", "--data", "table:" + tmp.resolve("none.txt"), "--out", tmp.resolve("a").toString()),
                "none.txt");
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "1 2 3\n4 five 6\n");
        assertUserError(CliRunner.run("train", "--data", "table:" + bad, "--out", tmp.resolve("b").toString()), "line 2");
        assertUserError(CliRunner.run("train", "--data", "mnist", "--out", tmp.resolve("c").toString()), "--data 'mnist'");
        assertUserError(CliRunner.run("uci", "--dir", tmp.toString(), "--name", "nothing"), "nothing");
    }

    @Test
    void existingResultsAreNotOverwritten() throws Exception {
        Path out = tmp.resolve("done");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "{\"keep\":true}");
        assertUserError(CliRunner.run("compare", "--out", out.toString(), "--epochs", "1"), "--overwrite");
        assertEquals("{\"keep\":true}", Files.readString(out.resolve("summary.json")));
    }

    @Test
    void evalOfMissingOrCorruptCheckpoint() throws Exception {
        assertUserError(CliRunner.run("eval", "--run", tmp.toString()), "no checkpoint");
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("checkpoint.risbnn"), "RISBNN-CKPT\nnot really a checkpoint at all, truncated");
        assertUserError(CliRunner.run("eval", "--run", tmp.toString()), "checkpoint.risbnn");
    }

    @Test
    void badSplitSelection() {
        assertEquals(java.util.List.of(0, 1, 2, 5), UciCommand.parseSplits("0-2,5", 20));
        assertThrowsUser(() -> UciCommand.parseSplits("3-25", 20));
        assertThrowsUser(() -> UciCommand.parseSplits("x", 20));
    }

    private static void assertThrowsUser(Runnable r) {
        try {
            r.run();
        } catch (io.risbnn.RisbnnException e) {
            assertTrue(e.getMessage().contains("--splits"));
            return;
        }
        throw new AssertionError("expected RisbnnException");
    }
}
