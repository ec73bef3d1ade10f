package io.risbnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes DJL run offline: the PyTorch natives come from the Maven Central jars on the classpath and are
 * unpacked once into a user cache ($HOME/.cache/risbnn/djl unless ENGINE_CACHE_DIR/DJL_CACHE_DIR is set);
 * nothing is downloaded at run time. Also sets the engine's intra-op threads: RISBNN_THREADS, else 1;
 * commands raise it to all cores for image models (see RuntimeOptions). The regression MLPs are too
 * small to gain from intra-op threads: two threads made a Concrete run 3-4× slower on a busy machine
 * (measured). bin/risbnn and child runs also set MKL_CBWR=AUTO,STRICT as a reproducibility precaution.
 */
public final class EngineSetup {
    /**
     * glibc malloc settings for processes that run the engine (bin/risbnn, child runs and the test JVM
     * set them; glibc reads them at process start only). By default glibc returns every large tensor's
     * memory to the kernel when it is freed, and the JVM's main thread allocates from a secondary arena
     * whose heaps are capped at 64 MB, so every step page-faults and zeroes gigabytes afresh. One
     * growable arena that never unmaps (mmap_max=0) or trims keeps freed tensor memory for reuse: a
     * ResNet-20 lrt or ris step at M = 10 took about 40 % less time, at 0.2–0.8 GiB more peak RSS
     * (measured; see README, Performance).
     */
    public static final String MALLOC_TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736";

    private EngineSetup() {}

    /**
     * Sets up DJL for this process before the engine first loads: offline mode, the natives' cache folder (unless
     * ENGINE_CACHE_DIR or DJL_CACHE_DIR is set), headless AWT for the plots, and the intra-op threads from
     * RISBNN_THREADS (else 1).
     */
    public static void configure() {
        System.setProperty("ai.djl.offline", "true");
        if (setting("ENGINE_CACHE_DIR") == null && setting("DJL_CACHE_DIR") == null) {
            String cache = defaultCache().toString();
            System.setProperty("DJL_CACHE_DIR", cache);
            System.setProperty("ENGINE_CACHE_DIR", cache);
        }
        System.setProperty("java.awt.headless", "true");
        String env = System.getenv("RISBNN_THREADS");
        setThreads(env != null && env.matches("\\d+") ? Integer.parseInt(env) : 1);
    }

    /** ~/.cache/risbnn/djl, where ~ is $HOME as every Unix tool reads it (the JVM's user.home ignores it). */
    static Path defaultCache() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "risbnn", "djl");
    }

    /**
     * The one line to print when the engine failed to load because its native cache cannot be written
     * (DJL's own error names neither the folder nor the way to move it), or null if that is not the cause.
     */
    static String cacheProblem(Throwable failure) {
        if (!engineLoadFailure(failure)) {
            return null;
        }
        // DJL unpacks the natives into ENGINE_CACHE_DIR, else DJL_CACHE_DIR; name the one the user would change
        String variable = System.getenv("ENGINE_CACHE_DIR") != null ? "ENGINE_CACHE_DIR" : "DJL_CACHE_DIR";
        String folder = setting("ENGINE_CACHE_DIR") != null ? setting("ENGINE_CACHE_DIR") : setting("DJL_CACHE_DIR");
        Path cache = folder != null ? Path.of(folder) : defaultCache();
        try {
            Files.createDirectories(cache);
            Files.delete(Files.createTempFile(cache, ".risbnn-write-check", ""));
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot create the engine cache " + cache + " (set " + variable + " to a writable folder)";
        }
    }

    private static boolean engineLoadFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ai.djl.engine.EngineException || c instanceof LinkageError) {
                return true;
            }
        }
        return false;
    }

    /** A system property, else the environment variable of that name (DJL reads both). */
    private static String setting(String name) {
        String p = System.getProperty(name);
        return p != null ? p : System.getenv(name);
    }

    /**
     * Sets PyTorch's intra-op threads (inter-op stays 1); must run before the engine first loads, later calls have
     * no effect on a loaded engine.
     *
     * @param threads the intra-op threads; values below 1 count as 1
     */
    public static void setThreads(int threads) {
        int n = Math.max(1, threads);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
