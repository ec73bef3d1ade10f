package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.nio.file.Path;

/**
 * Parses the {@code --data} option into a data source. Regression grammar:
 *
 * <ul>
 *   <li>{@code concrete} (the default) — the data set shipped in the jar, random seeded 90/10
 *       splits;
 *   <li>{@code uci:DIR} — a folder in the UCI benchmark layout, with its own split files;
 *   <li>{@code table:FILE} — a numeric table (see {@link NumericTable}) whose last column is the
 *       target, random seeded 90/10 splits;
 *   <li>{@code csv:FILE} — a table with a header row, {@code ,} {@code ;} tab or space separated
 *       ({@link DelimitedTable}), read with {@link TableOptions} (target, features, test rows, missing
 *       cells) into a {@link TableSource}.
 * </ul>
 *
 * A leading {@code ~/} in a path stands for the home folder. {@link #canonical} makes every path of a
 * spec absolute, so a run that records it reads the same files from any working directory.
 */
public final class DataSpec {
    /** The spec used when {@code --data} is not given. */
    public static final String DEFAULT_REGRESSION = "concrete";

    // Protocol settings of the UCI benchmark for concrete (n_hidden.txt, n_epochs.txt).
    private static final int CONCRETE_HIDDEN = 50;
    private static final int CONCRETE_EPOCHS = 40;

    private DataSpec() {}

    /**
     * Loads the regression source named by {@code spec} ({@code null} means {@link
     * #DEFAULT_REGRESSION}).
     *
     * @param spec e.g. {@code concrete}, {@code uci:FOLDER}, {@code csv:FILE}; null for the default
     * @return the loaded source
     * @throws RisbnnException for an unknown spec or unreadable/invalid data
     */
    public static RegressionSource parseRegression(String spec) {
        return parseRegression(spec, null);
    }

    /**
     * As {@link #parseRegression(String)}, with the options of a {@code csv:} table ({@code null}: its
     * defaults; the options' own file is ignored in favour of the spec's).
     *
     * @param spec the data spec; null for the default
     * @param table the table options of a {@code csv:} spec, or null
     * @return the loaded source
     * @throws RisbnnException for an unknown spec or unreadable/invalid data
     */
    public static RegressionSource parseRegression(String spec, TableOptions table) {
        if (spec == null) {
            spec = DEFAULT_REGRESSION;
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        switch (kind) {
            case "concrete":
                if (argument == null) {
                    return new RandomSplitSource(
                            ShippedData.concrete(), CONCRETE_HIDDEN, CONCRETE_EPOCHS);
                }
                break;
            case "uci":
                if (argument != null && !argument.isEmpty()) {
                    return UciDataset.load(path(argument));
                }
                break;
            case "table":
                if (argument != null && !argument.isEmpty()) {
                    return table(path(argument));
                }
                break;
            case "csv":
                if (argument != null && !argument.isEmpty()) {
                    String file = path(argument).toAbsolutePath().normalize().toString();
                    TableOptions options = table == null ? TableOptions.defaults(file)
                            : new TableOptions(file, table.target(), table.features(), table.testFile(),
                                    table.testFraction(), table.noTest(), table.impute());
                    return TableSource.open(options);
                }
                break;
            default:
                break;
        }
        throw new RisbnnException("--data " + TextFiles.quote(spec)
                + ": expected concrete, uci:DIR, table:FILE or csv:FILE");
    }

    /**
     * The spec with its path made absolute and normalised ({@code uci:}, {@code table:}, {@code csv:}
     * and the image kinds with a folder); specs without a path are returned as they are.
     *
     * @param spec the data spec; null for the default
     * @return the canonical spec
     */
    public static String canonical(String spec) {
        if (spec == null) {
            return DEFAULT_REGRESSION;
        }
        int colon = spec.indexOf(':');
        if (colon < 0 || colon == spec.length() - 1) {
            return spec;
        }
        String kind = spec.substring(0, colon);
        return kind + ":" + absolute(spec.substring(colon + 1));
    }

    /**
     * An absolute, normalised form of a user path ({@code ~/} expanded).
     *
     * @param text the path as the user wrote it
     * @return the absolute path
     */
    public static String absolute(String text) {
        return path(text).toAbsolutePath().normalize().toString();
    }

    private static RegressionSource table(Path file) {
        double[][] table = NumericTable.read(file);
        int columns = table[0].length;
        if (columns < 2) {
            throw new RisbnnException("data file " + TextFiles.oneLine(file.toString())
                    + ": 1 column (expected at least 2: features, then the target in the last column)");
        }
        int[] features = new int[columns - 1];
        for (int c = 0; c < features.length; c++) {
            features[c] = c;
        }
        RegressionData data = RegressionData.fromColumns(
                baseName(file), table, features, columns - 1);
        return new RandomSplitSource(data, null, null);
    }

    private static Path path(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new RisbnnException("--data path " + TextFiles.quote(text) + ": not a valid path ("
                    + TextFiles.oneLine(e) + ")", e);
        }
    }

    /** File name without its extension, e.g. {@code housing} for {@code /x/housing.csv}. */
    private static String baseName(Path file) {
        Path name = file.toAbsolutePath().normalize().getFileName();
        String text = name == null ? file.toString() : name.toString();
        int dot = text.lastIndexOf('.');
        return dot > 0 ? text.substring(0, dot) : text;
    }
}
