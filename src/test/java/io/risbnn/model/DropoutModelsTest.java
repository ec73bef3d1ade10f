package io.risbnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.nn.McDropout;
import io.risbnn.objective.Objective;
import io.risbnn.report.Json;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.BnnTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dropout rate of a {@link ModelSpec}: where the builders put {@link McDropout} blocks, and that a
 * model without dropout is the one built before the rate existed (parameter names and outputs recorded
 * from the code before the change, in {@code dropout-free-golden.txt}).
 */
class DropoutModelsTest {
    private static ModelSpec[] goldenSpecs() {
        return new ModelSpec[] {
            ModelSpec.regressionMlp(3, new int[] {8, 6}, 0.5, null),
            ModelSpec.image("lenet", 1, 28, 28, 10, new int[0], 0.5, null),
            ModelSpec.image("mlp-image", 1, 4, 4, 3, new int[] {5}, 0.5, null),
            new ModelSpec("resnet8", 3 * 8 * 8, new int[0], 3, "categorical", 0.5, null, true, 0.5, new int[] {3, 8, 8}),
        };
    }

    /** The probe's lines for one model: parameter names, then MOMENT and ELBO outputs of fixed inputs. */
    private static Map<String, String> probe(ModelSpec spec) {
        Map<String, String> lines = new LinkedHashMap<>();
        Seeds.seedEngine(7);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root)) {
            StringBuilder names = new StringBuilder();
            for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
                names.append('"').append(p.name()).append("\", ");
            }
            lines.put("NAMES " + spec.architecture(), names.toString());
            Shape in = spec.imageShape() == null ? new Shape(2, spec.inputSize())
                    : new Shape(2, spec.imageShape()[0], spec.imageShape()[1], spec.imageShape()[2]);
            Seeds.seedEngine(11);
            NDArray x = root.randomNormal(in);
            for (Objective o : new Objective[] {Objective.MOMENT, Objective.ELBO}) {
                ForwardContext ctx = new ForwardContext(o == Objective.MOMENT ? new AnalyticEstimator()
                        : new McSharedEstimator(), o, 3);
                Seeds.seedEngine(13);
                StringBuilder b = new StringBuilder();
                for (float f : model.forward(x, ctx, false).toFloatArray()) {
                    b.append(f).append("f, ");
                }
                lines.put("OUT " + spec.architecture() + " " + o, b.toString());
            }
        }
        return lines;
    }

    private static Map<String, String> golden() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = DropoutModelsTest.class.getResourceAsStream("dropout-free-golden.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(": ");
                out.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return out;
    }

    private static double[] floats(String line) {
        List<Double> values = new ArrayList<>();
        for (String part : line.split(",")) {
            if (!part.isBlank()) {
                values.add(Double.parseDouble(part.trim()));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void withoutDropoutEveryModelIsTheOneBuiltBeforeTheRateExisted() throws IOException {
        Map<String, String> expected = golden();
        for (ModelSpec spec : goldenSpecs()) {
            for (ModelSpec variant : new ModelSpec[] {spec, spec.withDropout(0)}) {
                Map<String, String> actual = probe(variant);
                for (Map.Entry<String, String> e : actual.entrySet()) {
                    String want = expected.get(e.getKey());
                    if (e.getKey().startsWith("NAMES")) {
                        assertEquals(want, e.getValue(), e.getKey());
                        continue;
                    }
                    double[] a = floats(e.getValue());
                    double[] w = floats(want);
                    assertEquals(w.length, a.length, e.getKey());
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(w[i], a[i], 1e-5 * Math.max(1, Math.abs(w[i])), e.getKey() + " [" + i + "]");
                    }
                }
            }
        }
    }

    private static int dropoutBlocks(Block block) {
        int own = block instanceof McDropout ? 1 : 0;
        return own + block.getChildren().values().stream().mapToInt(DropoutModelsTest::dropoutBlocks).sum();
    }

    @Test
    void aDropoutBlockPrecedesEveryWeightLayer() {
        Object[][] cases = {
            {ModelSpec.regressionMlp(3, new int[] {8, 6}, 0.5, null), 3},
            {ModelSpec.image("lenet", 1, 28, 28, 10, new int[0], 0.5, null), 5},     // conv1, conv2, dense1..3
            {ModelSpec.image("mlp-image", 1, 4, 4, 3, new int[] {5}, 0.5, null), 2},
            {new ModelSpec("resnet8", 192, new int[0], 3, "categorical", 0.5, null, true, 0.5, new int[] {3, 8, 8}), 1 + 3 * 2 + 1},
        };
        Seeds.seedEngine(1);
        for (Object[] c : cases) {
            ModelSpec spec = ((ModelSpec) c[0]).withDropout(0.2);
            try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root);
                 BayesianModel plain = Models.build((ModelSpec) c[0], root)) {
                assertEquals((int) c[1], dropoutBlocks(model.network()), spec.toString());
                assertEquals(model.variationalLayers().size(), dropoutBlocks(model.network()), "one per weight layer: " + spec);
                assertEquals(0, dropoutBlocks(plain.network()));
                // the variational layers keep their names (checkpoints and diagnostics name them)
                assertEquals(plain.variationalLayers().stream().map(l -> l.layerName()).toList(),
                        model.variationalLayers().stream().map(l -> l.layerName()).toList());
            }
        }
        // ResNet-20: the stem, two per basic block (9 blocks), the classifier
        ModelSpec resnet20 = ModelSpec.image("resnet20", 3, 32, 32, 10, new int[0], 0.5, null).withDropout(0.1);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(resnet20, root)) {
            assertEquals(20, dropoutBlocks(model.network()));
        }
    }

    @Test
    void theRateIsPartOfTheSpecAndOldCheckpointsHaveNone() {
        ModelSpec spec = ModelSpec.regressionMlp(3, new int[] {8}, 0.5, null).withHeteroscedastic(true);
        ModelSpec dropped = spec.withDropout(0.1);
        assertEquals(0.1, dropped.dropout());
        assertTrue(dropped.hasDropout());
        assertFalse(spec.hasDropout());
        assertTrue(dropped.heteroscedastic(), "other fields kept");
        assertEquals(spec, dropped.withDropout(0));
        assertNotEquals(spec, dropped);
        assertTrue(dropped.toString().contains("dropout 0.1"), dropped.toString());
        // round trip, and a header written before the field existed
        assertEquals(dropped, Json.GSON.fromJson(Json.GSON.toJson(dropped), ModelSpec.class));
        com.google.gson.JsonObject old = Json.GSON.toJsonTree(spec).getAsJsonObject();
        old.remove("dropout");
        ModelSpec restored = Json.GSON.fromJson(old, ModelSpec.class);
        assertEquals(0.0, restored.dropout());
        assertEquals(spec, restored);
        assertThrows(RisbnnException.class, () -> spec.withDropout(1));
        assertThrows(RisbnnException.class, () -> spec.withDropout(-0.1));
    }
}
