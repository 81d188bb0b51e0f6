package io.quantumsafe.audit.inventory;

import io.quantumsafe.audit.rules.CelEnvironment;
import java.time.LocalDate;

/**
 * Where an algorithm stands against a quantum adversary, by the same classification the rules'
 * {@code quantum_vulnerable}, {@code post_quantum} and {@code deprecated_primitive} functions use.
 * NIST IR 8547 (initial public draft, 2024): classical public-key algorithms at 112-bit security
 * are deprecated after 2030 and all of them disallowed after 2035.
 */
public enum QuantumStatus {
    /** ML-KEM, ML-DSA, SLH-DSA, FN-DSA and hybrids containing one. */
    POST_QUANTUM("post-quantum", null, null),
    /** RSA, ECDSA, EdDSA, ECDH, X25519, finite-field DH alone. */
    QUANTUM_VULNERABLE("quantum-vulnerable", LocalDate.of(2030, 12, 31), LocalDate.of(2035, 12, 31)),
    /** MD5, SHA-1, DES, 3DES, RC4, RSA under 2048 bits: broken today, not only by a quantum computer. */
    DEPRECATED_PRIMITIVE("deprecated-primitive", LocalDate.of(2030, 12, 31), LocalDate.of(2035, 12, 31)),
    /** Symmetric ciphers, hashes, MACs: not affected by Shor's algorithm. */
    NOT_AFFECTED("not-affected", null, null);

    private final String wireName;
    private final LocalDate deprecatedAfter;
    private final LocalDate disallowedAfter;

    QuantumStatus(String wireName, LocalDate deprecatedAfter, LocalDate disallowedAfter) {
        this.wireName = wireName;
        this.deprecatedAfter = deprecatedAfter;
        this.disallowedAfter = disallowedAfter;
    }

    public String wireName() { return wireName; }

    /** NIST IR 8547: the last day use is allowed without deprecation, or null when it does not apply. */
    public LocalDate deprecatedAfter() { return deprecatedAfter; }

    public LocalDate disallowedAfter() { return disallowedAfter; }

    public boolean flagged() { return this == QUANTUM_VULNERABLE || this == DEPRECATED_PRIMITIVE; }

    public static QuantumStatus of(String algorithm) {
        if (CelEnvironment.deprecatedPrimitive(algorithm)) return DEPRECATED_PRIMITIVE;
        if (CelEnvironment.postQuantum(algorithm)) return POST_QUANTUM;
        if (CelEnvironment.quantumVulnerable(algorithm)) return QUANTUM_VULNERABLE;
        return NOT_AFFECTED;
    }
}
