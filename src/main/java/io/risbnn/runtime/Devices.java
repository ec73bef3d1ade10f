package io.risbnn.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compute device a run uses: parsing of {@code cpu}, {@code gpu} and {@code gpu:N}, the check that
 * the loaded PyTorch natives can use it, and the process's current device, on which the experiment
 * runners open their base managers (so every model, batch and scratch array of a run lives on it).
 *
 * <p>The current device is process-wide because a run is one per JVM (the engine's random generator
 * is global too); it is CPU unless set, never DJL's own default (which is the first GPU whenever CUDA
 * natives are loaded), so a run does not move device because of what happens to be installed.
 * Child runs inherit it through {@link #ENVIRONMENT}.
 */
public final class Devices {
    /** Environment variable a child run (and a user) may set to choose the device when no option does. */
    public static final String ENVIRONMENT = "RISBNN_DEVICE";

    private static final Pattern SPEC = Pattern.compile("(cpu|gpu)(?::(\\d{1,4}))?");

    private static volatile Device current = Device.cpu();

    private Devices() {}

    /**
     * Parses a device spec.
     *
     * @param parameter the option or parameter name the error message names (e.g. {@code --device})
     * @param value {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N} (case-insensitive)
     * @return the device
     * @throws RisbnnException naming {@code parameter} and the accepted forms when {@code value} is none of them
     */
    public static Device parse(String parameter, String value) {
        Matcher m = SPEC.matcher(value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || ("cpu".equals(m.group(1)) && m.group(2) != null)) {
            throw new RisbnnException(parameter + " " + value + ": expected cpu, gpu or gpu:N (N = 0, 1, ...)");
        }
        return "cpu".equals(m.group(1)) ? Device.cpu() : Device.gpu(m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /**
     * The device, if the loaded engine can run on it.
     *
     * @param parameter the option or parameter name the error message names
     * @param device a parsed device
     * @return {@code device}
     * @throws RisbnnException saying why a GPU is not usable: CPU-only natives, no visible GPU, or no GPU of that index
     */
    public static Device requireUsable(String parameter, Device device) {
        if (!device.isGpu()) {
            return device;
        }
        Engine engine = Engine.getInstance();
        boolean cuda = engine.hasCapability("CUDA");
        String reason = unusableReason(device, cuda, cuda ? engine.getGpuCount() : 0);
        if (reason != null) {
            throw new RisbnnException(parameter + " " + spec(device) + ": " + reason);
        }
        return device;
    }

    /**
     * Why {@code device} cannot be used with these natives and GPUs, or null if it can.
     *
     * @param device the device asked for
     * @param cudaNatives whether the loaded PyTorch natives were built with CUDA
     * @param gpuCount GPUs the natives see
     * @return a reason for a one-line message, or null
     */
    static String unusableReason(Device device, boolean cudaNatives, int gpuCount) {
        if (!device.isGpu()) {
            return null;
        }
        if (!cudaNatives) {
            return "the loaded PyTorch natives are the CPU build; a GPU needs the CUDA 12.8 libtorch 2.7.1 "
                    + "(PYTORCH_LIBRARY_PATH, or DJL's download of the cu128 flavour: see README, Devices)";
        }
        if (gpuCount == 0) {
            return "the CUDA natives are loaded but no GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
        }
        if (device.getDeviceId() >= gpuCount) {
            return "no such GPU: " + gpuCount + (gpuCount == 1 ? " GPU is" : " GPUs are") + " visible (gpu:0"
                    + (gpuCount > 1 ? " to gpu:" + (gpuCount - 1) : "") + ")";
        }
        return null;
    }

    /**
     * Parses and checks a device spec in one step.
     *
     * @param parameter the option or parameter name error messages name
     * @param value the spec ({@link #parse})
     * @return a usable device
     */
    public static Device select(String parameter, String value) {
        return requireUsable(parameter, parse(parameter, value));
    }

    /**
     * The spec of a device in this class's syntax, as a run records it.
     *
     * @param device a DJL device
     * @return {@code cpu} or {@code gpu:N}
     */
    public static String spec(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    /** @return the device the process's runs use (CPU unless {@link #use} chose another) */
    public static Device current() {
        return current;
    }

    /**
     * Makes {@code device} the process's device for the managers opened after this call.
     *
     * @param device a device {@link #requireUsable} accepted
     */
    public static void use(Device device) {
        current = device;
    }

    /** @return a new base manager on the {@link #current} device */
    public static NDManager newBaseManager() {
        return NDManager.newBaseManager(current);
    }
}
