package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --device on every command that trains or evaluates: bad syntax and an unusable GPU fail in one line, before any output. */
class DeviceOptionTest {
    @TempDir
    Path tmp;

    /** The commands that train or evaluate, each with the options it requires. */
    private Map<String, List<String>> commands() {
        String out = tmp.resolve("out").toString();
        String run = tmp.resolve("run").toString();
        return Map.of(
                "train", List.of("--out", out),
                "eval", List.of("--run", run),
                "predict", List.of("--run", run, "--input", tmp.resolve("x.csv").toString()),
                "compare", List.of("--out", out),
                "variance", List.of("--out", out),
                "uci", List.of("--dir", tmp.toString(), "--name", "none", "--out", out),
                "bench", List.of(),
                "sample-models", List.of("--run", run, "--out", out),
                "ood", List.of("--run", run, "--ood-data", "mnist"),
                "table1", List.of("--data", "fashion-mnist", "--out", out));
    }

    @Test
    void everyCommandThatTrainsOrEvaluatesHasTheOption() {
        CommandLine root = new CommandLine(new Main());
        List<String> missing = new ArrayList<>();
        for (String name : commands().keySet()) {
            if (root.getSubcommands().get(name).getCommandSpec().findOption("--device") == null) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void badSyntaxNamesTheOption() {
        for (var command : commands().entrySet()) {
            List<String> args = new ArrayList<>(List.of(command.getKey(), "--device", "tpu"));
            args.addAll(command.getValue());
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            CliRunner.assertUserError(r, "--device tpu: expected cpu, gpu or gpu:N");
            assertEquals(1, r.err().lines().count(), command.getKey() + ": " + r.err());
        }
        assertFalse(Files.exists(tmp.resolve("out")), "output written before the check");
    }

    @Test
    void aGpuWithoutUsableNativesOrDeviceFailsInOneLineThatSaysWhich() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        String why = Engine.getInstance().hasCapability("CUDA") ? "no GPU is visible" : "the loaded PyTorch natives are the CPU build";
        for (var command : commands().entrySet()) {
            for (String gpu : List.of("gpu", "gpu:1")) {
                List<String> args = new ArrayList<>(List.of(command.getKey(), "--device", gpu));
                args.addAll(command.getValue());
                CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
                CliRunner.assertUserError(r, "--device " + (gpu.equals("gpu") ? "gpu:0" : gpu) + ": " + why);
                assertEquals(1, r.err().lines().count(), command.getKey() + ": " + r.err());
            }
        }
        assertFalse(Files.exists(tmp.resolve("out")), "output written before the check");
    }

    @Test
    void theCpuTrainsAndIsTheDefault() throws Exception {
        Path run = tmp.resolve("cpu");
        CliRunner.Result r = CliRunner.run("train", "--device", "cpu", "--epochs", "1", "--out", run.toString(),
                "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(run.resolve("summary.json")));
        assertEquals("cpu", io.risbnn.runtime.Devices.spec(io.risbnn.runtime.Devices.current()));
    }
}
