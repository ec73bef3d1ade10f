package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.report.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary of made-up runs: paired tests, per-seed metrics and each quantity once in the tables. */
class ComparisonTest {
    /** A regression run's metrics as RegressionEvaluation names them: rmse/test_ll repeat the own predictive. */
    private static CompareRun run(String estimator, String objective, long seed, double sampled, double moment, double meanVar) {
        Map<String, Double> m = new LinkedHashMap<>();
        double own = objective.equals("elbo") ? sampled : objective.equals("moment") ? moment : meanVar;
        m.put("rmse", own);
        m.put("test_ll", -own);
        m.put("rmse_sampled", sampled);
        m.put("test_ll_sampled", -sampled);
        m.put("rmse_moment", moment);
        m.put("test_ll_moment", -moment);
        if (objective.equals("mean-var")) {
            m.put("rmse_meanvar", meanVar);
            m.put("test_ll_meanvar", -meanVar);
        }
        m.put("noise_std", 1.0 + seed);
        return new CompareRun(estimator, objective, seed, (int) seed, 2, m, 10 + seed, List.of(3.0, 2.0), List.of(1.0, 0.5));
    }

    /** mc-shared (ELBO) against ris (mean-var): ris's own rmse is lower by {1, 2, 3} on seeds 0–2. */
    private static Comparison comparison() {
        Comparison c = new Comparison("mc-shared", 0.05);
        double[] mc = {10, 11, 12};
        for (int s = 0; s < 3; s++) {
            c.add(run("mc-shared", "elbo", s, mc[s], mc[s] + 1, Double.NaN));
            c.add(run("ris", "mean-var", s, mc[s] + 0.5, mc[s] + 1, mc[s] - (s + 1)));
        }
        return c;
    }

    @Test
    void pairedSectionOfTheNonBaselineEstimator() {
        JsonObject summary = JsonParser.parseString(Json.toJson(comparison().summary("test"))).getAsJsonObject();
        assertEquals("mc-shared", summary.get("baseline").getAsString());
        JsonArray results = summary.getAsJsonArray("results");
        assertFalse(results.get(0).getAsJsonObject().has("paired"), "the baseline is not compared with itself");
        JsonObject paired = results.get(1).getAsJsonObject().getAsJsonObject("paired");
        assertEquals("mc-shared", paired.get("baseline").getAsString());
        assertEquals(3, paired.get("pairs").getAsInt());

        JsonObject rmse = paired.getAsJsonObject("metrics").getAsJsonObject("rmse");
        assertEquals(-2.0, rmse.get("diff_mean").getAsDouble(), 1e-12);
        assertEquals(1 / Math.sqrt(3), rmse.get("diff_se").getAsDouble(), 1e-12);
        assertEquals(-2 * Math.sqrt(3), rmse.get("t").getAsDouble(), 1e-12);
        assertEquals(2, rmse.get("df").getAsInt());
        assertEquals(1 - Math.sqrt(6.0 / 7), rmse.get("p").getAsDouble(), 1e-10);
        assertEquals("no significant difference", rmse.get("verdict").getAsString());   // p ≈ 0.074 > 0.05

        // the sampled predictive is worse by exactly 0.5 on every seed: a difference, but untestable
        JsonObject sampled = paired.getAsJsonObject("metrics").getAsJsonObject("rmse_sampled");
        assertEquals(0.5, sampled.get("diff_mean").getAsDouble(), 1e-12);
        assertEquals("n/a", sampled.get("verdict").getAsString());
        assertFalse(sampled.has("p") || sampled.has("t"));

        JsonObject noise = paired.getAsJsonObject("metrics").getAsJsonObject("noise_std");
        assertEquals(0.0, noise.get("diff_mean").getAsDouble(), 1e-12);
        assertFalse(noise.has("verdict"), "noise_std has no direction");
        assertFalse(paired.getAsJsonObject("metrics").has("rmse_meanvar"), "the baseline has no mean-var predictive");
        assertEquals(0.0, paired.getAsJsonObject("metrics").getAsJsonObject("seconds").get("diff_mean").getAsDouble(), 1e-12);
    }

    @Test
    void aLooserLevelTurnsTheSameDifferenceIntoAVerdict() {
        Comparison c = new Comparison("mc-shared", 0.10);
        comparisonRuns().forEach(c::add);
        JsonObject summary = JsonParser.parseString(Json.toJson(c.summary("test"))).getAsJsonObject();
        JsonObject rmse = summary.getAsJsonArray("results").get(1).getAsJsonObject().getAsJsonObject("paired")
                .getAsJsonObject("metrics").getAsJsonObject("rmse");
        assertEquals("better", rmse.get("verdict").getAsString());
        assertTrue(c.verdictLines().get(0).startsWith("ris vs mc-shared: rmse -2.000 ± 0.577 (p=0.074, better), "
                + "test_ll +2.000 ± 0.577 (p=0.074, better), noise_std +0.000 ± 0.000 (p=n/a), seconds"), c.verdictLines().get(0));
    }

    private static List<CompareRun> comparisonRuns() {
        List<CompareRun> runs = new java.util.ArrayList<>();
        double[] mc = {10, 11, 12};
        for (int s = 0; s < 3; s++) {
            runs.add(run("mc-shared", "elbo", s, mc[s], mc[s] + 1, Double.NaN));
            runs.add(run("ris", "mean-var", s, mc[s] + 0.5, mc[s] + 1, mc[s] - (s + 1)));
        }
        return runs;
    }

    @Test
    void perSeedMetricsAndBackwardCompatibleMeans() {
        JsonObject entry = JsonParser.parseString(Json.toJson(comparison().summary("test"))).getAsJsonObject()
                .getAsJsonArray("results").get(1).getAsJsonObject();
        JsonArray perSeed = entry.getAsJsonArray("per_seed");
        assertEquals(3, perSeed.size());
        JsonObject second = perSeed.get(1).getAsJsonObject();
        assertEquals(1, second.get("seed").getAsLong());
        assertEquals(1, second.get("split").getAsInt());
        assertEquals(9.0, second.getAsJsonObject("metrics").get("rmse").getAsDouble(), 1e-12);
        // the alias keys stay in "metrics" for the readers of summary.json
        JsonObject metrics = entry.getAsJsonObject("metrics");
        assertEquals(metrics.getAsJsonObject("rmse"), metrics.getAsJsonObject("rmse_meanvar"));
        assertEquals(9.0, metrics.getAsJsonObject("rmse").get("mean").getAsDouble(), 1e-12);
    }

    @Test
    void markdownShowsEachQuantityOnceAndMarksTheOwnPredictive() {
        String table = comparison().markdown();
        String header = table.lines().findFirst().orElseThrow();
        assertFalse(header.contains("| rmse ") || header.contains("| test_ll "), header);
        assertTrue(header.contains("rmse_sampled") && header.contains("rmse_meanvar") && header.contains("noise_std"), header);
        String mc = table.lines().filter(l -> l.startsWith("| mc-shared")).findFirst().orElseThrow();
        String ris = table.lines().filter(l -> l.startsWith("| ris")).findFirst().orElseThrow();
        assertEquals(2, mc.chars().filter(ch -> ch == '*').count(), mc);     // rmse_sampled*, test_ll_sampled*
        assertTrue(mc.contains("11.000 ± 0.577*") && mc.contains("—"), mc);
        assertTrue(ris.contains("| 9.000 ± 0.000* |"), ris);
    }

    @Test
    void pairedTableSkipsAPredictiveBothEstimatorsTrain() {
        Comparison c = new Comparison("mc-shared", 0.05);
        for (int s = 0; s < 3; s++) {
            c.add(run("mc-shared", "elbo", s, 10 + s, 11, Double.NaN));
            c.add(run("lrt", "elbo", s, 9 + s * 1.1, 11.5, Double.NaN));
            c.add(run("ris", "mean-var", s, 10.5, 11, 8 + s));
        }
        String paired = c.pairedMarkdown();
        List<String> lrt = paired.lines().filter(l -> l.startsWith("| lrt")).toList();
        List<String> ris = paired.lines().filter(l -> l.startsWith("| ris")).toList();
        assertTrue(lrt.stream().anyMatch(l -> l.contains("| rmse ")), paired);
        assertFalse(lrt.stream().anyMatch(l -> l.contains("rmse_sampled")), "same as rmse for two ELBO runs: " + paired);
        assertTrue(lrt.stream().anyMatch(l -> l.contains("rmse_moment")), paired);
        assertTrue(ris.stream().anyMatch(l -> l.contains("rmse_sampled")), "ris's rmse is its mean-var predictive: " + paired);
        assertTrue(ris.stream().anyMatch(l -> l.contains("| seconds ")), paired);
    }

    @Test
    void summaryMarkdownStatesTheChoices() {
        String md = comparison().summaryMarkdown("data concrete");
        assertTrue(md.contains("* marks the predictive"), md);
        assertTrue(md.contains("## Paired differences against mc-shared"), md);
        assertTrue(md.contains("| ris       | rmse "), md);
    }
}
