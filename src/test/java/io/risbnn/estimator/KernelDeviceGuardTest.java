package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The fused CPU kernels serve float32 CPU arrays only: an array on a GPU takes the tensor-op path. */
class KernelDeviceGuardTest {
    /** An array that reports a GPU device (no GPU needed: the guards read only the device and type). */
    private static NDArray onGpu() {
        return (NDArray) Proxy.newProxyInstance(NDArray.class.getClassLoader(), new Class<?>[] {NDArray.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getDevice" -> Device.gpu();
                    case "getDataType" -> DataType.FLOAT32;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void kernelsRefuseGpuArraysAndServeCpuFloat32() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray cpu = manager.ones(new Shape(3));
            assertTrue(RisKernel.applies(cpu, cpu));
            assertTrue(ReluKernel.applies(cpu, cpu));
            NDArray gpu = onGpu();
            assertFalse(RisKernel.applies(cpu, gpu));
            assertFalse(RisKernel.applies(gpu, cpu));
            assertFalse(ReluKernel.applies(gpu, cpu));
            assertFalse(ReluKernel.applies(cpu, gpu));
        }
    }
}
