package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the text cells of a {@link DelimitedTable} into numbers: selects the target and feature
 * columns by name or 1-based position, parses them strictly (plain decimals; a cell that is not a
 * number names its line, column and column name) and treats missing cells by an {@link Imputation}.
 */
public final class TableColumns {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private TableColumns() {}

    /** The chosen columns, as 0-based indices into the table, and their names. */
    public record Selection(int target, int[] features, List<String> featureNames, String targetName) {}

    /**
     * The target and feature columns of a table.
     *
     * @param table the table
     * @param target a column name or 1-based position; null: the last column
     * @param features names or positions; null: every column but the target
     * @return the selected columns
     * @throws RisbnnException if a column cannot be resolved, a feature is the target or repeats, or the table has one column
     */
    public static Selection select(DelimitedTable table, String target, List<String> features) {
        int targetColumn = target == null ? table.columns() - 1 : resolve(table, target, "--target");
        if (table.columns() < 2) {
            throw new RisbnnException(table.source() + ": 1 column (expected at least 2: features and a target)");
        }
        List<Integer> columns = new ArrayList<>();
        if (features == null) {
            for (int c = 0; c < table.columns(); c++) {
                if (c != targetColumn) {
                    columns.add(c);
                }
            }
        } else {
            if (features.isEmpty()) {
                throw new RisbnnException("--features: empty (expected column names or 1-based positions, comma-separated)");
            }
            for (String f : expandRanges(table, features)) {
                int c = resolve(table, f, "--features");
                if (c == targetColumn) {
                    throw new RisbnnException("--features " + TextFiles.quote(f) + ": is the target column "
                            + TextFiles.quote(table.header().get(c)) + " (a feature cannot be the target)");
                }
                if (columns.contains(c)) {
                    throw new RisbnnException("--features " + TextFiles.quote(f) + ": column "
                            + TextFiles.quote(table.header().get(c)) + " is listed twice");
                }
                columns.add(c);
            }
        }
        int[] indices = columns.stream().mapToInt(Integer::intValue).toArray();
        List<String> names = columns.stream().map(table.header()::get).toList();
        return new Selection(targetColumn, indices, names, table.header().get(targetColumn));
    }

    /** Positions {@code A-B} (1-based, inclusive) become A, A+1, …, B, unless a column is called that. */
    private static List<String> expandRanges(DelimitedTable table, List<String> specs) {
        List<String> out = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.strip();
            java.util.regex.Matcher m = Pattern.compile("(\\d{1,9})-(\\d{1,9})").matcher(s);
            if (table.indexOf(s) < 0 && m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = Integer.parseInt(m.group(2));
                if (from > to) {
                    throw new RisbnnException("--features " + s + ": empty range (expected A-B with A <= B)");
                }
                for (int p = from; p <= to; p++) {
                    out.add(Integer.toString(p));
                }
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The columns named {@code names}, in that order (how predict finds a run's features in new data).
     *
     * @param table the table
     * @param names the column names wanted
     * @param what how messages name the columns
     * @return their 0-based indices
     * @throws RisbnnException if a name is absent (naming every absent one)
     */
    public static int[] byName(DelimitedTable table, List<String> names, String what) {
        int[] out = new int[names.size()];
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out[i] = table.indexOf(names.get(i));
            if (out[i] < 0) {
                absent.add(names.get(i));
            }
        }
        if (!absent.isEmpty()) {
            throw new RisbnnException(table.source() + ": no column " + String.join(", ", absent.stream()
                    .map(TextFiles::quote).toList()) + " (" + what + " needs " + String.join(",", names)
                    + "; the file has " + String.join(",", table.header()) + ")");
        }
        return out;
    }

    /** A name, else a 1-based position (a column literally called "3" wins over position 3). */
    static int resolve(DelimitedTable table, String spec, String option) {
        String s = spec.strip();
        int byName = table.indexOf(s);
        if (byName >= 0) {
            return byName;
        }
        if (s.matches("\\d{1,9}")) {
            int position = Integer.parseInt(s);
            if (position >= 1 && position <= table.columns()) {
                return position - 1;
            }
            throw new RisbnnException(option + " " + s + ": position out of range (the table has " + table.columns()
                    + " columns: 1.." + table.columns() + ")");
        }
        throw new RisbnnException(option + " " + TextFiles.quote(s) + ": no such column in " + table.source()
                + " (columns: " + String.join(",", table.header()) + ")");
    }

    /**
     * Whether a cell is a plain decimal number.
     *
     * @param cell the cell's text
     * @return true for a finite decimal number (surrounding blanks allowed)
     */
    public static boolean isNumber(String cell) {
        return DECIMAL.matcher(cell.strip()).matches() && Double.isFinite(Double.parseDouble(cell.strip()));
    }

    /**
     * The target column: every cell must be a number (a row without a target cannot be trained on).
     *
     * @param table the table
     * @param column the 0-based target column
     * @return one target per row
     * @throws RisbnnException naming the line of a cell that is not a number
     */
    public static double[] targets(DelimitedTable table, int column) {
        double[] out = new double[table.size()];
        for (int r = 0; r < out.length; r++) {
            String cell = table.rows().get(r)[column];
            if (Imputation.isMissing(cell)) {
                throw new RisbnnException(where(table, r, column) + ": missing target " + TextFiles.quote(cell)
                        + " (every row needs a target; remove the row)");
            }
            out[r] = number(table, r, column);
        }
        return out;
    }

    /**
     * Feature columns, rows × columns, missing cells as NaN (to be filled by {@link #fill}) when
     * {@code impute} allows it, else refused with their line and column.
     *
     * @param table the table
     * @param columns the 0-based feature columns
     * @param impute what to do with missing cells
     * @return the features [rows][columns]
     * @throws RisbnnException for a cell that is not a number, or a missing one under {@link Imputation#NONE}
     */
    public static double[][] features(DelimitedTable table, int[] columns, Imputation impute) {
        double[][] out = new double[table.size()][columns.length];
        for (int r = 0; r < out.length; r++) {
            for (int f = 0; f < columns.length; f++) {
                String cell = table.rows().get(r)[columns[f]];
                if (Imputation.isMissing(cell)) {
                    if (impute == Imputation.NONE) {
                        throw new RisbnnException(where(table, r, columns[f]) + ": missing value " + TextFiles.quote(cell)
                                + " (expected a number; fill missing cells with --impute mean|median)");
                    }
                    out[r][f] = Double.NaN;
                } else {
                    out[r][f] = number(table, r, columns[f]);
                }
            }
        }
        return out;
    }

    /**
     * Fill values per column from the observed cells of {@code rows} (NaN marks a missing cell).
     *
     * @param rows the training rows, NaN for missing cells
     * @param impute mean or median
     * @param names the columns' names, for messages
     * @param source how messages name the table
     * @return one fill value per column
     */
    public static double[] fillValues(double[][] rows, Imputation impute, List<String> names, String source) {
        int width = names.size();
        double[] fill = new double[width];
        for (int f = 0; f < width; f++) {
            double[] column = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][f];
            }
            fill[f] = impute.fillValue(column);
            if (Double.isNaN(fill[f])) {
                throw new RisbnnException(source + ": column " + TextFiles.quote(names.get(f))
                        + " has no values at all (nothing to impute from; leave it out of --features)");
            }
        }
        return fill;
    }

    /**
     * Replaces NaN cells by the column's fill value, in place.
     *
     * @param rows the rows to fill
     * @param fill one value per column
     */
    public static void fill(double[][] rows, double[] fill) {
        for (double[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                if (Double.isNaN(row[f])) {
                    row[f] = fill[f];
                }
            }
        }
    }

    private static double number(DelimitedTable table, int row, int column) {
        String cell = table.rows().get(row)[column].strip();
        if (!DECIMAL.matcher(cell).matches()) {
            String hint = cell.matches("[+-]?\\d+,\\d+") ? " (decimal commas are not read: write 3.5, not 3,5)"
                    : " (a text column cannot be a feature or the target; choose numeric columns with --features/--target)";
            throw new RisbnnException(where(table, row, column) + ": " + TextFiles.quote(cell) + " is not a number" + hint);
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw new RisbnnException(where(table, row, column) + ": " + TextFiles.quote(cell)
                    + " is out of the range of a double (expected a finite number)");
        }
        return value;
    }

    private static String where(DelimitedTable table, int row, int column) {
        return table.source() + " line " + table.lines()[row] + " column " + (column + 1) + " ("
                + TextFiles.quote(table.header().get(column)) + ")";
    }
}
