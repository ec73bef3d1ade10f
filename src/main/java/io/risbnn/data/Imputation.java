package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What to do with a missing feature cell (empty, {@code NA}, {@code N/A}, {@code NaN}, {@code null},
 * {@code ?}): refuse it with its line and column (the default, so no value is invented silently), or
 * fill it with the column's mean or median over the training file's observed values. The fill values
 * are stored with the run, so {@code predict} fills new rows the same way. A missing target is always
 * refused: a row without a target cannot be trained on.
 */
public enum Imputation {
    /** Refuse a missing cell (the default). */
    NONE("none"),
    /** Fill with the column's mean over the training file's observed cells. */
    MEAN("mean"),
    /** Fill with the column's median over the training file's observed cells. */
    MEDIAN("median");

    private final String cliName;

    Imputation(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name used by {@code --impute}.
     *
     * @return {@code none}, {@code mean} or {@code median}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * An imputation by CLI name.
     *
     * @param name {@code none}, {@code mean} or {@code median} (exact)
     * @return the imputation
     * @throws RisbnnException naming --impute for an unknown name
     */
    public static Imputation parse(String name) {
        for (Imputation i : values()) {
            if (i.cliName.equals(name)) {
                return i;
            }
        }
        throw new RisbnnException("--impute " + TextFiles.quote(name) + ": expected none, mean or median");
    }

    /**
     * Whether a cell's text stands for a missing value.
     *
     * @param cell the cell's text
     * @return true for an empty cell, {@code NA}, {@code N/A}, {@code NaN}, {@code null} or {@code ?} (any case)
     */
    public static boolean isMissing(String cell) {
        String s = cell.strip().toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.equals("na") || s.equals("n/a") || s.equals("nan") || s.equals("null") || s.equals("?");
    }

    /** The fill value of a column from its observed values (NaN entries are the missing ones). */
    double fillValue(double[] column) {
        double[] observed = Arrays.stream(column).filter(v -> !Double.isNaN(v)).toArray();
        if (observed.length == 0) {
            return Double.NaN;
        }
        if (this == MEDIAN) {
            Arrays.sort(observed);
            int n = observed.length;
            return n % 2 == 1 ? observed[n / 2] : (observed[n / 2 - 1] + observed[n / 2]) / 2;
        }
        double sum = 0;
        for (double v : observed) {
            sum += v;
        }
        return sum / observed.length;
    }
}
