package io.risbnn.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.risbnn.RisbnnException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The project's JSON conventions in one place. Output is pretty-printed, NaN and infinities are
 * written as the bare tokens {@code NaN}/{@code Infinity} (a diverged run must still produce its
 * report), and {@code double[]} values stay on one line so loss curves don't take one line per
 * number.
 */
public final class Json {
    /** Pretty-printing instance for report files. */
    public static final Gson GSON = builder(", ").setPrettyPrinting().create();

    private static final Gson LINE_GSON = builder(",").create();

    private Json() {}

    /**
     * Pretty-printed JSON of {@code value}.
     *
     * @param value any Gson-serialisable value (NaN and infinities allowed)
     * @return the JSON text
     */
    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /**
     * Single-line JSON of {@code value}, for JSON-lines logs.
     *
     * @param value any Gson-serialisable value
     * @return the JSON text, without line breaks
     */
    public static String toJsonLine(Object value) {
        return LINE_GSON.toJson(value);
    }

    /**
     * Reads a JSON object from {@code file}. Parsing is lenient because Gson's strict modes
     * reject the {@code NaN} tokens this class writes; the price is that a few non-standard forms
     * (comments, unquoted names, empty array slots read as null) are accepted too. Truncated or
     * structurally broken documents are still rejected.
     *
     * @throws RisbnnException naming the file if it is missing, unreadable, malformed or not an
     *     object
     * @param file the JSON file
     * @return the object
     */
    public static JsonObject parseObject(Path file) {
        JsonElement element;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            element = JsonParser.parseReader(reader);
        } catch (NoSuchFileException e) {
            throw new RisbnnException("file not found: " + file, e);
        } catch (IOException e) {
            throw new RisbnnException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        } catch (JsonParseException e) {
            throw new RisbnnException("malformed JSON in " + file + ": " + rootMessage(e), e);
        }
        if (!element.isJsonObject()) {
            String found = element.isJsonNull() ? "null or an empty file"
                    : element.isJsonArray() ? "an array" : "a primitive value";
            throw new RisbnnException("expected a JSON object in " + file + " but found " + found);
        }
        return element.getAsJsonObject();
    }

    private static GsonBuilder builder(String separator) {
        return new GsonBuilder()
                .serializeSpecialFloatingPointValues()
                .disableHtmlEscaping()
                .registerTypeAdapter(double[].class, new InlineDoubleArray(separator).nullSafe());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }

    /** Writes a double[] as one raw JSON token so pretty printing keeps it on a single line. */
    private static final class InlineDoubleArray extends TypeAdapter<double[]> {
        private final String separator;

        InlineDoubleArray(String separator) {
            this.separator = separator;
        }

        @Override
        public void write(JsonWriter out, double[] values) throws IOException {
            StringBuilder sb = new StringBuilder(values.length * 8 + 2).append('[');
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append(separator);
                }
                // Double.toString gives NaN/Infinity/-Infinity, matching Gson's own special tokens.
                sb.append(values[i]);
            }
            try {
                out.jsonValue(sb.append(']').toString());
            } catch (UnsupportedOperationException treeWriter) {
                // toJsonTree's writer takes no raw tokens: write an ordinary array there.
                out.beginArray();
                for (double v : values) {
                    out.value(v);
                }
                out.endArray();
            }
        }

        @Override
        public double[] read(JsonReader in) throws IOException {
            double[] buf = new double[16];
            int n = 0;
            in.beginArray();
            while (in.peek() != JsonToken.END_ARRAY) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, n * 2);
                }
                buf[n++] = in.nextDouble();
            }
            in.endArray();
            return Arrays.copyOf(buf, n);
        }
    }
}
