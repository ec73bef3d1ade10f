package io.risbnn.data.image;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared checks and message helpers of the image loaders (one-line messages naming the file). */
final class ImageFiles {
    private ImageFiles() {}

    /** Fails unless {@code file} is an existing readable regular file. */
    static void requireRegularFile(Path file, String source, String expected) {
        io.risbnn.data.TextFiles.requireRegularFile(file, source, expected);
    }

    /** Fails unless {@code dir} is an existing folder. */
    static void requireFolder(Path dir, String source, String expected) {
        if (!Files.isDirectory(dir)) {
            throw new RisbnnException(source + ": " + (Files.exists(dir) ? "not a folder" : "not found")
                    + " (expected " + expected + ")");
        }
    }

    static long size(Path file, String source) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read its size: " + oneLine(e), e);
        }
    }

    /**
     * Decodes strict UTF-8 (a leading byte order mark dropped); malformed bytes raise an error
     * naming the line and byte offset.
     */
    static String utf8(byte[] bytes, String source, String expected) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new RisbnnException(source + " line " + line + " (byte " + at
                    + "): not UTF-8 text (" + expected + ")");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static String path(Path file) {
        return oneLine(file.toString());
    }





    /** The folder's own name, e.g. {@code cifar10-jpeg} for {@code /data/cifar10-jpeg/}. */
    static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toAbsolutePath().toString() : name.toString();
    }

    static String oneLine(Throwable e) {
        return io.risbnn.ErrorText.oneLine(e);
    }

    static String oneLine(String text) {
        return io.risbnn.ErrorText.oneLine(text);
    }

    static String quote(String token) {
        return io.risbnn.ErrorText.quote(token);
    }

    static String gib(long bytes) {
        return io.risbnn.ErrorText.gib(bytes);
    }
}
