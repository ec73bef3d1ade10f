package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussHermiteTest {
    private static double expectation(GaussHermite rule, java.util.function.DoubleUnaryOperator g) {
        double sum = 0;
        for (int k = 0; k < rule.size(); k++) {
            sum += rule.weight(k) * g.applyAsDouble(rule.node(k));
        }
        return sum;
    }

    @Test
    void normalMomentsAreExactUpToDegreeTwoNMinusOne() {
        for (int n : new int[] {1, 2, 3, 5, 10, 16, 32, 64}) {
            GaussHermite rule = GaussHermite.standardNormal(n);
            assertEquals(1.0, expectation(rule, t -> 1), 1e-13, "n = " + n);
            assertEquals(0.0, expectation(rule, t -> t), 1e-12, "n = " + n);
            if (n >= 2) {
                assertEquals(1.0, expectation(rule, t -> t * t), 1e-12, "n = " + n);
            }
            if (n >= 3) {
                assertEquals(3.0, expectation(rule, t -> t * t * t * t), 1e-11, "n = " + n);
            }
            if (n >= 4) {
                assertEquals(15.0, expectation(rule, t -> Math.pow(t, 6)), 1e-9, "n = " + n);
            }
        }
    }

    @Test
    void smoothExpectationsConverge() {
        // E e^t = e^{1/2}
        assertEquals(Math.exp(0.5), expectation(GaussHermite.standardNormal(20), Math::exp), 1e-12);
        // a rule that is not exact for degree 2n: n = 2 gets E t⁴ = 1 instead of 3
        assertEquals(1.0, expectation(GaussHermite.standardNormal(2), t -> t * t * t * t), 1e-12);
    }

    @Test
    void nodesAscendAndAreSymmetric() {
        GaussHermite rule = GaussHermite.standardNormal(7);
        for (int k = 1; k < 7; k++) {
            org.junit.jupiter.api.Assertions.assertTrue(rule.node(k) > rule.node(k - 1));
            assertEquals(-rule.node(7 - k), rule.node(k - 1), 1e-13);
        }
        assertEquals(0.0, rule.node(3), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> GaussHermite.standardNormal(0));
    }
}
