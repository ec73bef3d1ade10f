package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndOverwrites() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "first");
        assertEquals("first", Files.readString(f));
        AtomicFiles.writeString(f, "second ±");
        assertEquals("second ±", Files.readString(f));
        AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of(f), listDir());
    }

    @Test
    void createsParentDirectories() throws IOException {
        Path f = dir.resolve("x/y/z.json");
        AtomicFiles.writeString(f, "{}");
        assertEquals("{}", Files.readString(f));
    }

    @Test
    void throwingConsumerLeavesOldFileAndNoTemp() throws IOException {
        Path f = dir.resolve("keep.txt");
        AtomicFiles.writeString(f, "old content");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AtomicFiles.write(f, out -> {
                    out.write("partial new".getBytes(StandardCharsets.UTF_8));
                    throw new IllegalStateException("boom");
                }));
        assertEquals("boom", e.getMessage());
        assertEquals("old content", Files.readString(f));
        assertEquals(List.of(f), listDir());
    }

    @Test
    void ioExceptionBecomesRisbnnExceptionNamingPath() throws IOException {
        Path f = dir.resolve("io.txt");
        AtomicFiles.writeString(f, "old");
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> AtomicFiles.write(f, out -> {
                    out.write(1);
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listDir());
    }

    @Test
    void consumerMayCloseTheStream() throws IOException {
        Path f = dir.resolve("closed.txt");
        AtomicFiles.write(f, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write("via writer");
            }
        });
        assertEquals("via writer", Files.readString(f));
    }

    @Test
    void targetThatIsADirectoryIsRejected() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> AtomicFiles.writeString(sub, "x"));
        assertTrue(e.getMessage().contains(sub.toString()));
    }

    @Test
    void newFileGetsDefaultPermissionsNotTempFilePermissions() throws IOException {
        Path f = dir.resolve("perm.txt");
        AtomicFiles.writeString(f, "x");
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(f);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system
        }
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(plain), perms);
    }

    @Test
    void appendLineAppendsAndCreatesParents() throws IOException {
        Path log = dir.resolve("logs/train.jsonl");
        AtomicFiles.appendLine(log, "{\"epoch\":1}");
        AtomicFiles.appendLine(log, "{\"epoch\":2}");
        assertEquals(List.of("{\"epoch\":1}", "{\"epoch\":2}"), Files.readAllLines(log));
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.appendLine(log, "a\nb"));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).sorted().toList();
        }
    }

    @Test
    void noTempFileAfterSuccess() throws IOException {
        Path f = dir.resolve("b.txt");
        AtomicFiles.writeString(f, "x");
        AtomicFiles.writeString(f, "y");
        assertFalse(listDir().stream().anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
}
