package io.risbnn.report;

import io.risbnn.RisbnnException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file output: readers see either the old file or the complete new one, never a
 * truncated mix. Content goes to a temp file in the target's directory (same file system, so the
 * final rename is atomic), is fsynced, then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Atomically replaces {@code target} with {@code text} encoded as UTF-8.
     *
     * @param target the file to write
     * @param text its new content
     * @throws RisbnnException if the file cannot be written
     */
    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces {@code target} with {@code bytes}.
     *
     * @param target the file to write
     * @param bytes its new content
     * @throws RisbnnException if the file cannot be written
     */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code target} with whatever {@code body} writes. If {@code body} or
     * any I/O step fails, the temp file is deleted and the old target is left untouched; I/O
     * errors become {@link RisbnnException}, exceptions thrown by {@code body} propagate as is.
     * Missing parent directories are created.
     *
     * @param target the file to write
     * @param body writes the content to the temp file's stream
     * @throws RisbnnException if the target is a folder or an I/O step fails
     */
    public static void write(Path target, IoConsumer<OutputStream> body) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new RisbnnException("cannot write " + target + ": it is a directory");
        }
        Path dir = abs.getParent();
        Path tmp = null;
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(dir, abs.getFileName().toString());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                body.accept(new NonClosingOutputStream(out));
                out.flush();
                channel.force(true);
            }
            move(tmp, abs);
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new RisbnnException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (!moved && tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Appends {@code line} plus a newline to a JSON-lines log, creating the file and its parent
     * directories if needed. One write call per line keeps concurrent appends from interleaving.
     *
     * @param target the log file
     * @param line one line, without line breaks
     * @throws IllegalArgumentException if {@code line} contains a line break
     */
    public static void appendLine(Path target, String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("appendLine: line must not contain line breaks");
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(target, (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new RisbnnException("cannot append to " + target + ": " + describe(e), e);
        }
    }

    /**
     * Keeps the first {@code lines} lines of a log (a resumed run drops the lines written after its
     * checkpoint, whose epochs are trained again); nothing happens if the file is missing or short enough.
     *
     * @param file the log file
     * @param lines the lines to keep
     * @param what how an error names the file, e.g. "metrics file"
     */
    public static void keepFirstLines(Path file, int lines, String what) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            java.util.List<String> all = Files.readAllLines(file);
            if (all.size() > lines) {
                StringBuilder kept = new StringBuilder();
                all.subList(0, lines).forEach(l -> kept.append(l).append('\n'));
                writeString(file, kept.toString());
            }
        } catch (IOException e) {
            throw new RisbnnException(what + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    // Own temp naming instead of Files.createTempFile: that one creates 0600 files, and the
    // permissions would survive the rename onto the target.
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
            Path tmp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Rare (some network/FUSE file systems); a plain replace is still better than failing.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // Makes the rename itself durable. Best effort: opening a directory fails on some platforms.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // durability of the directory entry is a bonus, not a requirement
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more we can do; the original failure is the one worth reporting
        }
    }

    static String describe(IOException e) {
        String msg = e.getMessage();
        String type = e.getClass().getSimpleName();
        return msg == null ? type : type + " (" + msg + ")";
    }

    // Consumers often wrap the stream in a Writer and close it; that must not close the channel
    // before we flush and fsync.
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
