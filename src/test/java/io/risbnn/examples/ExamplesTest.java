package io.risbnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs in {@code examples/} are compiled here with the JDK's compiler against the test class path
 * (the library and its dependencies), then run, so a change that breaks an example breaks the build.
 */
class ExamplesTest {
    private static final Path SOURCES = Path.of("examples", "src", "main", "java");
    private static URLClassLoader loader;

    @BeforeAll
    static void compile(@TempDir Path classes) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
        }
        assertTrue(files.size() >= 4, "examples found: " + files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK (javax.tools)");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath,
                "--release", "17", "-Xlint:all", "-Werror", "-proc:none"));
        arguments.addAll(files);
        StringWriter log = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = javac.run(null, null, err, arguments.toArray(String[]::new));
        assertEquals(0, code, "examples do not compile:\n" + err.toString(StandardCharsets.UTF_8) + log);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ExamplesTest.class.getClassLoader());
    }

    private static String run(String name, String... args) throws Exception {
        Method main = loader.loadClass("io.risbnn.examples." + name).getMethod("main", String[].class);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    @Test
    void customBlockRegression(@TempDir Path dir) throws Exception {
        String out = run("CustomBlockRegression", dir.toString());
        assertTrue(out.contains("identical predictions"), out);
        assertTrue(Files.isRegularFile(dir.resolve("posterior.risbnn")) && Files.isRegularFile(dir.resolve("serving.properties")));
        // the epistemic std at x = 3 (far outside the data) is the largest of the four queries
        String[] rows = out.split("\n");
        double far = Double.parseDouble(rows[4].trim().split("\\s+")[3]);
        for (int i = 1; i <= 3; i++) {
            assertTrue(Double.parseDouble(rows[i].trim().split("\\s+")[3]) < far, out);
        }
    }

    @Test
    void classificationUncertainty() throws Exception {
        String out = run("ClassificationUncertainty");
        String[] rows = out.split("\n");
        assertEquals(3, rows.length, out);
        assertTrue(rows[0].contains("predicted east"), out);
    }

    @Test
    void serveWithDjl(@TempDir Path dir) throws Exception {
        String out = run("ServeWithDjl", dir.toString() + File.separator + "model");
        assertEquals(3, out.split("\n").length, out);
        assertTrue(out.contains("meanvar mean"), out);
    }

    @Test
    void convertDeterministicModel() throws Exception {
        String out = run("ConvertDeterministicModel");
        assertTrue(out.startsWith("converted layers: 2, method vi (lrt, elbo)"), out);
    }
}
