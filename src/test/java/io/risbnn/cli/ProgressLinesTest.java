package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With stderr not a terminal (the test JVM's is a pipe), training prints one line per epoch; --no-progress none. */
class ProgressLinesTest {
    private static final String LINE = "ris split 0: epoch \\d+/2  loss -?\\d+\\.\\d{4}  nll -?\\d+\\.\\d{4}  kl_term \\d+\\.\\d{4}"
            + "  rmse \\d+\\.\\d{4}  test_ll -?\\d+\\.\\d{4}  \\d+\\.\\ds  elapsed \\d+:\\d{2}:\\d{2}";

    @TempDir
    Path tmp;

    private CliRunner.Result train(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", "2", "--hidden", "8", "--samples", "2",
                "--eval-samples", "4", "--threads", "1", "--out", tmp.resolve(out).toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void oneLinePerEpochOnStderr() {
        CliRunner.Result r = train("lines");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.contains(": epoch ")).toList();
        assertEquals(2, lines.size(), r.err());
        for (int i = 0; i < 2; i++) {
            assertTrue(lines.get(i).matches(LINE), "format: " + lines.get(i));
            assertTrue(lines.get(i).contains("epoch " + (i + 1) + "/2"), lines.get(i));
        }
        assertTrue(!r.out().contains(": epoch "), "progress goes to stderr only: " + r.out());
    }

    @Test
    void aResumedRunHonoursNoProgress() throws Exception {
        // the first run's "report progress" flag is saved in its checkpoint; --no-progress must still win
        assertEquals(0, train("resumed").code());
        Path model = tmp.resolve("resumed").resolve("model");
        Path file = model.resolve(io.risbnn.train.Checkpoint.FILE_NAME);
        java.nio.file.Files.move(io.risbnn.train.Checkpoint.previousOf(file), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);          // back to the end of epoch 1
        CliRunner.Result r = CliRunner.run("train", "--resume", tmp.resolve("resumed").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, java.nio.file.Files.readAllLines(tmp.resolve("resumed").resolve("metrics.jsonl")).size());
        assertTrue(r.err().lines().noneMatch(l -> l.contains(": epoch ")), r.err());
    }

    @Test
    void noProgressSilencesTheLines() {
        CliRunner.Result r = train("silent", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }
}
