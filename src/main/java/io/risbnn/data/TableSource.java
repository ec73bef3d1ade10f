package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.nio.file.Path;
import java.util.List;

/**
 * A headered table as a regression source ({@code --data csv:FILE}, see {@link TableOptions}). The
 * data are the rows of the training file followed, when there is a test file, by its rows. Split
 * {@code i}: with a test file, always the file's rows as train and the test file's as test; with
 * {@code noTest}, every row trains and none tests; else a seeded random split with the test fraction.
 * Every protocol has {@value RandomSplitSource#DEFAULT_SPLITS} splits, so {@code compare --seeds K}
 * works on all three (with a test file every seed trains on the same rows).
 */
public final class TableSource implements RegressionSource {
    private final TableOptions options;
    private final RegressionData data;
    private final int trainRows;
    private final double[] fillValues;

    private TableSource(TableOptions options, RegressionData data, int trainRows, double[] fillValues) {
        this.options = options;
        this.data = data;
        this.trainRows = trainRows;
        this.fillValues = fillValues;
    }

    /**
     * Reads and validates the files named by {@code options}.
     *
     * @param options the table options
     * @return the source
     * @throws RisbnnException if a file is missing or invalid, or a column is unknown
     */
    public static TableSource open(TableOptions options) {
        DelimitedTable train = checked(DelimitedTable.read(Path.of(options.file()), "data file"));
        TableColumns.Selection selection = TableColumns.select(train, options.target(), options.features());
        double[][] x = TableColumns.features(train, selection.features(), options.impute());
        double[] y = TableColumns.targets(train, selection.target());
        double[] fill = options.impute() == Imputation.NONE ? null
                : TableColumns.fillValues(x, options.impute(), selection.featureNames(), train.source());
        int trainCount = x.length;
        if (options.testFile() != null) {
            DelimitedTable test = checked(DelimitedTable.read(Path.of(options.testFile()), "test file"));
            int[] columns = TableColumns.byName(test, selection.featureNames(), "the test file");
            int target = TableColumns.byName(test, List.of(selection.targetName()), "the test file")[0];
            x = concat(x, TableColumns.features(test, columns, options.impute()));
            y = concat(y, TableColumns.targets(test, target));
        }
        if (fill != null) {
            TableColumns.fill(x, fill);
        }
        RegressionData data = new RegressionData(baseName(options.file()), x, y, selection.featureNames(),
                selection.targetName());
        if (options.testFile() == null && !options.noTest() && trainCount < 2) {
            throw new RisbnnException(train.source() + ": " + trainCount + " data row(s); a random test split needs"
                    + " at least 2 (or give --test FILE / --no-test)");
        }
        return new TableSource(options, data, trainCount, fill);
    }

    /**
     * The options this source was opened with (recorded by a run, to reopen the same data).
     *
     * @return the options
     */
    public TableOptions options() {
        return options;
    }

    /**
     * The fill value of each feature for missing cells, or null when missing cells are refused.
     *
     * @return a copy of the fill values, or null
     */
    public double[] fillValues() {
        return fillValues == null ? null : fillValues.clone();
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public RegressionData data() {
        return data;
    }

    @Override
    public int splitCount() {
        return RandomSplitSource.DEFAULT_SPLITS;
    }

    @Override
    public TrainTestSplit split(int i, long seed) {
        if (i < 0 || i >= splitCount()) {
            throw new RisbnnException("split " + i + " out of range: " + name() + " has " + splitCount()
                    + " splits (0.." + (splitCount() - 1) + ")");
        }
        if (options.testFile() != null) {
            return new TrainTestSplit(i, range(0, trainRows), range(trainRows, data.rows()));
        }
        if (options.noTest()) {
            return new TrainTestSplit(i, range(0, trainRows), new int[0]);
        }
        return TrainTestSplit.random(trainRows, options.testFractionOrDefault(), seed, i);
    }

    @Override
    public Integer hiddenUnitsHint() {
        return null;
    }

    @Override
    public Integer epochsHint() {
        return null;
    }

    @Override
    public String toString() {
        String test = options.testFile() != null ? "test file " + options.testFile()
                : options.noTest() ? "no test rows" : "random " + options.testFractionOrDefault() + " test splits";
        return data + ", " + test;
    }

    private static DelimitedTable checked(DelimitedTable table) {
        if (table.headerIsData()) {
            throw new RisbnnException(table.source() + " line " + table.headerLine() + ": looks like data, not a header"
                    + " (csv: files need a header row of column names; use table:FILE for a headerless numeric table)");
        }
        if (table.size() == 0) {
            throw new RisbnnException(table.source() + ": a header row but no data rows");
        }
        return table;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String baseName(String file) {
        Path name = Path.of(file).getFileName();
        String text = name == null ? file : name.toString();
        int dot = text.lastIndexOf('.');
        return dot > 0 ? text.substring(0, dot) : text;
    }
}
