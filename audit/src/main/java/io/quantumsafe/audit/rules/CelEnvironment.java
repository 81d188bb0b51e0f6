package io.quantumsafe.audit.rules;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.quantumsafe.audit.event.EventSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The CEL compiler and runtime every rule shares, built once: the event's fields as typed
 * variables, {@code event} as a map of all fields (unknown ones included), and the functions rules
 * need. The planner runtime is the fast one (about 215 ns per evaluation of the brochure's rule,
 * FACTS.md); it requires heterogeneous numeric comparisons, which also lets {@code duration_ms > 100}
 * compare a double with an int literal.
 */
public final class CelEnvironment {
    private CelEnvironment() {}

    @SuppressWarnings("deprecation") // FACTS.md: the planner runtime needs native values on cel-java 0.14.0.
    static final CelOptions OPTIONS = CelOptions.current()
            .evaluateCanonicalTypesToNativeValues(true)
            .enableHeterogeneousNumericComparisons(true)
            .maxParseRecursionDepth(64)
            .comprehensionMaxIterations(10_000)
            .build();

    static final CelCompiler COMPILER = compiler();
    static final CelRuntime RUNTIME = runtime();

    private static CelCompiler compiler() {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL)
                .addVar(EventSchema.TIMESTAMP, SimpleType.TIMESTAMP)
                .addVar(EventSchema.DURATION_MS, SimpleType.DOUBLE)
                .addVar(EventSchema.PAYLOAD_SIZE, SimpleType.INT)
                .addVar(EventSchema.AMOUNT, SimpleType.DOUBLE)
                .addVar(EventSchema.LEDGER, SimpleType.STRING)
                .addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN));
        for (String name : new String[] {EventSchema.COMPONENT, EventSchema.OPERATION, EventSchema.ALGORITHM,
                EventSchema.STATUS, EventSchema.CLIENT_ID}) {
            builder.addVar(name, SimpleType.STRING);
        }
        for (String name : EventSchema.optionalText) builder.addVar(name, SimpleType.STRING);
        return builder.addFunctionDeclarations(
                function("hour", "hour_timestamp", SimpleType.INT, SimpleType.TIMESTAMP),
                function("weekday", "weekday_timestamp", SimpleType.INT, SimpleType.TIMESTAMP),
                function("year", "year_timestamp", SimpleType.INT, SimpleType.TIMESTAMP),
                CelFunctionDecl.newFunctionDeclaration("minutes_since", CelOverloadDecl.newGlobalOverload(
                        "minutes_since_timestamp_timestamp", SimpleType.INT, SimpleType.TIMESTAMP, SimpleType.TIMESTAMP)),
                function("quantum_vulnerable", "quantum_vulnerable_string", SimpleType.BOOL, SimpleType.STRING),
                function("post_quantum", "post_quantum_string", SimpleType.BOOL, SimpleType.STRING),
                function("deprecated_primitive", "deprecated_primitive_string", SimpleType.BOOL, SimpleType.STRING))
                .build();
    }

    private static CelFunctionDecl function(String name, String overload, dev.cel.common.types.CelType result,
                                            dev.cel.common.types.CelType argument) {
        return CelFunctionDecl.newFunctionDeclaration(name, CelOverloadDecl.newGlobalOverload(overload, result, argument));
    }

    private static CelRuntime runtime() {
        return CelRuntimeFactory.plannerRuntimeBuilder()
                .setOptions(OPTIONS)
                .addFunctionBindings(
                        CelFunctionBinding.from("hour_timestamp", Instant.class, t -> (long) t.atOffset(ZoneOffset.UTC).getHour()),
                        CelFunctionBinding.from("weekday_timestamp", Instant.class,
                                t -> (long) t.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue()),
                        CelFunctionBinding.from("year_timestamp", Instant.class, t -> (long) t.atOffset(ZoneOffset.UTC).getYear()),
                        CelFunctionBinding.from("minutes_since_timestamp_timestamp", Instant.class, Instant.class,
                                (from, at) -> Duration.between(from, at).toMinutes()),
                        CelFunctionBinding.from("quantum_vulnerable_string", String.class, CelEnvironment::quantumVulnerable),
                        CelFunctionBinding.from("post_quantum_string", String.class, CelEnvironment::postQuantum),
                        CelFunctionBinding.from("deprecated_primitive_string", String.class, CelEnvironment::deprecatedPrimitive))
                .build();
    }

    private static final Pattern POST_QUANTUM = Pattern.compile(
            ".*(ML-?KEM|ML-?DSA|SLH-?DSA|FN-?DSA|FALCON|DILITHIUM|KYBER|SPHINCS|FRODO|HQC|BIKE|CLASSIC-?MCELIECE|LMS|XMSS).*");
    private static final Pattern CLASSICAL_PUBLIC_KEY = Pattern.compile(
            "(RSA|ECDSA|ECDH|ECDHE|ECC|EC|X25519|X448|ED25519|ED448|EDDSA|DH|DHE|FFDHE|DSA|SECP|P-?256|P-?384|P-?521|BRAINPOOL|PRIME256).*");

    /**
     * Algorithm names are few, so each answer is remembered: a regular expression per rule per event
     * cost about 4 us (the whole crypto-misuse pack is about 2 us), measured with RuleEngine in a loop.
     * At most {@link #classificationCacheMax} names; past that, answers are computed each time.
     */
    static final int classificationCacheMax = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> CLASSIFIED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int POST_QUANTUM_BIT = 1;
    private static final int VULNERABLE_BIT = 2;
    private static final int DEPRECATED_BIT = 4;
    private static final Pattern DEPRECATED = Pattern.compile("(MD5|SHA-?1|3?DES(-EDE)?|TDEA|RC4|RSA-(512|768|1024))([^0-9].*)?");

    private static int classify(String name) {
        Integer known = CLASSIFIED.get(name);
        if (known != null) return known;
        String upper = name.toUpperCase(Locale.ROOT).strip();
        boolean pq = POST_QUANTUM.matcher(upper).matches();
        int bits = (pq ? POST_QUANTUM_BIT : 0) | (!pq && CLASSICAL_PUBLIC_KEY.matcher(upper).matches() ? VULNERABLE_BIT : 0)
                | (DEPRECATED.matcher(upper).matches() ? DEPRECATED_BIT : 0);
        if (CLASSIFIED.size() < classificationCacheMax) CLASSIFIED.put(name, bits);
        return bits;
    }

    /** Broken or deprecated primitives: MD5, SHA-1, DES, 3DES, RC4, RSA under 2048 bits (ISO/IEC 27001 A.8.24). */
    public static boolean deprecatedPrimitive(String name) {
        return (classify(name) & DEPRECATED_BIT) != 0;
    }

    /**
     * Whether an algorithm or group name is post-quantum or a hybrid with a post-quantum part
     * (X25519MLKEM768, ML-DSA-65+Ed25519): the quantum-safe side of NIST IR 8547.
     */
    public static boolean postQuantum(String name) {
        return (classify(name) & POST_QUANTUM_BIT) != 0;
    }

    /**
     * Whether a name is classical public-key cryptography alone (RSA, ECDSA, ECDH, X25519, Ed25519,
     * finite-field DH): what NIST IR 8547 deprecates after 2030 and disallows after 2035. Hybrids
     * are not vulnerable; symmetric algorithms are neither.
     */
    public static boolean quantumVulnerable(String name) {
        return (classify(name) & VULNERABLE_BIT) != 0;
    }
}
