package io.quantumsafe.crypto.keystore;

import io.quantumsafe.crypto.Algorithm;
import java.time.Instant;
import java.util.Optional;

/**
 * What a key file says about its key. Authenticated: it is the AES-GCM associated data, so a
 * changed header makes the key fail to decrypt.
 *
 * @param keyId the key's name in its store
 * @param version 1 for a new key, incremented by each rotation
 * @param notAfter end of the cryptoperiod, or null for none
 * @param publicKeyFingerprint {@link io.quantumsafe.crypto.PublicKey#fingerprint()} of the matching public key
 */
public record KeyMetadata(String keyId, int version, Algorithm algorithm, KeyPurpose purpose, Instant created,
                          Instant notAfter, String publicKeyFingerprint) {
    /** Key ids become file names, so they are restricted to a portable, unambiguous alphabet. */
    public static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public KeyMetadata {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id '" + keyId
                    + "' must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        if (version < 1) throw new IllegalArgumentException("key version must be at least 1, got " + version);
        if (notAfter != null && !notAfter.isAfter(created)) {
            throw new IllegalArgumentException("key " + keyId + " would expire (" + notAfter + ") before it is created (" + created + ")");
        }
    }

    public Optional<Instant> notAfterTime() { return Optional.ofNullable(notAfter); }

    /** The id with its version, as reported in audit events: {@code accounting-signing/v2}. */
    public String versionedId() { return keyId + "/v" + version; }

    public boolean expiredAt(Instant now) { return notAfter != null && now.isAfter(notAfter); }
}
