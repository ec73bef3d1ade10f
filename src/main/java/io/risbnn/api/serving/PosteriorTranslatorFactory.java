package io.risbnn.api.serving;

import ai.djl.Model;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import io.risbnn.RisbnnException;
import io.risbnn.api.PredictiveDistribution;
import io.risbnn.predict.PredictOptions;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@link PosteriorTranslator} ({@code float[]} → {@link PredictiveDistribution}) for a model whose
 * block is a {@link PosteriorBlock}. Argument {@code interval}: the central interval of regression
 * predictives (default 0.95). Criteria looks for a translator factory before it reads the model directory's
 * {@code serving.properties}, so pass this one with {@code optTranslatorFactory} (or DJL's
 * {@code DeferredTranslatorFactory}, which takes the one the file names, as DJL Serving does).
 *
 * <pre>{@code
 * Criteria<float[], PredictiveDistribution> criteria = Criteria.builder()
 *         .setTypes(float[].class, PredictiveDistribution.class)
 *         .optModelPath(dir)          // written by Posterior.save: posterior.risbnn + serving.properties
 *         .optTranslatorFactory(new PosteriorTranslatorFactory())
 *         .build();                   // serving.properties names the engine and the block factory
 * try (ZooModel<float[], PredictiveDistribution> model = criteria.loadModel();
 *      Predictor<float[], PredictiveDistribution> predictor = model.newPredictor()) {
 *     PredictiveDistribution p = predictor.predict(new float[] {0.5f});
 * }
 * }</pre>
 */
public final class PosteriorTranslatorFactory implements TranslatorFactory {
    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return Set.of(new Pair<>(float[].class, PredictiveDistribution.class));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, Map<String, ?> arguments) {
        if (!isSupported(input, output)) {
            throw new IllegalArgumentException("risbnn serves float[] -> PredictiveDistribution, not " + input.getName()
                    + " -> " + output.getName());
        }
        Object value = arguments.get("interval");
        double interval;
        try {
            interval = value == null ? PredictOptions.DEFAULT_INTERVAL : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new RisbnnException("interval must be a number, got '" + value + "'");
        }
        if (!(interval > 0 && interval < 1)) {
            throw new RisbnnException("interval must be strictly between 0 and 1, got " + interval);
        }
        return (Translator<I, O>) new PosteriorTranslator(interval);
    }
}
