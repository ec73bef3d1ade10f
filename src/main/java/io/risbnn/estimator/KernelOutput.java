package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * An uninitialised float32 engine array that a fused kernel writes into through a view of its memory.
 * Writing into a Java direct buffer and copying it into the engine cost a zeroing, two copies and, worse,
 * memory that is only returned when the JVM collects the buffer object: with a small Java heap that is
 * rarely, so every layer of every step faulted in fresh pages (the kernel's page clearing was 14 % of an
 * {@code analytic} ResNet-20 step).
 */
record KernelOutput(NDArray array, FloatBuffer floats) {
    /** A new [shape] float32 array in {@code manager} (CPU) and the view to fill it through. */
    static KernelOutput allocate(NDManager manager, Shape shape) {
        NDArray array = manager.create(shape, DataType.FLOAT32);
        ByteBuffer view = array.toByteBuffer(true);
        if (!view.isDirect() || view.isReadOnly() || view.capacity() != 4 * array.size()) {
            array.close();
            throw new IllegalStateException("the engine gave no writable view of a new " + shape + " array");
        }
        return new KernelOutput(array, view.order(ByteOrder.nativeOrder()).asFloatBuffer());
    }
}
