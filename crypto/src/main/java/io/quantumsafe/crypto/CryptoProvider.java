package io.quantumsafe.crypto;

/**
 * The JCA providers the engine chooses between. The choice per algorithm is made by measurement
 * (see crypto/README.md) and can be overridden per engine.
 */
public enum CryptoProvider {
    /** The JDK's own providers (SUN, SunJCE, SunEC); JDK 25 has ML-KEM and ML-DSA with x86 intrinsics. */
    JDK("JDK"),
    /** Bouncy Castle; the only choice for SLH-DSA, FN-DSA and the composite signature. */
    BOUNCY_CASTLE("BC");

    private final String shortName;

    CryptoProvider(String shortName) {
        this.shortName = shortName;
    }

    public String shortName() { return shortName; }

    /** Accepts "JDK", "BC", "bouncy-castle" and the enum names. */
    public static CryptoProvider fromName(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "JDK", "SUN", "SUNJCE", "SUNEC" -> JDK;
            case "BC", "BOUNCY_CASTLE", "BOUNCYCASTLE" -> BOUNCY_CASTLE;
            default -> throw new UnsupportedAlgorithmException(
                    "unknown provider '" + name + "'; choose JDK or BC");
        };
    }

    @Override
    public String toString() { return shortName; }
}
