package io.quantumsafe.bench.crypto;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SignatureBench} and {@link KemBench} and turns the results into the table published
 * in crypto/README.md: microseconds per operation for each provider, raw and through the engine,
 * the engine's overhead over the raw provider, and the ratio between the providers.
 */
public final class CryptoBenchReport {
    /** One measured cell: mean and 99.9% error in microseconds per operation. */
    public record Measurement(double microseconds, double error) {}

    /** Results keyed by "ML-DSA-65/JDK" then by benchmark method ("rawSign", "engineSign", ...). */
    private final Map<String, Map<String, Measurement>> results = new TreeMap<>();

    public static CryptoBenchReport run(boolean quick, String targetFilter) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SignatureBench.class.getName())
                .include(KemBench.class.getName())
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .shouldFailOnError(true);
        if (targetFilter != null) {
            List<String> signatureTargets = matching(SignatureBench.class, targetFilter);
            List<String> kemTargets = matching(KemBench.class, targetFilter);
            if (signatureTargets.isEmpty() && kemTargets.isEmpty()) {
                throw new IllegalArgumentException("no benchmark target matches '" + targetFilter + "'");
            }
            options = new OptionsBuilder().parent(options.build());
            if (signatureTargets.isEmpty()) options.exclude(SignatureBench.class.getName());
            if (kemTargets.isEmpty()) options.exclude(KemBench.class.getName());
            List<String> all = new ArrayList<>(signatureTargets);
            all.addAll(kemTargets);
            options.param("target", all.toArray(String[]::new));
        }
        CryptoBenchReport report = new CryptoBenchReport();
        report.add(new Runner(options.build()).run());
        return report;
    }

    private static List<String> matching(Class<?> benchmark, String filter) {
        try {
            String[] targets = benchmark.getField("target").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
            String needle = filter.toLowerCase(Locale.ROOT);
            return java.util.Arrays.stream(targets).filter(t -> t.toLowerCase(Locale.ROOT).contains(needle)).toList();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    public void add(Collection<RunResult> runResults) {
        for (RunResult result : runResults) {
            String target = result.getParams().getParam("target");
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            var primary = result.getPrimaryResult();
            record(target, method, new Measurement(primary.getScore(), primary.getScoreError()));
        }
    }

    public void record(String target, String method, Measurement measurement) {
        results.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(method, measurement);
    }

    /** The Markdown table: one row per algorithm and operation. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| algorithm | operation | JDK raw µs | JDK engine µs | BC raw µs | BC engine µs | engine overhead (fastest provider) | BC / JDK |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Map<String, Map<String, Measurement>>> byAlgorithm = new TreeMap<>();
        results.forEach((target, methods) -> {
            String[] parts = target.split("/");
            byAlgorithm.computeIfAbsent(parts[0], a -> new TreeMap<>()).put(parts[1], methods);
        });
        for (var algorithm : byAlgorithm.entrySet()) {
            for (String operation : List.of("Keygen", "Sign", "Verify", "Encapsulate", "Decapsulate")) {
                Measurement jdkRaw = find(algorithm.getValue(), "JDK", "raw" + operation);
                Measurement jdkEngine = find(algorithm.getValue(), "JDK", "engine" + operation);
                Measurement bcRaw = find(algorithm.getValue(), "BC", "raw" + operation);
                Measurement bcEngine = find(algorithm.getValue(), "BC", "engine" + operation);
                if (jdkEngine == null && bcEngine == null) continue;
                out.append("| ").append(algorithm.getKey()).append(" | ").append(operation.toLowerCase(Locale.ROOT))
                        .append(" | ").append(cell(jdkRaw)).append(" | ").append(cell(jdkEngine))
                        .append(" | ").append(cell(bcRaw)).append(" | ").append(cell(bcEngine))
                        .append(" | ").append(overhead(jdkRaw, jdkEngine, bcRaw, bcEngine))
                        .append(" | ").append(providerRatio(jdkEngine, bcEngine)).append(" |\n");
            }
        }
        return out.toString();
    }

    private static Measurement find(Map<String, Map<String, Measurement>> byProvider, String provider, String method) {
        Map<String, Measurement> methods = byProvider.get(provider);
        return methods == null ? null : methods.get(method);
    }

    private static String cell(Measurement m) {
        if (m == null || Double.isNaN(m.microseconds())) return "";
        return String.format(Locale.ROOT, "%.1f ± %.1f", m.microseconds(), m.error());
    }

    /** Engine over raw on the provider whose raw operation is fastest. */
    private static String overhead(Measurement jdkRaw, Measurement jdkEngine, Measurement bcRaw, Measurement bcEngine) {
        boolean jdkFastest = jdkRaw != null && (bcRaw == null || jdkRaw.microseconds() <= bcRaw.microseconds());
        Measurement raw = jdkFastest ? jdkRaw : bcRaw;
        Measurement engine = jdkFastest ? jdkEngine : bcEngine;
        if (raw == null || engine == null) return "";
        return String.format(Locale.ROOT, "%+.1f%%", 100.0 * (engine.microseconds() / raw.microseconds() - 1));
    }

    private static String providerRatio(Measurement jdk, Measurement bc) {
        if (jdk == null || bc == null) return "";
        return String.format(Locale.ROOT, "%.2fx", bc.microseconds() / jdk.microseconds());
    }
}
