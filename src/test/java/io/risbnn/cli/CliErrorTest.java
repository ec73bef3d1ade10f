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

    /** Exit 2 and exactly one stderr line, naming {@code mustMention}. */
    private static void assertOneLineUserError(CliRunner.Result r, String mustMention) {
        CliRunner.assertUserError(r, mustMention);
        assertEquals(1, r.err().lines().count(), "expected one stderr line, got: " + r.err());
    }

    @Test
    void nonFiniteAndOutOfRangeNumbersAreRefusedBeforeAnyOutput() {
        String[][] cases = {
            {"--rho0", "NaN", "--rho0 NaN: expected a finite number"},
            {"--lr", "Infinity", "--lr Infinity: expected a finite number > 0"},
            {"--lr", "0", "--lr 0: expected a finite number > 0"},
            {"--sigma-ratio", "-1", "--sigma-ratio -1: expected a finite number > 0"},
            {"--kl-weight", "NaN", "--kl-weight NaN: expected a finite number >= 0"},
            {"--temperature", "-1", "--temperature -1: expected a finite number > 0"},
            {"--momentum", "2", "--momentum 2: expected a number in [0, 1)"},
            {"--lr-gamma", "NaN", "--lr-gamma NaN"},
            {"--kl-warmup-epochs", "NaN", "--kl-warmup-epochs NaN"},
            {"--ris-lam2-min", "Infinity", "--ris-lam2-min Infinity"},
            {"--prior", "gaussian:NaN", "--prior 'gaussian:NaN'"},
            {"--prior", "mixture:0.5,1,-1", "--prior 'mixture:0.5,1,-1'"},
            {"--epochs", "0", "--epochs 0: expected an integer >= 1"},
            {"--hidden", "0", "--hidden 0: expected an integer >= 1"},
            {"--threads", "0", "--threads 0: expected an integer >= 1"},
            {"--lr", "inf", "--lr"},                       // not a number at all: picocli's message, also one line
        };
        for (String[] c : cases) {
            for (String command : new String[] {"train", "compare", "variance"}) {
                Path out = tmp.resolve(command + "-" + c[0].substring(2));
                assertOneLineUserError(CliRunner.run(command, c[0], c[1], "--out", out.toString()), c[2]);
                assertFalse(Files.exists(out), command + " " + c[0] + " " + c[1] + " created " + out);
            }
        }
        assertOneLineUserError(CliRunner.run("uci", "--dir", tmp.toString(), "--name", "x", "--lr", "NaN"), "--lr NaN");
        assertOneLineUserError(CliRunner.run("table1", "--data", "fashion-mnist", "--momentum", "NaN", "--out", tmp.toString()),
                "--momentum NaN");
        assertOneLineUserError(CliRunner.run("bench", "--batch", "0"), "--batch-size 0");
    }

    @Test
    void unwritableOutputFailsBeforeTraining() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "keep");
        for (String command : new String[] {"train", "compare", "variance"}) {
            assertOneLineUserError(CliRunner.run(command, "--epochs", "1", "--out", file.resolve("sub").toString()),
                    "--out " + file.resolve("sub") + ": cannot create the directory");
            assertOneLineUserError(CliRunner.run(command, "--epochs", "1", "--out", file.toString()),
                    "--out " + file + ": exists and is not a directory");
        }
        assertOneLineUserError(CliRunner.run("table1", "--data", "fashion-mnist", "--out", file.resolve("sub").toString()),
                "--out " + file.resolve("sub"));
        assertOneLineUserError(CliRunner.run("bench", "--json", file.resolve("b.json").toString()), "--json " + file);
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void writableCheckLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("new").resolve("out");
        OutputDirectory.requireWritable(dir, "--out");
        try (var listing = Files.list(dir)) {
            assertEquals(0, listing.count(), "the probe file must be deleted");
        }
        Path readOnly = tmp.resolve("ro");
        Files.createDirectories(readOnly);
        assertTrue(readOnly.toFile().setWritable(false));
        try {
            // root ignores permission bits, so only check the message when the directory really is read-only
            if (!Files.isWritable(readOnly)) {
                io.risbnn.RisbnnException e = org.junit.jupiter.api.Assertions.assertThrows(io.risbnn.RisbnnException.class,
                        () -> OutputDirectory.requireWritable(readOnly.resolve("x"), "--out"));
                assertTrue(e.getMessage().startsWith("--out " + readOnly.resolve("x") + ": cannot create"), e.getMessage());
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    @Test
    void parseErrorsAreOneLine() {
        assertOneLineUserError(CliRunner.run("train", "--samples", "ten"), "(see: risbnn train --help)");
        assertOneLineUserError(CliRunner.run("train", "--no-such-option"), "--no-such-option");
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
