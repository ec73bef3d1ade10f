package io.risbnn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void parsesCpuGpuAndGpuN() {
        assertEquals(Device.cpu(), Devices.parse("--device", "cpu"));
        assertEquals(Device.gpu(0), Devices.parse("--device", "gpu"));
        assertEquals(Device.gpu(1), Devices.parse("--device", "gpu:1"));
        assertEquals(Device.gpu(0), Devices.parse("--device", " GPU:0 "));
        assertEquals("gpu:1", Devices.spec(Devices.parse("--device", "gpu:1")));
        assertEquals("cpu", Devices.spec(Devices.parse("--device", "CPU")));
    }

    @Test
    void badSpecsNameTheParameterAndTheAcceptedForms() {
        for (String bad : new String[] {"", "cuda", "gpu:", "gpu:-1", "gpu:x", "cpu:0", "gpu(0)", "gpu:1:2"}) {
            RisbnnException e = assertThrows(RisbnnException.class, () -> Devices.parse("device", bad), bad);
            assertTrue(e.getMessage().startsWith("device " + bad + ": expected cpu, gpu or gpu:N"), e.getMessage());
        }
        assertThrows(RisbnnException.class, () -> Devices.parse("device", null));
    }

    @Test
    void saysWhyAGpuIsNotUsable() {
        assertNull(Devices.unusableReason(Device.cpu(), false, 0));
        assertTrue(Devices.unusableReason(Device.gpu(), false, 0).contains("CPU build"));
        assertTrue(Devices.unusableReason(Device.gpu(), true, 0).contains("no GPU is visible"));
        assertEquals("no such GPU: 2 GPUs are visible (gpu:0 to gpu:1)", Devices.unusableReason(Device.gpu(2), true, 2));
        assertEquals("no such GPU: 1 GPU is visible (gpu:0)", Devices.unusableReason(Device.gpu(1), true, 1));
        assertNull(Devices.unusableReason(Device.gpu(1), true, 2));
    }

    @Test
    void theCpuIsAlwaysUsableAndAGpuOnlyWhenTheEngineSeesOne() {
        assertEquals(Device.cpu(), Devices.select("--device", "cpu"));
        if (Engine.getInstance().getGpuCount() == 0) {
            RisbnnException e = assertThrows(RisbnnException.class, () -> Devices.select("--device", "gpu"));
            assertTrue(e.getMessage().startsWith("--device gpu:0: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void managersOpenOnTheCurrentDevice() {
        Device before = Devices.current();
        try {
            Devices.use(Device.cpu());
            try (NDManager manager = Devices.newBaseManager()) {
                assertEquals(Device.cpu(), manager.getDevice());
                assertEquals(Device.cpu(), manager.zeros(new ai.djl.ndarray.types.Shape(2)).getDevice());
            }
        } finally {
            Devices.use(before);
        }
    }
}
