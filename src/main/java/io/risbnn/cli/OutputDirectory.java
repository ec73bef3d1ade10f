package io.risbnn.cli;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Prepares an output directory, refusing one that already holds results unless --overwrite. */
final class OutputDirectory {
    private static final List<String> RESULT_FILES = List.of("summary.json", "metrics.jsonl", "model", "variance.json", "uci.json");

    private OutputDirectory() {}

    static Path prepare(Path dir, boolean overwrite) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RisbnnException("--out " + dir + ": exists and is not a directory");
        }
        if (!overwrite) {
            for (String name : RESULT_FILES) {
                if (Files.exists(dir.resolve(name))) {
                    throw new RisbnnException("--out " + dir + ": already holds results (" + name + "); pass --overwrite or choose another directory");
                }
            }
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("metrics.jsonl"));
        } catch (IOException e) {
            throw new RisbnnException("--out " + dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        return dir;
    }
}
