package io.quantumsafe.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Whom an endpoint trusts: the CA certificates that must anchor the peer's chain and, optionally,
 * the only peer names (certificate subject CN, DNS or URI SANs) it accepts.
 */
public record TlsTrust(List<X509Certificate> anchors, Set<String> allowedPeerNames) {
    public TlsTrust {
        anchors = List.copyOf(anchors);
        allowedPeerNames = Set.copyOf(allowedPeerNames);
        if (anchors.isEmpty()) throw new IllegalArgumentException("trust needs at least one CA certificate");
    }

    public static TlsTrust of(List<X509Certificate> anchors) {
        return new TlsTrust(anchors, Set.of());
    }
}
