package io.quantumsafe.ledger;

import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Verifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Verifies request signatures with the crypto engine, one cached verifier per client. */
public final class EngineSignatureCheck implements SignatureCheck {
    private final PqcEngine engine;
    private final Map<UInt128, Verifier> verifiers = new ConcurrentHashMap<>();

    public EngineSignatureCheck(PqcEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean verify(ClientKey client, byte[] message, byte[] signature) {
        Verifier verifier = verifiers.computeIfAbsent(client.clientId(), id -> engine.verifier(client.publicKey()));
        try {
            return verifier.verify(message, signature);
        } catch (CryptoException malformed) {
            return false;
        }
    }
}
