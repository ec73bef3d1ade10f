package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.data.DataSpec;
import io.risbnn.data.Imputation;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TableOptions;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The --data option of the training commands, and the options of a headered table (csv:FILE). */
final class DataOption {
    @Option(names = "--data", defaultValue = DataSpec.DEFAULT_REGRESSION,
            description = "concrete (shipped), uci:DIR, table:FILE (numeric, no header, target last) or csv:FILE "
                    + "(header row; ',' ';' tab or space separated; see --target, --features, --test); images: fashion-mnist, "
                    + "mnist:DIR, fashion-mnist:DIR, cifar10:DIR, cifar100:DIR or imagefolder:DIR. Default: ${DEFAULT-VALUE}")
    String spec;

    @Option(names = "--target", paramLabel = "NAME|INDEX",
            description = "csv: the target column, by name or 1-based position. Default: the last column")
    String target;

    @Option(names = "--features", paramLabel = "COLS", split = ",",
            description = "csv: the feature columns, comma-separated names, 1-based positions or ranges of them (2-9). Default: every column but the target")
    List<String> features;

    @Option(names = "--test", paramLabel = "FILE",
            description = "csv: a separate test table with the same columns, instead of random test splits.")
    String testFile;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "csv: share of rows drawn at random (per split) as test rows. Default: 0.1")
    Double testFraction;

    @Option(names = "--no-test", description = "csv: train on every row; no test metrics (predict on new data afterwards).")
    boolean noTest;

    @Option(names = "--impute", paramLabel = "HOW",
            description = "csv: missing feature cells (empty, NA, N/A, NaN, null, ?): none (refuse them with their line), "
                    + "mean or median of the column's observed cells in the --data file. Default: none")
    String impute;

    /** Whether any csv-only option was given. */
    private boolean tableOptionsGiven() {
        return target != null || features != null || testFile != null || testFraction != null || noTest || impute != null;
    }

    /** The spec with absolute paths, as recorded by a run (so the run works from any working directory). */
    String canonicalSpec() {
        return DataSpec.canonical(spec);
    }

    /** The csv options (with absolute paths), or null when --data is not a csv table. */
    TableOptions tableOptions() {
        boolean csv = spec != null && spec.startsWith("csv:");
        if (!csv) {
            if (tableOptionsGiven()) {
                throw new RisbnnException(firstTableOption() + ": only for --data csv:FILE (a table with a header row)");
            }
            return null;
        }
        if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
            throw new RisbnnException("--test-fraction " + testFraction + ": expected a number strictly between 0 and 1");
        }
        int testChoices = (testFile != null ? 1 : 0) + (testFraction != null ? 1 : 0) + (noTest ? 1 : 0);
        if (testChoices > 1) {
            throw new RisbnnException("--test, --test-fraction and --no-test: give at most one (they choose the test rows)");
        }
        Imputation imputation = impute == null ? Imputation.NONE : Imputation.parse(impute);
        String file = DataSpec.absolute(spec.substring("csv:".length()));
        return new TableOptions(file, target, features, testFile == null ? null : DataSpec.absolute(testFile),
                testFraction, noTest, imputation);
    }

    /** The regression source of --data and the csv options. */
    RegressionSource regressionSource() {
        return DataSpec.parseRegression(spec, tableOptions());
    }

    private String firstTableOption() {
        for (var entry : Arrays.asList(
                new Object[] {"--target", target}, new Object[] {"--features", features}, new Object[] {"--test", testFile},
                new Object[] {"--test-fraction", testFraction}, new Object[] {"--impute", impute})) {
            if (entry[1] != null) {
                return (String) entry[0];
            }
        }
        return "--no-test";
    }
}
