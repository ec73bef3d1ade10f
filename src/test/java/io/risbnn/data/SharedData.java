package io.risbnn.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared UCI files next to the project (Maven runs tests in the project root). */
final class SharedData {
    private SharedData() {}

    /** {@code ../shared/data/uci}, or skips the calling test when it is absent. */
    static Path uci() {
        Path dir = Path.of("..", "shared", "data", "uci").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir), "shared UCI data not found at " + dir);
        return dir;
    }

    /** One data set folder, e.g. {@code concrete}, or skips. */
    static Path uci(String name) {
        Path dir = uci().resolve(name);
        assumeTrue(Files.isDirectory(dir), "shared UCI data set not found at " + dir);
        return dir;
    }
}
