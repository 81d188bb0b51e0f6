package io.quantumsafe.audit.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where rules come from: a file path, or {@code pack:NAME} for a rule pack shipped in the jar
 * ({@link #packs}). Reading is the only I/O; compiling is {@link RuleSet#compile}.
 */
public final class RuleSources {
    private RuleSources() {}

    /** The packs in the jar, under io/quantumsafe/audit/rules/packs/NAME.yaml. */
    public static final List<String> packs = List.of("crypto-misuse", "compliance");
    public static final String packPrefix = "pack:";

    public static List<RuleSet.Source> read(List<String> specs) throws IOException {
        List<RuleSet.Source> sources = new ArrayList<>();
        for (String spec : specs) sources.add(read(spec));
        return sources;
    }

    public static RuleSet.Source read(String spec) throws IOException {
        if (spec.startsWith(packPrefix)) {
            String name = spec.substring(packPrefix.length());
            if (!packs.contains(name)) throw new IOException("no rule pack '" + name + "'; packs: " + packs);
            try (InputStream in = RuleSources.class.getResourceAsStream("packs/" + name + ".yaml")) {
                if (in == null) throw new IOException("rule pack " + name + " is missing from the jar");
                return new RuleSet.Source(spec, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Path file = Path.of(spec);
        if (Files.size(file) > RuleFileParser.fileCharsMax) throw new IOException(spec + " is larger than 4 MiB");
        return new RuleSet.Source(spec, Files.readString(file));
    }
}
