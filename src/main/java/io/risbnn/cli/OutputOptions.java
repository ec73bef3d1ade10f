package io.risbnn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --out and --overwrite; each command supplies its own default directory. */
final class OutputOptions {
    @Option(names = "--out", description = "Output directory (default depends on the command).")
    Path out;

    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    /** The output directory, prepared (created; refused if it holds results and --overwrite is off). */
    Path prepare(Path defaultDir) {
        return OutputDirectory.prepare(out != null ? out : defaultDir, overwrite);
    }
}
