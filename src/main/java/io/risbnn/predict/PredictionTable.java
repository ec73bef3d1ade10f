package io.risbnn.predict;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.risbnn.report.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Predictions as a table, one row per input: the input's kept columns (ids and any column that is not
 * a feature, verbatim), then the columns of each predictive: the sampled networks' unsuffixed, the
 * method's own with its name as suffix (e.g. {@code mean_meanvar}). Rendered as CSV (Apache Commons
 * CSV, so names with commas or quotes stay intact) or as JSON (one object per row, a nested object per
 * predictive). A value the predictive does not model is {@code NA} in CSV and null in JSON.
 */
public final class PredictionTable {
    /** Significant digits of the values written. */
    private static final MathContext DIGITS = new MathContext(7);

    private final List<String> keptNames;
    private final List<String[]> kept;
    private final List<String> predictives = new ArrayList<>();
    private final List<List<String>> fieldNames = new ArrayList<>();
    private final List<List<double[]>> fieldValues = new ArrayList<>();
    private final List<String[]> labels = new ArrayList<>(); // per predictive: a text column (predicted class) or null

    /**
     * A table of the kept input columns, to which predictives are added.
     *
     * @param keptNames names of the kept input columns
     * @param kept their cells, one array per row
     */
    public PredictionTable(List<String> keptNames, List<String[]> kept) {
        this.keptNames = List.copyOf(keptNames);
        this.kept = List.copyOf(kept);
    }

    /**
     * Adds a regression predictive's columns: mean, std, epistemic_std, aleatoric_std, lower_P, upper_P.
     *
     * @param p the predictive, one value per row
     * @return this table
     */
    public PredictionTable addRegression(RegressionPredictive p) {
        int pct = (int) Math.round(p.level() * 100);
        add(p.name(), List.of("mean", "std", "epistemic_std", "aleatoric_std", "lower_" + pct, "upper_" + pct),
                List.of(p.mean(), p.std(), p.epistemicStd(), p.aleatoricStd(), p.lower(), p.upper()), null);
        return this;
    }

    /**
     * Adds a classification predictive's columns: the predicted class, the class probabilities, entropy
     * and mutual information.
     *
     * @param p the predictive, one value per row
     * @return this table
     */
    public PredictionTable addClassification(ClassificationPredictive p) {
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int c = 0; c < p.classNames().size(); c++) {
            names.add("p_" + p.classNames().get(c));
            double[] column = new double[p.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = p.probabilities()[i][c];
            }
            values.add(column);
        }
        names.add("entropy");
        values.add(p.entropy());
        names.add("mutual_information");
        values.add(p.mutualInformation());
        String[] predicted = new String[p.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = p.classNames().get(p.predicted()[i]);
        }
        add(p.name(), names, values, predicted);
        return this;
    }

    private void add(String name, List<String> names, List<double[]> values, String[] label) {
        predictives.add(name);
        fieldNames.add(names);
        fieldValues.add(values);
        labels.add(label);
    }

    /**
     * The number of rows.
     *
     * @return one per input
     */
    public int rows() {
        return kept.size();
    }

    /**
     * The CSV header: kept columns (renamed {@code NAME_input} if they clash), then every predictive's.
     *
     * @return the column names
     */
    public List<String> header() {
        List<String> out = new ArrayList<>();
        Set<String> own = new LinkedHashSet<>();
        for (int k = 0; k < predictives.size(); k++) {
            for (String f : predictiveColumns(k)) {
                own.add(f);
            }
        }
        for (String name : keptNames) {
            out.add(own.contains(name) ? name + "_input" : name);
        }
        out.addAll(own);
        return out;
    }

    private List<String> predictiveColumns(int k) {
        String suffix = k == 0 ? "" : "_" + predictives.get(k);
        List<String> out = new ArrayList<>();
        if (labels.get(k) != null) {
            out.add("predicted" + suffix);
        }
        for (String f : fieldNames.get(k)) {
            out.add(f + suffix);
        }
        return out;
    }

    /**
     * The table as CSV, header first, {@code NA} for values a predictive does not model.
     *
     * @return the CSV text, lines ending in {@code \n}
     */
    public String toCsv() {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            printer.printRecord(header());
            for (int i = 0; i < rows(); i++) {
                List<String> row = new ArrayList<>(List.of(kept.get(i)));
                for (int k = 0; k < predictives.size(); k++) {
                    if (labels.get(k) != null) {
                        row.add(labels.get(k)[i]);
                    }
                    for (double[] column : fieldValues.get(k)) {
                        row.add(format(column[i]));
                    }
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /**
     * {@code {"predictives":[...], "rows":[{kept..., "sampled":{...}, "meanvar":{...}}]}} plus {@code meta}.
     *
     * @param meta fields copied into the top-level object (e.g. the model and method)
     * @return the JSON text
     */
    public String toJson(JsonObject meta) {
        JsonObject out = meta.deepCopy();
        JsonArray names = new JsonArray();
        predictives.forEach(names::add);
        out.add("predictives", names);
        JsonArray rowsJson = new JsonArray();
        for (int i = 0; i < rows(); i++) {
            JsonObject row = new JsonObject();
            for (int c = 0; c < keptNames.size(); c++) {
                row.addProperty(keptNames.get(c), kept.get(i)[c]);
            }
            for (int k = 0; k < predictives.size(); k++) {
                JsonObject p = new JsonObject();
                if (labels.get(k) != null) {
                    p.addProperty("predicted", labels.get(k)[i]);
                }
                for (int f = 0; f < fieldNames.get(k).size(); f++) {
                    double v = fieldValues.get(k).get(f)[i];
                    p.add(fieldNames.get(k).get(f), Double.isFinite(v) ? new JsonPrimitive(v) : com.google.gson.JsonNull.INSTANCE);
                }
                row.add(predictives.get(k), p);
            }
            rowsJson.add(row);
        }
        out.add("rows", rowsJson);
        return Json.GSON.toJson(out) + "\n";
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return "NA";
        }
        return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}
