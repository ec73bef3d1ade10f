package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine cache that cannot be created (HOME is a file, so even root cannot make folders under it)
 * gives one line naming the folder and the variable that moves it, exit 2. Child JVMs, because the
 * engine loads once per process.
 */
class EngineCacheTest {
    @TempDir
    Path tmp;

    private Process child(Path home, String variable, String value) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--epochs", "1", "--no-progress",
                "--out", tmp.resolve("run").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        ChildRuns.reproducibleEnvironment(builder, 1);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DJL_CACHE_DIR");
        builder.environment().remove("ENGINE_CACHE_DIR");
        if (variable != null) {
            builder.environment().put(variable, value);
        }
        return builder.start();
    }

    private static String stderrOf(Process p) throws Exception {
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        return err;
    }

    @Test
    void unusableHomeNamesTheCacheAndDjlCacheDir() throws Exception {
        Path home = Files.writeString(tmp.resolve("home-is-a-file"), "");
        String err = stderrOf(child(home, null, null));
        assertEquals("risbnn: cannot create the engine cache " + home.resolve(".cache/risbnn/djl")
                + " (set DJL_CACHE_DIR to a writable folder)", err.strip());
    }

    @Test
    void unusableEngineCacheDirNamesThatVariable() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "");
        String err = stderrOf(child(tmp, "ENGINE_CACHE_DIR", file.resolve("djl").toString()));
        assertTrue(err.contains(file.resolve("djl") + " (set ENGINE_CACHE_DIR to a writable folder)"), err);
    }
}
