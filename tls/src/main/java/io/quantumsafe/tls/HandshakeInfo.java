package io.quantumsafe.tls;

import java.util.List;

/**
 * What one completed handshake agreed, as audit events and metrics report it.
 *
 * @param namedGroup the key-exchange group, or "unknown" if the provider does not say
 * @param peerSubject the peer certificate's subject, or empty without client authentication
 * @param peerNames the peer certificate's CN and DNS/URI SANs
 */
public record HandshakeInfo(String protocol, String cipherSuite, String namedGroup, boolean postQuantum,
                            String peerSubject, List<String> peerNames, long durationNanos) {
    public HandshakeInfo {
        peerNames = List.copyOf(peerNames);
    }

    public double durationMillis() { return durationNanos / 1e6; }
}
