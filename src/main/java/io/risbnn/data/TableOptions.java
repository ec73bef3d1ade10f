package io.risbnn.data;

import java.util.List;

/**
 * How a headered table ({@code --data csv:FILE}) becomes a regression data set: the target column
 * (a name, or a 1-based position; null: the last column), the feature columns (names or positions;
 * null: all other columns), the test rows (a separate file with the same columns, a random fraction
 * of the rows, or none) and the treatment of missing cells. Paths are absolute, so a run directory
 * that records these options reads the same files from any working directory.
 *
 * @param file the training table
 * @param testFile a separate test table, or null
 * @param testFraction share of rows drawn at random as test rows when there is no test file (null: 0.1)
 * @param noTest train on every row; there is no test split
 * @param target the target column's name or 1-based position, or null for the last
 * @param features the feature columns' names or positions, or null for all others
 * @param impute what to do with missing feature cells (null: refuse them)
 */
public record TableOptions(String file, String target, List<String> features, String testFile, Double testFraction,
                           boolean noTest, Imputation impute) {
    /**
     * Copies the feature list and defaults the imputation to {@link Imputation#NONE}.
     *
     * @param file the training table
     * @param target the target column, or null
     * @param features the feature columns, or null
     * @param testFile a separate test table, or null
     * @param testFraction the share of random test rows, or null
     * @param noTest train on every row
     * @param impute what to do with missing cells, or null
     */
    public TableOptions {
        features = features == null ? null : List.copyOf(features);
        impute = impute == null ? Imputation.NONE : impute;
    }

    /**
     * The options of a table read with every default (target last, all other columns features).
     *
     * @param file the training table
     * @return the options
     */
    public static TableOptions defaults(String file) {
        return new TableOptions(file, null, null, null, null, false, Imputation.NONE);
    }

    /**
     * The share of random test rows, with the default filled in.
     *
     * @return {@code testFraction}, or 0.1 when null
     */
    public double testFractionOrDefault() {
        return testFraction != null ? testFraction : RandomSplitSource.TEST_FRACTION;
    }
}
