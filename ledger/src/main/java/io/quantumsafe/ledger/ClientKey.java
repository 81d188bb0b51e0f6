package io.quantumsafe.ledger;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PublicKey;

/** A client allowed to submit requests, and the ML-DSA public key its requests must be signed with. */
public record ClientKey(UInt128 clientId, PublicKey publicKey) {
    public ClientKey {
        if (clientId.isZero() || clientId.isMax()) throw new IllegalArgumentException("client id must not be zero or all ones");
        Algorithm algorithm = publicKey.algorithm();
        if (algorithm != Algorithm.ML_DSA_44 && algorithm != Algorithm.ML_DSA_65 && algorithm != Algorithm.ML_DSA_87) {
            throw new IllegalArgumentException("client " + clientId + " key is " + algorithm + "; settlement requests are signed with ML-DSA");
        }
    }
}
