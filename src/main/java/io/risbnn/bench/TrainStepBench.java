package io.risbnn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.Estimators;
import io.risbnn.estimator.RisConfig;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.runtime.Devices;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.ProgressReporter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Speed of real training steps on random data: the model is built as an image run builds it, and
 * {@code warmup + steps} optimiser steps run through {@link BnnTrainer#fit} (the same forward, loss,
 * backward, non-finite checks and Adam update as {@code risbnn train}) over a set of random images
 * of exactly that many batches. A step's time is the wall-clock time between the trainer's successive
 * per-step progress reports, so it covers the whole step (batch gathering, forward, backward, update,
 * freeing the step's memory); the warm-up steps are left out. Also reports the process's peak resident
 * memory (VmHWM, which includes PyTorch's native allocations), the JVM heap in use, and the engine's
 * float32 matrix-multiply speed for scale.
 */
public final class TrainStepBench {
    /** Classes of the random labels. */
    static final int CLASSES = 10;
    /** Side of the square matrices of the matmul probe. */
    public static final int MATMUL_SIZE = 1024;

    /**
     * What to benchmark.
     *
     * @param model an image architecture of {@link ModelSpec#IMAGE_ARCHITECTURES}; lenet and mlp-image
     *     get 1×28×28 images, the ResNets 3×32×32
     * @param objective null: elbo if the estimator supports it (mc-shared, lrt), else moment
     * @param ris the RIS options (used by {@code ris} only)
     */
    public record Options(String model, int batch, String estimator, Objective objective, int samples, int steps,
                          int warmup, long seed, RisConfig ris) {
        /**
         * Validates the options.
         *
         * @param model an image architecture
         * @param batch images per step
         * @param estimator the estimator's name
         * @param objective the objective, or null
         * @param samples M
         * @param steps timed steps
         * @param warmup untimed steps first
         * @param seed the seed of data and training
         * @param ris the RIS options
         * @throws RisbnnException if the model is unknown or a count is out of range
         */
        public Options {
            if (!ModelSpec.IMAGE_ARCHITECTURES.contains(model)) {
                throw new RisbnnException("--model " + model + ": expected one of " + String.join(", ", ModelSpec.IMAGE_ARCHITECTURES));
            }
            if (batch < 1) {
                throw new RisbnnException("--batch " + batch + ": expected an integer >= 1");
            }
            if (samples < 1) {
                throw new RisbnnException("--samples " + samples + ": expected an integer >= 1");
            }
            if (steps < 1) {
                throw new RisbnnException("--steps " + steps + ": expected an integer >= 1");
            }
            if (warmup < 0) {
                throw new RisbnnException("--warmup " + warmup + ": expected an integer >= 0");
            }
            if ((long) batch * (steps + warmup) > Integer.MAX_VALUE / 4096) {
                throw new RisbnnException("--batch " + batch + " with --steps " + steps + " and --warmup " + warmup
                        + ": too many random images to hold (batch × (steps + warmup) must stay below "
                        + Integer.MAX_VALUE / 4096 + ")");
            }
            if (io.risbnn.method.Methods.isNonVi(estimator)) {     // a method's own step (vogn, adversarial, …)
                objective = Objective.ELBO;
            } else {
                Estimator e = Estimators.byName(estimator, ris);
                if (objective == null) {
                    objective = io.risbnn.objective.Objectives.defaultFor(estimator);
                }
                Estimators.checkPair(e, objective);
            }
        }

        int[] imageShape() {
            return model.startsWith("resnet") ? new int[] {3, 32, 32} : new int[] {1, 28, 28};
        }
    }

    /**
     * The figures of one benchmark.
     *
     * @param stepMillis the timed steps (warm-up excluded), in order
     * @param peakRssBytes the process's peak resident set (VmHWM), -1 where /proc is not available
     * @param heapUsedBytes JVM heap in use after the timed steps
     * @param matmulGflops best of several {@value #MATMUL_SIZE}² float32 products, 2n³ flops each
     * @param threads intra-op threads of the engine
     * @param skippedSteps steps skipped for a non-finite loss or gradient (their time is still counted)
     */
    public record Result(Options options, double[] stepMillis, long peakRssBytes, long heapUsedBytes,
                         double matmulGflops, int threads, long skippedSteps) {
        /**
         * The median timed step.
         *
         * @return milliseconds
         */
        public double medianMillis() {
            double[] s = stepMillis.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        /**
         * The mean timed step.
         *
         * @return milliseconds; NaN without timed steps
         */
        public double meanMillis() {
            return Arrays.stream(stepMillis).average().orElse(Double.NaN);
        }

        /**
         * batch / median step time.
         *
         * @return images per second
         */
        public double imagesPerSecond() {
            return options.batch() * 1000.0 / medianMillis();
        }

        /**
         * The one line the bench command prints.
         *
         * @return the summary line
         */
        public String line() {
            return String.format(Locale.ROOT,
                    "bench %s batch %d %s M=%d (%s): %.1f ms/step (mean %.1f over %d steps), %.1f img/s, "
                            + "peak RSS %s, heap %s; matmul %d: %.1f GFLOP/s; %d threads%s",
                    options.model(), options.batch(), options.estimator(), options.samples(),
                    options.objective().cliName() + risNote(), medianMillis(), meanMillis(), stepMillis.length, imagesPerSecond(),
                    peakRssBytes < 0 ? "n/a" : bytes(peakRssBytes), bytes(heapUsedBytes), MATMUL_SIZE, matmulGflops,
                    threads, skippedSteps > 0 ? "; " + skippedSteps + " non-finite steps skipped" : "");
        }

        /** ", gradient G" for ris with a gradient other than the default. */
        private String risNote() {
            RisConfig.Gradient g = options.ris().gradient();
            return options.estimator().equals("ris") && g != RisConfig.defaults().gradient()
                    ? ", gradient " + g.cliName() : "";
        }

        /**
         * The figures as a JSON-ready map (model, batch, estimator, …, step times).
         *
         * @return the values by key
         */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", options.model());
            m.put("batch", options.batch());
            m.put("estimator", options.estimator());
            if (options.estimator().equals("ris")) {
                m.put("ris_gradient", options.ris().gradient().cliName());
            }
            m.put("objective", options.objective().cliName());
            m.put("samples", options.samples());
            m.put("steps", options.steps());
            m.put("warmup", options.warmup());
            m.put("seed", options.seed());
            m.put("threads", threads);
            m.put("ms_per_step_median", medianMillis());
            m.put("ms_per_step_mean", meanMillis());
            m.put("images_per_second", imagesPerSecond());
            m.put("step_ms", stepMillis);
            m.put("peak_rss_bytes", peakRssBytes);
            m.put("heap_used_bytes", heapUsedBytes);
            m.put("matmul_size", MATMUL_SIZE);
            m.put("matmul_gflops", matmulGflops);
            m.put("skipped_steps", skippedSteps);
            return m;
        }
    }

    private TrainStepBench() {}

    /**
     * Runs the benchmark; {@code progress} (may be silent) sees every step, warm-up included.
     *
     * @param options what to benchmark
     * @param progress sees every step
     * @return the figures
     */
    public static Result run(Options options, ProgressReporter progress) {
        int[] shape = options.imageShape();
        ModelSpec spec = ModelSpec.image(options.model(), shape[0], shape[1], shape[2], CLASSES, new int[] {100},
                0.01, null);
        int totalSteps = options.warmup() + options.steps();
        RandomImages data = new RandomImages(options.batch() * totalSteps, shape[0], shape[1], shape[2], CLASSES,
                Seeds.stream(options.seed(), "bench-data"));
        TrainConfig config = new TrainConfig(options.estimator(), options.ris(), options.objective(),
                options.samples(), 1, options.batch(), "adam", 0.9, LrSchedule.parse("constant", 1e-3, 30, 0.1),
                new KlSchedule(1, 1, 0), "gaussian:1.0", options.seed(), true);
        StepClock clock = new StepClock(progress);
        long skipped;
        Seeds.seedEngine(options.seed());
        try (NDManager root = Devices.newBaseManager();
             BayesianModel model = Models.build(spec, root)) {
            BnnTrainer trainer = new BnnTrainer(model, config).withProgress(clock);
            skipped = trainer.fit(data, null, null).stream().mapToLong(EpochMetrics::skippedSteps).sum();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = peakRssBytes();
        double[] timed = Arrays.copyOfRange(clock.millis(), options.warmup(), totalSteps);
        double gflops = matmulGflops(MATMUL_SIZE, 5);
        return new Result(options, timed, rss, heap, gflops, ai.djl.pytorch.jni.JniUtils.getNumThreads(), skipped);
    }

    /**
     * Memory over a long run: {@code steps} training steps of {@code options}' model and estimator (its steps
     * and warm-up are ignored) over {@value #SOAK_BATCHES} batches of random images repeated as epochs, with
     * the process's resident set (VmRSS) read every {@code every} steps. Flat memory means RSS at the last
     * reading within a few per cent of the reading at step {@code every}.
     *
     * @param options the model, batch, estimator and objective
     * @param steps the training steps, ≥ {@code every}
     * @param every steps between readings, ≥ 1
     * @param progress sees every step
     * @return the steps of the readings and the readings in bytes
     * @throws RisbnnException if {@code steps} &lt; {@code every} or {@code every} &lt; 1
     */
    public static Soak soak(Options options, int steps, int every, ProgressReporter progress) {
        if (steps < every || every < 1) {
            throw new RisbnnException("--soak " + steps + ": expected at least --soak-every (" + every + ") steps");
        }
        int[] shape = options.imageShape();
        ModelSpec spec = ModelSpec.image(options.model(), shape[0], shape[1], shape[2], CLASSES, new int[] {100},
                0.01, null);
        int epochs = (steps + SOAK_BATCHES - 1) / SOAK_BATCHES;
        RandomImages data = new RandomImages(options.batch() * SOAK_BATCHES, shape[0], shape[1], shape[2], CLASSES,
                Seeds.stream(options.seed(), "bench-data"));
        TrainConfig config = new TrainConfig(options.estimator(), options.ris(), options.objective(),
                options.samples(), epochs, options.batch(), "adam", 0.9, LrSchedule.parse("constant", 1e-3, 30, 0.1),
                new KlSchedule(1, 1, 0), "gaussian:1.0", options.seed(), true);
        java.util.List<long[]> readings = new java.util.ArrayList<>();
        ProgressReporter meter = new ProgressReporter() {
            private long done;

            @Override
            public void start(long totalSteps, long doneSteps) {
                progress.start(totalSteps, doneSteps);
            }

            @Override
            public void advance(double loss) {
                done++;
                if (done % every == 0 && done <= steps) {
                    readings.add(new long[] {done, rssBytes()});
                }
                progress.advance(loss);
            }

            @Override
            public void finish() {
                progress.finish();
            }
        };
        Seeds.seedEngine(options.seed());
        try (NDManager root = Devices.newBaseManager();
             BayesianModel model = Models.build(spec, root)) {
            new BnnTrainer(model, config).withProgress(meter).fit(data, null, null);
        }
        return new Soak(options, readings.stream().mapToLong(r -> r[0]).toArray(),
                readings.stream().mapToLong(r -> r[1]).toArray(), peakRssBytes());
    }

    /** Random-image batches a soak run cycles through. */
    static final int SOAK_BATCHES = 50;

    /** RSS readings of a soak run: at {@code steps[i]}, {@code rssBytes[i]}. */
    public record Soak(Options options, long[] steps, long[] rssBytes, long peakRssBytes) {
        /**
         * RSS at the last reading over RSS at the first.
         *
         * @return the growth factor (1: flat)
         */
        public double growth() {
            return rssBytes[rssBytes.length - 1] / (double) rssBytes[0];
        }

        /**
         * The one line the soak command prints: the readings and the growth.
         *
         * @return the summary line
         */
        public String line() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "soak %s batch %d %s M=%d (%s): RSS",
                    options.model(), options.batch(), options.estimator(), options.samples(), options.objective().cliName()));
            for (int i = 0; i < steps.length; i++) {
                b.append(i == 0 ? " " : ", ").append("step ").append(steps[i]).append(' ').append(bytes(rssBytes[i]));
            }
            return b.append(String.format(Locale.ROOT, "; last/first %.3f; peak RSS %s", growth(), bytes(peakRssBytes)))
                    .toString();
        }
    }

    /**
     * VmRSS of /proc/self/status in bytes, or -1.
     *
     * @return the resident set size, or -1 where /proc is not available
     */
    public static long rssBytes() {
        return statusBytes("VmRSS:");
    }

    /**
     * Best speed of {@code reps} n×n float32 products (after one untimed), in GFLOP/s (2n³ flops).
     *
     * @param n the matrices' side
     * @param reps timed products
     * @return GFLOP/s of the fastest
     */
    public static double matmulGflops(int n, int reps) {
        double best = Double.POSITIVE_INFINITY;
        try (NDManager manager = Devices.newBaseManager()) {
            NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
            NDArray b = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
            for (int i = 0; i <= reps; i++) {
                try (NDScope scope = new NDScope()) {
                    long t = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.getFloat(0, 0);   // the CPU engine is synchronous; this only makes sure the product exists
                    long dt = System.nanoTime() - t;
                    if (i > 0) {
                        best = Math.min(best, dt);
                    }
                }
            }
        }
        return 2.0 * n * n * (double) n / best;   // flops per ns = GFLOP/s
    }

    /**
     * VmHWM of /proc/self/status in bytes, or -1 where it is not available.
     *
     * @return the peak resident set size
     */
    public static long peakRssBytes() {
        return statusBytes("VmHWM:");
    }

    private static long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;   // reported in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", b / (double) (1L << 20));
    }

    /** Records the time of each step (between successive progress reports) and forwards to {@code inner}. */
    private static final class StepClock implements ProgressReporter {
        private final ProgressReporter inner;
        private final java.util.List<Double> millis = new java.util.ArrayList<>();
        private long last;

        StepClock(ProgressReporter inner) {
            this.inner = inner;
        }

        @Override
        public void start(long totalSteps, long doneSteps) {
            inner.start(totalSteps, doneSteps);
            last = System.nanoTime();
        }

        @Override
        public void advance(double loss) {
            long now = System.nanoTime();
            millis.add((now - last) / 1e6);
            last = now;
            inner.advance(loss);
        }

        @Override
        public void finish() {
            inner.finish();
        }

        double[] millis() {
            return millis.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
