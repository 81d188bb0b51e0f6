package io.quantumsafe.tls;

import javax.net.ssl.SSLException;

/** A handshake that completed but breaks the endpoint's policy (classical group under pq-required, peer not allowed). */
public final class TlsRefusedException extends SSLException {
    private final String namedGroup;

    public TlsRefusedException(String message, String namedGroup) {
        super(message);
        this.namedGroup = namedGroup;
    }

    /** The group the refused handshake agreed (for the audit event). */
    public String namedGroup() { return namedGroup; }
}
