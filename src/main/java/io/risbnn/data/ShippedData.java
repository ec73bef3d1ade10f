package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Data sets shipped inside the jar, so the tool runs without any download. Currently the UCI
 * Concrete Compressive Strength data (I-Cheng Yeh, CC BY 4.0; see {@link #attribution()}).
 */
public final class ShippedData {
    private static final String FOLDER = "/io/risbnn/data/concrete/";
    private static final int[] CONCRETE_FEATURES = {0, 1, 2, 3, 4, 5, 6, 7};
    private static final int CONCRETE_TARGET = 8;
    // Column names of the UCI description (units: kg per m³ of mixture, age in days, strength in MPa).
    private static final java.util.List<String> CONCRETE_NAMES = java.util.List.of("cement", "slag", "fly_ash", "water",
            "superplasticizer", "coarse_aggregate", "fine_aggregate", "age");

    // Cached after the first load; a race only parses the file twice. (No holder class: a failed
    // static initializer would surface as NoClassDefFoundError instead of RisbnnException.)
    private static volatile RegressionData concrete;

    private ShippedData() {}

    /**
     * Concrete: 1030 rows, 8 features (mixture components and age), target strength in MPa.
     *
     * @return the data set (loaded once, then shared)
     */
    public static RegressionData concrete() {
        RegressionData data = concrete;
        if (data == null) {
            data = loadConcrete();
            concrete = data;
        }
        return data;
    }

    /**
     * The licence and source notice of the shipped data, as plain text.
     *
     * @return the notice
     */
    public static String attribution() {
        try (InputStream in = open("ATTRIBUTION.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RisbnnException(missing("ATTRIBUTION.txt") + ": " + TextFiles.oneLine(e), e);
        }
    }

    private static RegressionData loadConcrete() {
        try (Reader reader = new InputStreamReader(open("data.txt"), StandardCharsets.UTF_8)) {
            double[][] table = NumericTable.read(
                    "shipped data set concrete (classpath " + FOLDER + "data.txt)", reader);
            RegressionData plain = RegressionData.fromColumns("concrete", table, CONCRETE_FEATURES, CONCRETE_TARGET);
            return new RegressionData("concrete", plain.features(), plain.targets(), CONCRETE_NAMES, "strength");
        } catch (IOException e) {
            throw new RisbnnException(missing("data.txt") + ": " + TextFiles.oneLine(e), e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = ShippedData.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new RisbnnException(missing(file) + " (the jar is incomplete; rebuild it)");
        }
        return in;
    }

    private static String missing(String file) {
        return "shipped resource " + FOLDER + file + " not readable";
    }
}
