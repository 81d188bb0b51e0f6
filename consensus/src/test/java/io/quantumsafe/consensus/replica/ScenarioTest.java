package io.quantumsafe.consensus.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every script in {@code src/test/resources/scenarios}: each command is followed by "----" and
 * the output it must produce, ending at a blank line. {@code -Drewrite=true} writes the actual output
 * back into the files (then read the diff before committing it).
 */
class ScenarioTest {
    private static final Path DIR = Path.of("src/test/resources/scenarios");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> runScript(file)));
        }
    }

    private static void runScript(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Scenario scenario = new Scenario();
        StringBuilder rewritten = new StringBuilder();
        List<String> mismatches = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                rewritten.append(line).append('\n');
                i++;
                continue;
            }
            int commandLine = i + 1;
            i++;
            if (i >= lines.size() || !lines.get(i).equals("----")) throw new IllegalStateException(file + ":" + commandLine + ": expected ---- after the command");
            i++;
            StringBuilder expected = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isEmpty()) expected.append(lines.get(i++)).append('\n');
            String actual = execute(scenario, line);
            if (!actual.contentEquals(expected)) {
                mismatches.add(file.getFileName() + ":" + commandLine + " `" + line + "`\n--- expected\n" + expected + "--- actual\n" + actual);
            }
            rewritten.append(line).append('\n').append("----\n").append(actual);
        }
        if (Boolean.getBoolean("rewrite")) Files.writeString(file, rewritten.toString());
        else assertThat(mismatches).as("scenario output").isEmpty();
        assertThat(scenario.prefixViolation()).as("outputs are prefixes of one another").isNull();
    }

    private static String execute(Scenario scenario, String line) {
        String[] words = line.trim().split("\\s+");
        Map<String, String> args = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int k = 1; k < words.length; k++) {
            int eq = words[k].indexOf('=');
            if (eq > 0) args.put(words[k].substring(0, eq), words[k].substring(eq + 1));
            else positional.add(words[k]);
        }
        return scenario.run(words[0], args, positional);
    }
}
