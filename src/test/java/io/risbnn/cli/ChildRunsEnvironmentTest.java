package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildRunsEnvironmentTest {
    @Test
    void childrenGetTheMallocSettingsUnlessTheUserSetOwn() {
        ProcessBuilder plain = new ProcessBuilder("true");
        plain.environment().remove("GLIBC_TUNABLES");
        plain.environment().remove("MKL_CBWR");
        ChildRuns.reproducibleEnvironment(plain, 1);
        Map<String, String> env = plain.environment();
        assertEquals(EngineSetup.MALLOC_TUNABLES, env.get("GLIBC_TUNABLES"));
        assertEquals("AUTO,STRICT", env.get("MKL_CBWR"));
        assertEquals("1", env.get("RISBNN_THREADS"));

        ProcessBuilder own = new ProcessBuilder("true");
        own.environment().put("GLIBC_TUNABLES", "glibc.malloc.arena_max=2");
        ChildRuns.reproducibleEnvironment(own, 2);
        assertEquals("glibc.malloc.arena_max=2", own.environment().get("GLIBC_TUNABLES"));
        assertEquals("2", own.environment().get("RISBNN_THREADS"));
    }

    @Test
    void childrenGetTheVectorModuleWhenTheParentHasIt() throws Exception {
        // the test JVM has it (pom argLine), as bin/risbnn's JVM does
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        List<String> command = ChildRuns.command(List.of("train", "--help"));
        int at = command.indexOf("--add-modules");
        assertTrue(at > 0 && command.get(at + 1).equals("jdk.incubator.vector"), command.toString());
        assertEquals(List.of("train", "--help"), command.subList(command.size() - 2, command.size()));
        assertTrue(Files.readString(Path.of("bin/risbnn")).contains("--add-modules jdk.incubator.vector"));
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<argLine>--add-modules jdk.incubator.vector"));
        // and the child starts: the module is resolvable by this JDK's java
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void stoppingTheParentStopsItsRunningChildren() throws Exception {
        Process child = ChildRuns.start(new ProcessBuilder("sleep", "60"));
        assertTrue(child.isAlive());
        ChildRuns.stopChildren();                      // what the parent's shutdown hook runs
        assertTrue(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the child was left running");
    }

    @Test
    void theLauncherAndTheTestJvmUseTheSameSettings() throws Exception {
        String launcher = Files.readString(Path.of("bin/risbnn"));
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(launcher.contains("GLIBC_TUNABLES:-" + EngineSetup.MALLOC_TUNABLES + "}"),
                "bin/risbnn must default GLIBC_TUNABLES to EngineSetup.MALLOC_TUNABLES");
        assertTrue(pom.contains("<GLIBC_TUNABLES>" + EngineSetup.MALLOC_TUNABLES + "</GLIBC_TUNABLES>"),
                "pom.xml's test JVM must use EngineSetup.MALLOC_TUNABLES");
    }
}
