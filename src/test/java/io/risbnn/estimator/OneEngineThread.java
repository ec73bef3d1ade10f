package io.risbnn.estimator;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one PyTorch intra-op thread and restores the previous count afterwards.
 * These tests issue many small tensor ops; on a loaded 2-core machine two OpenMP threads that wait on
 * each other made them up to ~40× slower (T10 took 317 s instead of ~7 s), and one thread is also the
 * project's reproducible default (cli.EngineSetup).
 */
public final class OneEngineThread implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneEngineThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getInstance();                                  // loads the native library
        context.getStore(NS).put("threads", JniUtils.getNumThreads());
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Integer previous = context.getStore(NS).get("threads", Integer.class);
        if (previous != null) {
            JniUtils.setNumThreads(previous);
        }
    }
}
