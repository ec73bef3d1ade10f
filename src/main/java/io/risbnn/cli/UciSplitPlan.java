package io.risbnn.cli;

import com.google.gson.JsonElement;
import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code uci} does with one split when it is started again in the same {@code --out}: a split whose run
 * finished under the same child command is kept, one that has a checkpoint from that command continues from it
 * ({@code train --resume}, which reproduces the uninterrupted run), every other one starts afresh. Each split's
 * command is recorded in {@code split-N/uci-split.json} before its child starts, so the comparison is exact.
 */
final class UciSplitPlan {
    /** The record of the command a split's child runs, in its run directory. */
    static final String RECORD = "uci-split.json";

    /** What happens to a split. */
    enum Action {
        /** Finished under the same command: its summary is reused. */
        KEEP,
        /** Interrupted under the same command: {@code train --resume}. */
        CONTINUE,
        /** Not started, or {@code --overwrite}: a fresh {@code train}. */
        FRESH
    }

    /**
     * One split's plan.
     *
     * @param split the split index
     * @param action what happens to it
     * @param args the child command (empty for {@link Action#KEEP})
     * @param command the command recorded for the split: the fresh child's, without its output directory
     */
    record Step(int split, Action action, List<String> args, List<String> command) {}

    private UciSplitPlan() {}

    /**
     * Decides one split from what its run directory holds; refuses (unless {@code overwrite}) a split with results
     * from another command, so nothing finished is overwritten by accident.
     *
     * @param split the split index
     * @param runDir {@code DIR/split-N}
     * @param freshArgs the fresh child command ({@code train … --out runDir --overwrite})
     * @param threads the forwarded {@code --threads} value, or null
     * @param overwrite {@code uci --overwrite}: every split afresh
     */
    static Step plan(int split, Path runDir, List<String> freshArgs, String threads, boolean overwrite) {
        List<String> command = ChildRuns.withoutOptions(freshArgs, List.of("--out"), List.of("--overwrite"));
        if (overwrite) {
            return new Step(split, Action.FRESH, freshArgs, command);
        }
        boolean finished = Files.isRegularFile(runDir.resolve("summary.json"));
        Path checkpoint = Posterior.runCheckpoint(runDir);
        boolean checkpointed = Files.isRegularFile(checkpoint) || Files.isRegularFile(Checkpoint.previousOf(checkpoint));
        List<String> recorded = recorded(runDir);
        if (recorded == null || !(finished || checkpointed)) {
            return new Step(split, Action.FRESH, freshArgs, command);   // nothing of this command's to keep
        }
        if (!recorded.equals(command)) {
            throw new RisbnnException("--out " + runDir.getParent() + ": split-" + split + " was run with another command ("
                    + runDir.resolve(RECORD) + "); pass --overwrite or choose another --out");
        }
        if (finished) {
            return new Step(split, Action.KEEP, List.of(), command);
        }
        List<String> resume = new ArrayList<>(List.of("train", "--resume", runDir.toString()));
        if (threads != null) {
            resume.addAll(List.of("--threads", threads));
        }
        return new Step(split, Action.CONTINUE, resume, command);
    }

    /** Writes the split's record before its child starts (a kept split's stays as it is). */
    static void record(Path runDir, Step step) {
        if (step.action() == Action.FRESH) {
            OutputDirectory.requireWritable(runDir, "--out");
            AtomicFiles.writeString(runDir.resolve(RECORD), Json.toJson(Map.of("command", step.command())));
        }
    }

    /** The recorded command, or null if there is none or it cannot be read (then the split starts afresh). */
    private static List<String> recorded(Path runDir) {
        Path file = runDir.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonElement command = Json.parseObject(file).get("command");
            List<String> out = new ArrayList<>();
            command.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
