package io.quantumsafe.bench.tls;

import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;

/**
 * The X25519 baseline: the same BCJSSE client, restricted to classical key exchange, so the only
 * difference between rows is the group.
 */
final class ClassicalClient {
    private ClassicalClient() {}

    static PqTlsContext context(TlsTrust trust) {
        return PqTlsContext.forClassicalBaseline(trust, new TlsSettings(TlsPolicy.PQ_PREFERRED, ClientAuth.NONE,
                java.util.List.of("TLSv1.3"), false));
    }
}
