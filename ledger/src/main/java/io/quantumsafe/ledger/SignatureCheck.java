package io.quantumsafe.ledger;

/**
 * Verifies a request signature. A pure, deterministic function of its inputs, so it may run inside
 * the state machine. Validators check every signature before voting for a batch, so a replica
 * executing a certified sequence may use {@link #TRUST_CERTIFIED}; verifiers never do.
 */
@FunctionalInterface
public interface SignatureCheck {
    boolean verify(ClientKey client, byte[] message, byte[] signature);

    /** Accepts every signature: only for replaying a sequence whose signatures a quorum already checked. */
    SignatureCheck TRUST_CERTIFIED = (client, message, signature) -> true;
}
