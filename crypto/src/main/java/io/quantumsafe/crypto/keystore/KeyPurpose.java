package io.quantumsafe.crypto.keystore;

import io.quantumsafe.crypto.Algorithm;
import java.util.Locale;

/** What a key is for; a key is used for one purpose only (NIST SP 800-57 part 1, section 5.2). */
public enum KeyPurpose {
    SIGN,
    KEM,
    TLS,
    CA;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static KeyPurpose fromWireName(String name) {
        for (KeyPurpose purpose : values()) {
            if (purpose.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) return purpose;
        }
        throw new IllegalArgumentException("unknown key purpose '" + name + "'; choose sign, kem, tls or ca");
    }

    /** The purpose a new key of this algorithm gets unless told otherwise. */
    public static KeyPurpose defaultFor(Algorithm algorithm) {
        return algorithm.isKem() ? KEM : SIGN;
    }
}
