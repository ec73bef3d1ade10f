package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path dir;

    record Result(String dataset, double rmse, double[] curve, Map<String, Double> metrics) {}

    @Test
    void roundTripThroughFile() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("nll", 0.25);
        metrics.put("bad", Double.NaN);
        Result r = new Result("boston", 3.5, new double[] {1.0, 0.5, Double.NaN,
                Double.POSITIVE_INFINITY}, metrics);
        Path f = dir.resolve("result.json");
        AtomicFiles.writeString(f, Json.toJson(r));

        JsonObject o = Json.parseObject(f);
        assertEquals("boston", o.get("dataset").getAsString());
        assertEquals(3.5, o.get("rmse").getAsDouble());
        assertEquals(0.25, o.getAsJsonObject("metrics").get("nll").getAsDouble());
        assertTrue(Double.isNaN(o.getAsJsonObject("metrics").get("bad").getAsDouble()));

        Result back = Json.GSON.fromJson(o, Result.class);
        assertArrayEquals(r.curve(), back.curve());
        assertEquals(r.metrics(), back.metrics());
    }

    @Test
    void prettyButDoubleArraysOnOneLine() {
        String json = Json.toJson(Map.of("curve", new double[] {1.0, 2.5, 3.0}));
        assertTrue(json.contains("\"curve\": [1.0, 2.5, 3.0]"), json);
        assertTrue(json.contains("\n"), json);
    }

    @Test
    void jsonLineIsSingleLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 3);
        m.put("loss", Double.NaN);
        m.put("note", "multi\nline");
        m.put("grad", new double[] {0.1, 0.2});
        String line = Json.toJsonLine(m);
        assertFalse(line.contains("\n"), line);
        assertEquals("{\"epoch\":3,\"loss\":NaN,\"note\":\"multi\\nline\",\"grad\":[0.1,0.2]}", line);
    }

    @Test
    void malformedJsonNamesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("broken.json"), "{\"a\": 1,");
        RisbnnException e = assertThrows(RisbnnException.class, () -> Json.parseObject(f));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void nonObjectAndMissingFileAreRejected() throws IOException {
        Path arr = Files.writeString(dir.resolve("arr.json"), "[1, 2]");
        RisbnnException e = assertThrows(RisbnnException.class, () -> Json.parseObject(arr));
        assertTrue(e.getMessage().contains("arr.json"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThrows(RisbnnException.class, () -> Json.parseObject(empty));
        Path missing = dir.resolve("missing.json");
        e = assertThrows(RisbnnException.class, () -> Json.parseObject(missing));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    }
}
