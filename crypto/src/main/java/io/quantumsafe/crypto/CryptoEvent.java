package io.quantumsafe.crypto;

import java.time.Instant;

/**
 * One engine operation, as reported to {@link CryptoObserver}s. Field names follow the audit event
 * schema (DESIGN.md): operation, algorithm, key id, duration, payload size, status, caller id.
 *
 * @param payloadBytes the message, ciphertext or key size the operation worked on
 * @param error what went wrong, or null when {@code status} is {@link Status#OK}
 */
public record CryptoEvent(Instant timestamp, CryptoOperation operation, Algorithm algorithm, CryptoProvider provider,
                          String keyId, long durationNanos, int payloadBytes, Status status, String callerId,
                          String error) {

    public enum Status {
        OK,
        /** A signature that did not verify: the operation worked, the answer is no. */
        INVALID,
        /** The operation threw; {@code error} says why. */
        FAILED
    }

    public double durationMillis() { return durationNanos / 1_000_000.0; }
}
