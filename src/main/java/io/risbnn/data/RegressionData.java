package io.risbnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable regression data set: a rows × features matrix of inputs and one target per row, all
 * finite doubles, and the names of the columns (from a table's header; {@code x1..xd} and {@code y}
 * when the source has none). Accessors return copies, so callers may modify what they get.
 */
public final class RegressionData {
    private final String name;
    private final double[][] features;
    private final double[] targets;
    private final int featureCount;
    private final List<String> featureNames;
    private final String targetName;

    /**
     * Copies the given arrays. Requires at least one row, at least one feature, a rectangular
     * feature matrix, one target per row and finite values throughout.
     *
     * @throws IllegalArgumentException when these requirements are not met (a programming error:
     *     the loaders of this package validate user files first)
     * @param name a short name for reports
     * @param features the feature matrix [rows][features]
     * @param targets one target per row
     */
    public RegressionData(String name, double[][] features, double[] targets) {
        this(name, features, targets, featureCountOf(features), null, null);
    }

    /**
     * With column names ({@code null}: the defaults {@code x1..xd}, {@code y}).
     *
     * @param name a short name for reports
     * @param features the feature matrix [rows][features]
     * @param targets one target per row
     * @param featureNames one name per feature column, or null
     * @param targetName the target's name, or null
     */
    public RegressionData(String name, double[][] features, double[] targets, List<String> featureNames,
                          String targetName) {
        this(name, features, targets, featureCountOf(features), featureNames, targetName);
    }

    private RegressionData(String name, double[][] features, double[] targets, int featureCount,
                           List<String> featureNames, String targetName) {
        this.name = Objects.requireNonNull(name, "name");
        this.featureNames = featureNames != null ? List.copyOf(featureNames) : defaultNames(featureCount);
        this.targetName = targetName != null ? targetName : "y";
        if (this.featureNames.size() != featureCount) {
            throw new IllegalArgumentException(this.featureNames.size() + " feature names for " + featureCount + " features");
        }
        Objects.requireNonNull(targets, "targets");
        if (features.length != targets.length) {
            throw new IllegalArgumentException(
                    features.length + " feature rows but " + targets.length + " targets");
        }
        this.featureCount = featureCount;
        this.features = new double[features.length][];
        for (int r = 0; r < features.length; r++) {
            double[] row = Objects.requireNonNull(features[r], "feature row");
            if (row.length != featureCount) {
                throw new IllegalArgumentException("feature row " + r + " has " + row.length
                        + " values, expected " + featureCount);
            }
            requireFinite(row, "feature row " + r);
            this.features[r] = row.clone();
        }
        requireFinite(targets, "targets");
        this.targets = targets.clone();
    }

    /**
     * Builds a data set from selected columns of a table (e.g. from {@link NumericTable}).
     *
     * @param name a short name for reports
     * @param table the numeric table [rows][columns]
     * @param featureColumns the 0-based feature columns
     * @param targetColumn the 0-based target column
     * @return the data set
     * @throws IllegalArgumentException if a column index is out of range
     */
    public static RegressionData fromColumns(
            String name, double[][] table, int[] featureColumns, int targetColumn) {
        if (featureColumns.length == 0) {
            throw new IllegalArgumentException("no feature columns");
        }
        double[][] x = new double[table.length][featureColumns.length];
        double[] y = new double[table.length];
        for (int r = 0; r < table.length; r++) {
            double[] row = table[r];
            for (int f = 0; f < featureColumns.length; f++) {
                x[r][f] = row[checkColumn(featureColumns[f], row.length)];
            }
            y[r] = row[checkColumn(targetColumn, row.length)];
        }
        return new RegressionData(name, x, y);
    }

    /**
     * A short name for reports.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * A copy of the feature matrix, rows × {@link #featureCount()}.
     *
     * @return the features
     */
    public double[][] features() {
        double[][] copy = new double[features.length][];
        for (int r = 0; r < features.length; r++) {
            copy[r] = features[r].clone();
        }
        return copy;
    }

    /**
     * A copy of the targets, one per row.
     *
     * @return the targets
     */
    public double[] targets() {
        return targets.clone();
    }

    /**
     * The number of rows.
     *
     * @return the rows
     */
    public int rows() {
        return targets.length;
    }

    /**
     * The number of feature columns.
     *
     * @return the features per row
     */
    public int featureCount() {
        return featureCount;
    }

    /**
     * The given rows, in the given order (rows may repeat; an empty selection gives an empty set).
     *
     * @param rows the row indices
     * @return the selected rows, with the same names
     * @throws IllegalArgumentException if a row index is out of range
     */
    public RegressionData subset(int[] rows) {
        double[][] x = new double[rows.length][];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= targets.length) {
                throw new IllegalArgumentException("row " + r + " out of range: " + name
                        + " has " + targets.length + " rows");
            }
            x[i] = features[r];
            y[i] = targets[r];
        }
        return new RegressionData(name, x, y, featureCount, featureNames, targetName);
    }

    /**
     * The feature columns' names, in column order.
     *
     * @return the names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The target column's name.
     *
     * @return the name ({@code y} by default)
     */
    public String targetName() {
        return targetName;
    }

    /**
     * Names {@code x1..xd}, for sources without a header.
     *
     * @param features d
     * @return the names
     */
    public static List<String> defaultNames(int features) {
        List<String> names = new ArrayList<>(features);
        for (int f = 1; f <= features; f++) {
            names.add("x" + f);
        }
        return names;
    }

    @Override
    public String toString() {
        return name + " (" + rows() + " rows, " + featureCount + " features)";
    }

    private static int featureCountOf(double[][] features) {
        if (features.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        int count = Objects.requireNonNull(features[0], "feature row").length;
        if (count == 0) {
            throw new IllegalArgumentException("no features");
        }
        return count;
    }

    private static int checkColumn(int column, int width) {
        if (column < 0 || column >= width) {
            throw new IllegalArgumentException(
                    "column " + column + " out of range: the table has " + width + " columns");
        }
        return column;
    }

    private static void requireFinite(double[] values, String what) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " holds a non-finite value: " + v);
            }
        }
    }
}
