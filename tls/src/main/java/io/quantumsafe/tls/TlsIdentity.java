package io.quantumsafe.tls;

import io.quantumsafe.crypto.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** What an endpoint presents: its certificate chain (leaf first) and the matching private key. */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey privateKey) {
    public TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("an identity needs at least its own certificate");
        if (!java.util.Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), privateKey.publicKey().encoded())) {
            throw new IllegalArgumentException("the certificate " + chain.getFirst().getSubjectX500Principal()
                    + " does not match the private key " + privateKey.keyId());
        }
    }

    public X509Certificate certificate() { return chain.getFirst(); }
}
