package io.risbnn.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file line by line, decoding each line as strict UTF-8 only when it is read. A plain
 * {@code BufferedReader} decodes ahead in 8 KB chunks, so malformed bytes anywhere in a chunk were
 * reported on the line being read (line 1 for an error on line 5); here the error surfaces on its own
 * line. Line ends are \n, \r\n or \r, as for {@link BufferedReader#readLine()}.
 */
final class Utf8LineReader extends BufferedReader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    Utf8LineReader(Path file) throws IOException {
        super(Reader.nullReader());
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    @Override
    public String readLine() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n' && b != '\r') {
            line.write(b);
            b = in.read();
        }
        if (b == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return decoder.decode(ByteBuffer.wrap(line.toByteArray())).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
