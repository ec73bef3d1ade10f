package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.train.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during train prints where the last checkpoint is and the --resume command; the run then resumes. */
class InterruptNoticeTest {
    private static final String[] RUN = {"--epochs", "8", "--hidden", "8", "--samples", "2", "--eval-samples", "4",
        "--checkpoint-every", "5", "--no-progress"};

    @TempDir
    Path tmp;

    @Test
    void sigtermNamesTheCheckpointAndTheResumeCommand() throws Exception {
        Path run = tmp.resolve("run");
        Path checkpoint = run.resolve("model").resolve(Checkpoint.FILE_NAME);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--out", run.toString()));
        command.addAll(List.of(RUN));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr.txt").toFile());
        ChildRuns.reproducibleEnvironment(builder, 1);
        Process p = builder.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Files.exists(checkpoint) && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run ended before it could be interrupted: " + Files.readString(tmp.resolve("stderr.txt")));
        p.destroy();                                   // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
        List<String> notice = err.lines().filter(l -> l.startsWith("risbnn: interrupted")).toList();
        assertEquals(1, notice.size(), err);
        assertTrue(notice.get(0).matches("risbnn: interrupted; last checkpoint " + java.util.regex.Pattern.quote(checkpoint.toString())
                + " \\((after|in) epoch \\d+, step \\d+\\); continue with: bin/risbnn train --resume "
                + java.util.regex.Pattern.quote(run.toString())), notice.get(0));
        Checkpoint.load(checkpoint);                   // intact

        CliRunner.Result resumed = CliRunner.run("train", "--resume", run.toString(), "--no-progress");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(8, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    }

    @Test
    void withoutANewCheckpointItSaysThereIsNothingToResume() throws Exception {
        Path run = tmp.resolve("old");
        Path file = run.resolve("model").resolve(Checkpoint.FILE_NAME);
        assertTrue(InterruptNotice.message(run, file, null).contains("before the first checkpoint"));
        // --overwrite over an older run: its checkpoint is not this run's until rewritten
        Files.createDirectories(file.getParent());
        Files.writeString(file, "older run");
        FileTime before = Files.getLastModifiedTime(file);
        assertTrue(InterruptNotice.message(run, file, before).contains("nothing to resume"));
    }
}
