package io.risbnn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class MemoryLayoutTest {
    @Test
    void keepsShapeAndValuesAndPassesGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
            NDArray weights = m.randomNormal(new Shape(2, 3, 4, 5));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = MemoryLayout.channelsLast(x);
                assertEquals(x.getShape(), y.getShape());
                assertArrayEquals(x.toFloatArray(), y.toFloatArray(), 0f);
                gc.backward(y.mul(weights).sum());
            }
            assertArrayEquals(weights.toFloatArray(), x.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void refusesArraysThatAreNotImageBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MemoryLayout.channelsLast(m.zeros(new Shape(2, 3, 4))));
            assertEquals("channels-last needs an [N, C, H, W] array, got shape (2, 3, 4)", e.getMessage());
        }
    }
}
