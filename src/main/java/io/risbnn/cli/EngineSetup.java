package io.risbnn.cli;

import java.nio.file.Path;

/**
 * Makes DJL run offline: the PyTorch natives come from the Maven Central jars on the classpath and are
 * unpacked once into a user cache (~/.cache/risbnn/djl unless ENGINE_CACHE_DIR/DJL_CACHE_DIR is set);
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

    public static void configure() {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null
                && System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            Path cache = Path.of(System.getProperty("user.home"), ".cache", "risbnn", "djl");
            System.setProperty("DJL_CACHE_DIR", cache.toString());
            System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        }
        System.setProperty("java.awt.headless", "true");
        String env = System.getenv("RISBNN_THREADS");
        setThreads(env != null && env.matches("\\d+") ? Integer.parseInt(env) : 1);
    }

    /** Must run before the engine first loads. */
    public static void setThreads(int threads) {
        int n = Math.max(1, threads);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
