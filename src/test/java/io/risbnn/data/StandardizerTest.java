package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardizerTest {
    private static final double EPS = 1e-12;

    @Test
    void featureStatisticsComeFromTrainingRowsOnly() {
        double[][] x = {{1, 10}, {3, 10}, {5, 10}, {100, -7}};
        double[] y = {2, 4, 6, 1000};
        RegressionData data = new RegressionData("toy", x, y);
        int[] train = {0, 1, 2};

        FeatureStandardizer fs = FeatureStandardizer.fit(data, train);
        assertArrayEquals(new double[] {3, 10}, fs.means(), EPS);
        // population std of {1,3,5} is sqrt(8/3); column 2 is constant on the training rows
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, fs.stds(), EPS);
        double[][] test = fs.transform(data.subset(new int[] {3}).features());
        assertArrayEquals(new double[] {97 / Math.sqrt(8.0 / 3), -17}, test[0], EPS);

        TargetStandardizer ts = TargetStandardizer.fit(data, train);
        assertEquals(4, ts.mean(), EPS);
        assertEquals(Math.sqrt(8.0 / 3), ts.std(), EPS);
        assertEquals(996 / Math.sqrt(8.0 / 3), ts.transform(1000), EPS);
    }

    @Test
    void transformedTrainingColumnsHaveZeroMeanUnitStd() {
        double[][] x = {{1, -2}, {2, 0}, {4, 7}, {8, 1}, {16, 3}};
        double[][] z = FeatureStandardizer.fit(x).transform(x);
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            double sq = 0;
            for (double[] row : z) {
                mean += row[c] / z.length;
            }
            for (double[] row : z) {
                sq += (row[c] - mean) * (row[c] - mean) / z.length;
            }
            assertEquals(0, mean, EPS);
            assertEquals(1, sq, EPS);
        }
    }

    @Test
    void inverseRoundTrips() {
        double[][] x = {{1.5, -2e3, 7}, {2.25, 0, 7.5}, {-4, 1e3, 8}};
        FeatureStandardizer fs = FeatureStandardizer.fit(x);
        double[][] back = fs.inverse(fs.transform(x));
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(x[r], back[r], 1e-9);
        }
        double[] y = {3.3, -1.1, 8.8, 0};
        TargetStandardizer ts = TargetStandardizer.fit(y);
        assertArrayEquals(y, ts.inverse(ts.transform(y)), 1e-12);
        assertEquals(5.0, ts.inverse(ts.transform(5.0)), 1e-12);
    }

    @Test
    void constantColumnGetsUnitStd() {
        // 0.1 is not exact in binary: the mean may differ from 0.1 in the last bit, std must still be 1
        double[][] x = {{0.1, 1}, {0.1, 2}, {0.1, 3}};
        FeatureStandardizer fs = FeatureStandardizer.fit(x);
        assertEquals(1.0, fs.stds()[0]);
        assertEquals(0.1, fs.means()[0]);
        for (double[] row : fs.transform(x)) {
            assertEquals(0.0, row[0]);
        }
        TargetStandardizer ts = TargetStandardizer.fit(new double[] {0.3, 0.3});
        assertEquals(0.3, ts.mean());
        assertEquals(1.0, ts.std());
    }

    @Test
    void restoredStatisticsAreValidated() {
        TargetStandardizer ts = TargetStandardizer.of(2, 4);
        assertEquals(0.5, ts.transform(4), EPS);
        assertThrows(IllegalArgumentException.class, () -> TargetStandardizer.of(0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureStandardizer.of(new double[] {0}, new double[] {Double.NaN}));
        FeatureStandardizer fs = FeatureStandardizer.of(new double[] {1, 2}, new double[] {2, 4});
        assertArrayEquals(new double[] {0.5, 0.5}, fs.transform(new double[][] {{2, 4}})[0], EPS);
        assertThrows(IllegalArgumentException.class, () -> fs.transform(new double[][] {{1}}));
    }
}
