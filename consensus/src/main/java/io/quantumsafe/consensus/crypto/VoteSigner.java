package io.quantumsafe.consensus.crypto;

import io.quantumsafe.consensus.Digest;

/** Signs this validator's votes: the only place its consensus private key is used. */
public interface VoteSigner {
    /** The committee index of the validator whose key this is. */
    int validator();

    /** A vote signature on {@code headerDigest} under {@link CertificateScheme#voteMessage(Digest)}. */
    byte[] sign(Digest headerDigest);
}
