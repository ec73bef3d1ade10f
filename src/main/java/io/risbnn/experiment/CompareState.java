package io.risbnn.experiment;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.RisbnnException;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.BnnTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a compare resumable. {@value #FILE_NAME} in --out holds the configuration (everything that
 * decides the runs' results); each finished (estimator, seed) run leaves {@code runs/EST-seedK.json} (its
 * result and the same configuration) next to its epoch log {@code runs/EST-seedK.jsonl}, whose last line
 * is {"final":true,…} with the test metrics. Every file is written atomically and the record last, so a
 * run without a record (killed mid-way) is redone from scratch.
 */
public final class CompareState {
    /** The file in --out that records the configuration of the compare. */
    public static final String FILE_NAME = "compare-state.json";

    private final Path dir;
    private final JsonObject configuration;
    private final boolean reuse;

    private CompareState(Path dir, JsonObject configuration, boolean reuse) {
        this.dir = dir;
        this.configuration = configuration;
        this.reuse = reuse;
    }

    /**
     * Whether {@code dir} holds a compare that can be resumed.
     *
     * @param dir the compare's --out directory
     * @return true when {@value #FILE_NAME} is there
     */
    public static boolean existsIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /**
     * A new compare in {@code dir}: records the configuration; runs finished there before are all redone.
     *
     * @param dir the compare's --out directory
     * @param configuration everything that decides the runs' results, serialised to JSON
     * @return the state, with no finished run
     */
    public static CompareState fresh(Path dir, Object configuration) {
        CompareState state = new CompareState(dir, normalised(configuration), false);
        state.writeConfiguration();
        return state;
    }

    /**
     * Continues the compare in {@code dir}; refuses one that ran under another configuration.
     *
     * @param dir the compare's --out directory, holding {@value #FILE_NAME}
     * @param configuration the configuration of this invocation, serialised to JSON
     * @return the state, whose finished runs are reused
     * @throws RisbnnException naming the first difference if {@code dir} holds a compare of another configuration
     */
    public static CompareState resume(Path dir, Object configuration) {
        JsonObject want = normalised(configuration);
        JsonElement had = Json.parseObject(dir.resolve(FILE_NAME)).get("configuration");
        if (!want.equals(had)) {
            throw new RisbnnException("--out " + dir + ": holds a compare with another configuration ("
                    + firstDifference("", had, want) + "); pass --overwrite or choose another --out");
        }
        return new CompareState(dir, want, true);
    }

    private void writeConfiguration() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("configuration", configuration);
        AtomicFiles.writeString(dir.resolve(FILE_NAME), Json.toJson(state));
    }

    /**
     * The run as it finished under this configuration, read back from its record.
     *
     * @param estimator the run's estimator (or method)
     * @param seed the run's seed
     * @return the finished run, or null if it must be (re)done
     */
    public CompareRun finished(String estimator, long seed) {
        Path file = record(estimator, seed);
        if (!reuse || !Files.isRegularFile(file)) {
            return null;
        }
        JsonObject stored = Json.parseObject(file);
        if (!configuration.equals(stored.get("configuration"))) {
            return null;     // left by an earlier compare that --overwrite replaced
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        stored.getAsJsonObject("metrics").entrySet().forEach(e -> metrics.put(e.getKey(), e.getValue().getAsDouble()));
        return new CompareRun(stored.get("estimator").getAsString(), stored.get("objective").getAsString(),
                stored.get("seed").getAsLong(), stored.get("split").getAsInt(), stored.get("epochs").getAsInt(), metrics,
                stored.get("train_seconds").getAsDouble(), doubles(stored.getAsJsonArray("step_losses")),
                doubles(stored.getAsJsonArray("step_nlls")));
    }

    /**
     * Empties the run's epoch log (a partial one of a killed run included) and returns a listener appending to it.
     *
     * @param estimator the run's estimator (or method)
     * @param seed the run's seed
     * @return a listener appending each epoch's metrics to {@code runs/EST-seedK.jsonl} as a JSON line
     */
    public BnnTrainer.EpochListener startRun(String estimator, long seed) {
        Path log = log(estimator, seed);
        AtomicFiles.writeString(log, "");
        return m -> AtomicFiles.appendLine(log, Json.toJsonLine(m.asMap()));
    }

    /**
     * Ends the run's epoch log with its test metrics, then stores its record, so a resumed compare skips it.
     *
     * @param run the finished run
     */
    public void finish(CompareRun run) {
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("final", true);
        last.put("seed", run.seed());
        last.put("split", run.split());
        last.put("metrics", run.metrics());
        AtomicFiles.appendLine(log(run.estimator(), run.seed()), Json.toJsonLine(last));
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("estimator", run.estimator());
        stored.put("objective", run.objective());
        stored.put("seed", run.seed());
        stored.put("split", run.split());
        stored.put("epochs", run.epochs());
        stored.put("metrics", run.metrics());
        stored.put("train_seconds", run.trainSeconds());
        stored.put("step_losses", run.stepLosses().stream().mapToDouble(Double::doubleValue).toArray());
        stored.put("step_nlls", run.stepNlls().stream().mapToDouble(Double::doubleValue).toArray());
        stored.put("configuration", configuration);
        AtomicFiles.writeString(record(run.estimator(), run.seed()), Json.toJson(stored));
    }

    /**
     * The epoch log of one run of the compare.
     *
     * @param estimator the run's estimator (or method)
     * @param seed the run's seed
     * @return {@code runs/EST-seedK.jsonl} in the compare's directory
     */
    public Path log(String estimator, long seed) {
        return dir.resolve("runs").resolve(estimator + "-seed" + seed + ".jsonl");
    }

    Path record(String estimator, long seed) {
        return dir.resolve("runs").resolve(estimator + "-seed" + seed + ".json");
    }

    /** The configuration as it reads back from a file, so a stored and a fresh one compare equal. */
    private static JsonObject normalised(Object configuration) {
        return JsonParser.parseString(Json.toJson(configuration)).getAsJsonObject();
    }

    private static List<Double> doubles(JsonArray array) {
        List<Double> out = new ArrayList<>(array.size());
        array.forEach(e -> out.add(e.getAsDouble()));
        return out;
    }

    /** "training[1].epochs 2 there, 3 now": the first place where two configurations differ. */
    static String firstDifference(String path, JsonElement had, JsonElement want) {
        if (had != null && want != null && had.isJsonObject() && want.isJsonObject()) {
            JsonObject a = had.getAsJsonObject();
            JsonObject b = want.getAsJsonObject();
            for (String key : union(a, b)) {
                if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                    return firstDifference(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key));
                }
            }
        }
        if (had != null && want != null && had.isJsonArray() && want.isJsonArray()
                && had.getAsJsonArray().size() == want.getAsJsonArray().size()) {
            for (int i = 0; i < had.getAsJsonArray().size(); i++) {
                JsonElement a = had.getAsJsonArray().get(i);
                JsonElement b = want.getAsJsonArray().get(i);
                if (!a.equals(b)) {
                    return firstDifference(path + "[" + i + "]", a, b);
                }
            }
        }
        return (path.isEmpty() ? "configuration" : path) + " " + (had == null ? "absent" : had) + " there, "
                + (want == null ? "absent" : want) + " now";
    }

    private static List<String> union(JsonObject a, JsonObject b) {
        List<String> keys = new ArrayList<>(b.keySet());
        a.keySet().stream().filter(k -> !b.has(k)).forEach(keys::add);
        return keys;
    }
}
