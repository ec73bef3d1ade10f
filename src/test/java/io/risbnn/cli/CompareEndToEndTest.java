package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short compare on the shipped real data set writes a valid summary.json, summary.md and trace.png. */
class CompareEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void shortCompareWritesAllThreeOutputs() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--out", out.toString(), "--seeds", "2", "--epochs", "2",
                "--eval-samples", "20", "--samples", "4", "--no-progress");
        assertEquals(0, r.code(), r.err());

        JsonObject summary = Json.parseObject(out.resolve("summary.json"));
        JsonArray results = summary.getAsJsonArray("results");
        Set<String> estimators = new HashSet<>();
        for (var e : results) {
            JsonObject row = e.getAsJsonObject();
            estimators.add(row.get("estimator").getAsString());
            assertEquals(io.risbnn.objective.Objectives.defaultFor(row.get("estimator").getAsString()).cliName(),
                    row.get("objective").getAsString());
            assertEquals(2, row.get("runs").getAsInt());
            JsonObject rmse = row.getAsJsonObject("metrics").getAsJsonObject("rmse");
            double mean = rmse.get("mean").getAsDouble();
            // concrete strength has std ≈ 16.7 MPa; two epochs already beat predicting the mean
            assertTrue(mean > 1 && mean < 16, "rmse " + mean);
            assertTrue(rmse.get("se").getAsDouble() >= 0);
            assertTrue(row.getAsJsonObject("seconds").get("mean").getAsDouble() > 0);
        }
        assertEquals(Set.of("mc-shared", "lrt", "analytic", "ris"), estimators);

        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| estimator") && md.contains("| ris"), md);

        BufferedImage png = ImageIO.read(out.resolve("trace.png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(800, ImageIO.read(out.resolve("trace-nll.png").toFile()).getWidth());
        assertTrue(Files.exists(out.resolve("runs").resolve("ris-seed0.jsonl")));
    }
}
