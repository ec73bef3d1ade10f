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
