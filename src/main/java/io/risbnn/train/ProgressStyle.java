package io.risbnn.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bar, lines or nothing, decided once per process: the bar when stderr is a terminal, lines otherwise
 * (CI logs, nohup, child runs writing to a log), unless the CLI's --progress forces the bar or
 * --no-progress silences both. A process-wide setting because the runs only carry a "report progress"
 * flag, and that flag is saved in checkpoints: a resumed run would otherwise ignore --no-progress.
 */
public final class ProgressStyle {
    private static volatile Boolean forced;

    private ProgressStyle() {}

    /**
     * Overrides the choice of reporter for the process.
     *
     * @param bar {@code true}: always the bar; {@code false}: nothing; null: bar or lines by the terminal
     */
    public static void force(Boolean bar) {
        forced = bar;
    }

    static ProgressReporter forTask(String task) {
        Boolean f = forced;
        if (f != null && !f) {
            return ProgressReporter.silent();
        }
        return f != null || stderrIsTerminal() ? ProgressReporter.bar(task) : new EpochLines(task, System.err);
    }

    /**
     * Whether stderr is a terminal. Linux: fd 2 links to /dev/pts/N or /dev/ttyN; elsewhere fall back to
     * the JVM's console check.
     *
     * @return true for a terminal
     */
    public static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // fall through
        }
        return System.console() != null;
    }
}
