package io.quantumsafe.crypto.keystore;

/**
 * Argon2id cost parameters (RFC 9106) for deriving a key-encryption key from a password.
 *
 * @param memoryKiB memory in KiB (the memory-hard part)
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {
    /** RFC 9106 section 4, second recommended option: 64 MiB, 3 passes (one lane: the JVM runs lanes serially). */
    public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);
    /** The cheapest parameters accepted; for tests only. */
    public static final KdfParameters FAST_FOR_TESTS = new KdfParameters(8 * 1024, 1, 1);
    /**
     * Below this a file is refused. OWASP's floor for Argon2id is 19 MiB x 2 passes; 8 MiB x 1 is
     * allowed only so that test suites can create many keys quickly.
     */
    public static final int memoryKiBMin = 8 * 1024;
    /** Above this a file is refused before deriving anything, so a crafted file cannot exhaust memory. */
    public static final int memoryKiBMax = 1024 * 1024;
    public static final int iterationsMax = 16;
    public static final int parallelismMax = 16;

    public KdfParameters {
        if (memoryKiB < memoryKiBMin || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id parameters m=" + memoryKiB + " t=" + iterations + " p=" + parallelism
                    + " are below the minimum m=" + memoryKiBMin + " t=1 p=1");
        }
        if (memoryKiB > memoryKiBMax || iterations > iterationsMax || parallelism > parallelismMax) {
            throw new IllegalArgumentException("Argon2id parameters m=" + memoryKiB + " t=" + iterations + " p=" + parallelism
                    + " exceed the maximum m=" + memoryKiBMax + " t=" + iterationsMax + " p=" + parallelismMax);
        }
    }

    /** The header form, e.g. {@code argon2id m=65536 t=3 p=1}. */
    String headerValue() {
        return "argon2id m=" + memoryKiB + " t=" + iterations + " p=" + parallelism;
    }

    static KdfParameters fromHeaderValue(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 4 || !parts[0].equals("argon2id")) {
            throw new IllegalArgumentException("KDF '" + value + "' is not 'argon2id m=<KiB> t=<passes> p=<lanes>'");
        }
        return new KdfParameters(parse(parts[1], "m="), parse(parts[2], "t="), parse(parts[3], "p="));
    }

    private static int parse(String part, String prefix) {
        if (!part.startsWith(prefix)) throw new IllegalArgumentException("expected " + prefix + "<number>, got " + part);
        try {
            return Integer.parseInt(part.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + prefix + "<number>, got " + part, e);
        }
    }
}
