package io.quantumsafe.tls;

import java.util.List;

/**
 * How an endpoint negotiates.
 *
 * @param protocols TLS 1.3 only unless an operator explicitly adds TLSv1.2
 * @param verifyHostname clients check the server certificate against the host name they dialled
 */
public record TlsSettings(TlsPolicy policy, ClientAuth clientAuth, List<String> protocols, boolean verifyHostname) {
    public TlsSettings {
        protocols = List.copyOf(protocols);
        for (String protocol : protocols) {
            if (!protocol.equals("TLSv1.3") && !protocol.equals("TLSv1.2")) {
                throw new IllegalArgumentException("unsupported protocol " + protocol + "; use TLSv1.3 (or TLSv1.2 where a legacy peer needs it)");
            }
        }
        if (protocols.isEmpty()) throw new IllegalArgumentException("at least one protocol is needed");
    }

    /** pq-required, TLS 1.3 only. */
    public static TlsSettings defaults(ClientAuth clientAuth) {
        return new TlsSettings(TlsPolicy.PQ_REQUIRED, clientAuth, List.of("TLSv1.3"), false);
    }

    public TlsSettings withPolicy(TlsPolicy newPolicy) {
        return new TlsSettings(newPolicy, clientAuth, protocols, verifyHostname);
    }

    public TlsSettings withHostnameVerification(boolean verify) {
        return new TlsSettings(policy, clientAuth, protocols, verify);
    }
}
