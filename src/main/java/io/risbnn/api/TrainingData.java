package io.risbnn.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import io.risbnn.RisbnnException;
import io.risbnn.data.RegressionData;
import java.util.List;

/**
 * Training examples as the facade takes them, gathered into rows of values (row-major over the example
 * shape) and one target per row, with the names of the columns when the source has them.
 */
record TrainingData(double[][] x, double[] y, Shape exampleShape, List<String> featureNames, String targetName) {
    static TrainingData of(double[][] x, double[] y) {
        if (x == null || y == null) {
            throw new RisbnnException("data: features and targets must not be null");
        }
        if (x.length == 0) {
            throw new RisbnnException("data: no training rows");
        }
        if (x.length != y.length) {
            throw new RisbnnException("data: " + x.length + " feature rows but " + y.length + " targets");
        }
        int width = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != width || width == 0) {
                throw new RisbnnException("data: row " + i + " has " + x[i].length + " features, row 0 has " + width);
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new RisbnnException("data: feature " + j + " of row " + i + " is " + x[i][j] + " (expected a finite number)");
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new RisbnnException("data: target of row " + i + " is " + y[i] + " (expected a finite number)");
            }
        }
        return new TrainingData(x, y, new Shape(width), null, null);
    }

    /** The project's loaders: {@code DataSpec.parseRegression("concrete").data()}, a csv table, … */
    static TrainingData of(RegressionData data) {
        TrainingData d = of(data.features(), data.targets());
        return new TrainingData(d.x, d.y, d.exampleShape, data.featureNames(), data.targetName());
    }

    /** Features [N, …] (any example shape) and targets [N] (or [N, 1]). */
    static TrainingData of(NDArray features, NDArray targets) {
        Shape shape = features.getShape();
        if (shape.dimension() < 2) {
            throw new RisbnnException("data: features must be [N, …example shape], got shape " + shape);
        }
        if (targets.size() != shape.get(0)) {
            throw new RisbnnException("data: " + shape.get(0) + " examples but " + targets.size() + " targets");
        }
        Shape example = shape.slice(1);
        double[][] x = rows(features.toType(DataType.FLOAT64, false).toDoubleArray(), Math.toIntExact(shape.get(0)),
                Math.toIntExact(example.size()));
        TrainingData d = of(x, targets.toType(DataType.FLOAT64, false).toDoubleArray());
        return new TrainingData(d.x, d.y, example, null, null);
    }

    /** Every record of a DJL dataset: one data array (the example) and one label (a number) each. */
    static TrainingData of(RandomAccessDataset dataset) {
        try {
            dataset.prepare();
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new RisbnnException("data: cannot prepare the dataset (" + e.getMessage() + ")");
        }
        long size = dataset.size();
        if (size == 0) {
            throw new RisbnnException("data: the dataset is empty");
        }
        try (NDManager scratch = NDManager.newBaseManager()) {
            double[][] x = new double[Math.toIntExact(size)][];
            double[] y = new double[x.length];
            Shape example = null;
            for (int i = 0; i < x.length; i++) {
                Record record = dataset.get(scratch, i);
                NDList data = record.getData();
                NDList labels = record.getLabels();
                if (data.size() != 1 || labels.size() != 1 || labels.head().size() != 1) {
                    throw new RisbnnException("data: record " + i + " has " + data.size() + " data arrays and " + labels.size()
                            + " label arrays; expected one example and one scalar label");
                }
                if (example == null) {
                    example = data.head().getShape();
                } else if (!example.equals(data.head().getShape())) {
                    throw new RisbnnException("data: record " + i + " has shape " + data.head().getShape() + ", record 0 " + example);
                }
                x[i] = data.head().toType(DataType.FLOAT64, false).toDoubleArray();
                y[i] = labels.head().toType(DataType.FLOAT64, false).toDoubleArray()[0];
                data.close();
                labels.close();
            }
            TrainingData d = of(x, y);
            return new TrainingData(d.x, d.y, example.dimension() == 0 ? new Shape(1) : example, null, null);
        } catch (java.io.IOException e) {
            throw new RisbnnException("data: cannot read the dataset (" + e.getMessage() + ")");
        }
    }

    private static double[][] rows(double[] flat, int n, int width) {
        double[][] x = new double[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, x[i], 0, width);
        }
        return x;
    }

    TrainingData named(List<String> features, String target) {
        return new TrainingData(x, y, exampleShape, features != null ? features : featureNames, target != null ? target : targetName);
    }
}
