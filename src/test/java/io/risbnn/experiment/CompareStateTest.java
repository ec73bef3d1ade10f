package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.risbnn.RisbnnException;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareStateTest {
    @TempDir
    Path dir;

    private static Map<String, Object> configuration(int epochs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data", "concrete");
        c.put("estimators", List.of("mc-shared", "ris"));
        c.put("training", List.of(Map.of("epochs", epochs, "lr", 0.01)));
        return c;
    }

    private static CompareRun run() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.1 + 0.2);
        metrics.put("ess", Double.NaN);
        return new CompareRun("ris", "mean-var", 1, 1, 2, metrics, 1.25, List.of(3.0, 1.0 / 3), List.of(2.0, 0.7));
    }

    @Test
    void aFinishedRunReadsBackExactlyAndEndsItsLog() throws Exception {
        CompareState.fresh(dir, configuration(2)).finish(run());
        CompareRun back = CompareState.resume(dir, configuration(2)).finished("ris", 1);
        assertEquals(run().metrics().get("rmse"), back.metrics().get("rmse"));        // bit for bit
        assertTrue(Double.isNaN(back.metrics().get("ess")));
        assertEquals(run().stepLosses(), back.stepLosses());
        assertEquals(run().toString().replace("NaN", ""), back.toString().replace("NaN", ""));
        String last = Files.readAllLines(dir.resolve("runs/ris-seed1.jsonl")).get(0);
        var line = JsonParser.parseString(last).getAsJsonObject();
        assertTrue(line.get("final").getAsBoolean());
        assertEquals(1, line.get("seed").getAsLong());
        assertEquals(1, line.get("split").getAsInt());
        assertEquals(0.1 + 0.2, line.getAsJsonObject("metrics").get("rmse").getAsDouble());
    }

    @Test
    void unfinishedOrOverwrittenRunsAreRedone() {
        CompareState.fresh(dir, configuration(2)).finish(run());
        assertNull(CompareState.resume(dir, configuration(2)).finished("ris", 0), "never ran");
        assertNull(CompareState.fresh(dir, configuration(2)).finished("ris", 1), "a fresh start redoes every run");
        CompareState.fresh(dir, configuration(3));
        assertNull(CompareState.resume(dir, configuration(3)).finished("ris", 1), "finished under the replaced configuration");
    }

    @Test
    void startingARunEmptiesItsPartialLog() throws Exception {
        Path log = dir.resolve("runs/ris-seed1.jsonl");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "{\"epoch\":1}\n{\"epo");
        CompareState.fresh(dir, configuration(2)).startRun("ris", 1);
        assertEquals("", Files.readString(log));
    }

    @Test
    void anotherConfigurationIsRefusedNamingTheDifference() {
        CompareState.fresh(dir, configuration(2));
        RisbnnException e = assertThrows(RisbnnException.class, () -> CompareState.resume(dir, configuration(3)));
        assertTrue(e.getMessage().contains("training[0].epochs 2 there, 3 now"), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite") && !e.getMessage().contains("\n"), e.getMessage());
        Map<String, Object> more = configuration(2);
        more.put("estimators", List.of("mc-shared", "ris", "lrt"));
        e = assertThrows(RisbnnException.class, () -> CompareState.resume(dir, more));
        assertTrue(e.getMessage().contains("estimators [\"mc-shared\",\"ris\"] there, [\"mc-shared\",\"ris\",\"lrt\"] now"),
                e.getMessage());
        assertEquals(Json.parseObject(dir.resolve(CompareState.FILE_NAME)).getAsJsonObject("configuration"),
                JsonParser.parseString(Json.toJson(configuration(2))), "the refused rerun left the state as it was");
    }
}
