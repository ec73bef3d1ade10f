package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every option and positional of every command says what it does; --version is the pom's version. */
class HelpAndVersionTest {
    @Test
    void everyOptionHasHelpText() {
        List<String> missing = new ArrayList<>();
        CommandLine root = new CommandLine(new Main());
        for (CommandLine command : root.getSubcommands().values()) {
            List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                // "Default: 32" alone says nothing about what the option is
                String text = String.join(" ", arg.description()).replaceAll("Default: \\S+\\.?", "").trim();
                if (text.isEmpty()) {
                    missing.add(command.getCommandName() + " " + (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel()));
                }
            }
        }
        assertEquals(List.of(), missing, "options without help text");
    }

    @Test
    void batchSizeIsOneNameEverywhereWithTheOldSpellingAccepted() {
        CommandLine root = new CommandLine(new Main());
        for (String name : List.of("train", "compare", "uci", "variance", "bench", "table1")) {
            OptionSpec option = root.getSubcommands().get(name).getCommandSpec().findOption("--batch-size");
            assertTrue(option != null && List.of(option.names()).contains("--batch"), name + " --batch-size/--batch");
        }
    }

    @Test
    void versionIsThePomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>risbnn</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "no version in pom.xml");
        Matcher djl = Pattern.compile("<djl.version>([^<]+)</djl.version>").matcher(Files.readString(Path.of("pom.xml")));
        Matcher torch = Pattern.compile("<torch.version>([^<]+)</torch.version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(djl.find() && torch.find(), "no DJL or PyTorch version in pom.xml");
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("risbnn " + m.group(1), "DJL " + djl.group(1), "PyTorch " + torch.group(1) + " (CPU build)"),
                r.out().lines().toList());
    }
}
