package io.quantumsafe.node.finality;

import java.time.Duration;

/**
 * When a certified checkpoint becomes final: after {@code attestationsRequired} distinct verifiers
 * attested it, or when {@code challengeWindow} has passed since it was certified without a valid
 * fraud proof, whichever comes first.
 */
public record FinalityConfig(int attestationsRequired, Duration challengeWindow) {
    public static final Duration challengeWindowDefault = Duration.ofMinutes(10);
    /** The brochure's promise: legitimate settlements final in under an hour. */
    public static final Duration challengeWindowMax = Duration.ofHours(1);
    /** Certified checkpoints awaiting finality; beyond this the node stops taking new ones (back-pressure). */
    public static final int pendingMax = 4096;
    /** Attestations that arrive before their checkpoint's certificate. */
    public static final int earlyAttestationsMax = 4096;

    public static final FinalityConfig DEFAULT = new FinalityConfig(1, challengeWindowDefault);

    public FinalityConfig {
        if (attestationsRequired < 1) throw new IllegalArgumentException("at least one attestation is required, got " + attestationsRequired);
        if (challengeWindow.isNegative() || challengeWindow.isZero() || challengeWindow.compareTo(challengeWindowMax) >= 0) {
            throw new IllegalArgumentException("the challenge window must be positive and under " + challengeWindowMax + ", got " + challengeWindow);
        }
    }
}
