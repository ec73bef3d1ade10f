package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training process with SIGKILL at seeded random moments, resumes it each time, and checks
 * that no checkpoint is ever unreadable and that the finished run's metrics equal, bit for bit, those
 * of an uninterrupted run with the same seed (only the wall-clock "seconds" may differ).
 */
@Tag("slow")
class KillResumeTest {
    private static final List<String> RUN = List.of("--epochs", "24", "--samples", "4", "--eval-samples", "10",
            "--checkpoint-every", "9", "--seed", "3", "--no-progress");

    @TempDir
    Path tmp;

    @Test
    void killedRunsResumeToTheSameMetrics() throws Exception {
        Path reference = tmp.resolve("reference");
        long started = System.nanoTime();
        assertEquals(0, child(train(reference)).waitFor(), "reference run failed: " + log(reference));
        long referenceMillis = (System.nanoTime() - started) / 1_000_000;

        SplittableRandom random = new SplittableRandom(20261127L);
        Path killed = tmp.resolve("killed");
        int kills = 0;
        int resumes = 0;
        int checkpointsVerified = 0;
        boolean finished = false;
        List<String> args = train(killed);
        Path checkpoint = killed.resolve("model").resolve(Checkpoint.FILE_NAME);
        while (!finished) {
            long before = Files.exists(checkpoint) ? Files.getLastModifiedTime(checkpoint).toMillis() : -1;
            Process p = child(args);
            if (kills < 6) {
                // let the child make checkpointed progress, then kill it at a seeded random moment after that
                waitForNewCheckpoint(p, checkpoint, before, 4 * referenceMillis);
                p.waitFor(random.nextLong(Math.max(1, referenceMillis / 8)), TimeUnit.MILLISECONDS);
            }
            boolean exited = kills < 6 ? !p.isAlive() : p.waitFor(4 * referenceMillis, TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor();   // SIGKILL on Linux
                kills++;
            } else {
                assertEquals(0, p.exitValue(), "run failed: " + log(killed));
                finished = true;
            }
            if (Files.exists(checkpoint)) {
                Checkpoint.load(checkpoint);    // throws if it were truncated or corrupt
                checkpointsVerified++;
                args = new ArrayList<>(List.of("train", "--resume", killed.toString(), "--checkpoint-every", "9", "--no-progress"));
                resumes++;
            } else {
                args = new ArrayList<>(train(killed));
                args.add("--overwrite");
            }
        }
        System.out.printf("kill/resume: %d kills, %d resumes, %d checkpoints verified (reference run %d ms)%n",
                kills, resumes, checkpointsVerified, referenceMillis);
        assertTrue(kills >= 6, "only " + kills + " kills landed");
        assertTrue(resumes >= 6, "only " + resumes + " resumes");

        List<String> expected = Files.readAllLines(reference.resolve("metrics.jsonl"));
        List<String> actual = Files.readAllLines(killed.resolve("metrics.jsonl"));
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(withoutSeconds(expected.get(i)), withoutSeconds(actual.get(i)), "epoch " + (i + 1));
        }
        JsonObject a = JsonParser.parseString(Files.readString(reference.resolve("summary.json"))).getAsJsonObject();
        JsonObject b = JsonParser.parseString(Files.readString(killed.resolve("summary.json"))).getAsJsonObject();
        assertEquals(a.get("metrics"), b.get("metrics"));
        assertEquals(Files.readString(reference.resolve("trace.csv")), Files.readString(killed.resolve("trace.csv")));
    }

    private static void waitForNewCheckpoint(Process p, Path checkpoint, long before, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (p.isAlive() && System.currentTimeMillis() < deadline) {
            if (Files.exists(checkpoint) && Files.getLastModifiedTime(checkpoint).toMillis() != before) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static String withoutSeconds(String line) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        o.remove("seconds");
        return o.toString();
    }

    private static List<String> train(Path out) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(RUN);
        return args;
    }

    private Process child(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Path dir = Path.of(args.get(args.indexOf(args.contains("--resume") ? "--resume" : "--out") + 1));
        Files.createDirectories(dir.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.getParent().resolve(dir.getFileName() + ".log").toFile()));
        ChildRuns.reproducibleEnvironment(builder, 1);
        return builder.start();
    }

    private static String log(Path dir) throws IOException {
        Path f = dir.getParent().resolve(dir.getFileName() + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no log)";
    }
}
