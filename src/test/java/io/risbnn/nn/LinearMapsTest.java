package io.risbnn.nn;

import static io.risbnn.nn.NnTesting.conv;
import static io.risbnn.nn.NnTesting.dense;
import static io.risbnn.nn.NnTesting.doubles;
import static io.risbnn.nn.NnTesting.maxAbsDiff;
import static io.risbnn.nn.NnTesting.randomFloats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DenseMap and Conv2dMap: the batched per-group forms equal a loop over groups. */
class LinearMapsTest {
    private static final double TOL = 1e-5;

    private static NDArray random(NDManager m, SplittableRandom r, Shape shape) {
        return m.create(randomFloats(r, (int) shape.size()), shape);
    }

    @Test
    void denseApplyIsXTimesWTransposed() {
        SplittableRandom r = new SplittableRandom(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, r, new Shape(4, 5));
            NDArray w = random(m, r, new Shape(3, 5));
            DenseMap map = new DenseMap();
            NDArray y = map.apply(x, w);
            assertEquals(new Shape(4, 3), y.getShape());
            assertTrue(maxAbsDiff(dense(doubles(x), doubles(w), null, 4, 5, 3), doubles(y)) < TOL);
            assertTrue(map.isDense());
            NDArray b = random(m, r, new Shape(3));
            assertTrue(maxAbsDiff(dense(doubles(x), doubles(w), doubles(b), 4, 5, 3), doubles(map.addBias(y, b))) < TOL);
        }
    }

    @Test
    void denseApplyPerGroupEqualsLoopOfMatMul() {
        int groups = 3;
        int rows = 4;
        SplittableRandom r = new SplittableRandom(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, r, new Shape(groups * rows, 5));
            NDArray kernels = random(m, r, new Shape(groups, 2, 5));
            NDArray biases = random(m, r, new Shape(groups, 2));
            DenseMap map = new DenseMap();
            NDArray y = map.applyPerGroup(x, kernels);
            NDArray yb = map.addBiasPerGroup(y, biases);
            assertEquals(new Shape(groups * rows, 2), y.getShape());
            NDList loop = new NDList();
            NDList loopBias = new NDList();
            for (int g = 0; g < groups; g++) {
                NDArray xg = x.get(new NDIndex(g * rows + ":" + (g + 1) * rows));
                NDArray part = xg.matMul(kernels.get(g).transpose());
                loop.add(part);
                loopBias.add(part.add(biases.get(g)));
            }
            assertTrue(maxAbsDiff(doubles(NDArrays.concat(loop)), doubles(y)) < TOL);
            assertTrue(maxAbsDiff(doubles(NDArrays.concat(loopBias)), doubles(yb)) < TOL);
        }
    }

    @Test
    void convApplyEqualsHandWrittenCrossCorrelation() {
        SplittableRandom r = new SplittableRandom(3);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape xs = new Shape(2, 3, 7, 6);
            Shape ws = new Shape(4, 3, 3, 3);
            NDArray x = random(m, r, xs);
            NDArray w = random(m, r, ws);
            NDArray b = random(m, r, new Shape(4));
            Conv2dMap map = new Conv2dMap(new Shape(2, 2), new Shape(1, 1));
            assertFalse(map.isDense());
            NDArray y = map.apply(x, w);
            // (7 + 2 − 3)/2 + 1 = 4, (6 + 2 − 3)/2 + 1 = 3
            assertEquals(new Shape(2, 4, 4, 3), y.getShape());
            assertTrue(maxAbsDiff(conv(doubles(x), xs, doubles(w), ws, null, 2, 1), doubles(y)) < TOL);
            assertTrue(maxAbsDiff(conv(doubles(x), xs, doubles(w), ws, doubles(b), 2, 1), doubles(map.addBias(y, b))) < TOL);
        }
    }

    @Test
    void convApplyPerGroupEqualsLoopOfSingleConvolutions() {
        int groups = 3;
        int rows = 2;
        SplittableRandom r = new SplittableRandom(4);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape stride = new Shape(2, 2);
            Shape padding = new Shape(1, 1);
            Shape dilation = new Shape(1, 1);
            NDArray x = random(m, r, new Shape(groups * rows, 3, 7, 6));
            NDArray kernels = random(m, r, new Shape(groups, 4, 3, 3, 3));
            NDArray biases = random(m, r, new Shape(groups, 4));
            Conv2dMap map = new Conv2dMap(stride, padding);
            NDArray y = map.applyPerGroup(x, kernels);
            NDArray yb = map.addBiasPerGroup(y, biases);
            assertEquals(new Shape(groups * rows, 4, 4, 3), y.getShape());
            NDList loop = new NDList();
            NDList loopBias = new NDList();
            for (int g = 0; g < groups; g++) {
                NDArray xg = x.get(new NDIndex(g * rows + ":" + (g + 1) * rows));
                NDArray part = Conv2d.conv2d(xg, kernels.get(g), null, stride, padding, dilation, 1).singletonOrThrow();
                loop.add(part);
                loopBias.add(part.add(biases.get(g).reshape(1, 4, 1, 1)));
            }
            double diff = maxAbsDiff(doubles(NDArrays.concat(loop)), doubles(y));
            assertTrue(diff < TOL, "grouped conv differs from the loop by " + diff);
            double diffBias = maxAbsDiff(doubles(NDArrays.concat(loopBias)), doubles(yb));
            assertTrue(diffBias < TOL, "per-group bias differs from the loop by " + diffBias);
        }
    }

    @Test
    void convApplyPerGroupWithOneGroupEqualsApply() {
        SplittableRandom r = new SplittableRandom(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, r, new Shape(3, 2, 5, 5));
            NDArray k = random(m, r, new Shape(1, 3, 2, 3, 3));
            Conv2dMap map = new Conv2dMap(new Shape(1, 1), new Shape(0, 0));
            NDArray grouped = map.applyPerGroup(x, k);
            NDArray single = map.apply(x, k.get(0));
            assertEquals(new Shape(3, 3, 3, 3), grouped.getShape());
            assertTrue(maxAbsDiff(doubles(single), doubles(grouped)) < TOL);
        }
    }
}
