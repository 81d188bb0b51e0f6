package io.quantumsafe.tls;

import java.util.Locale;

/** Whether a connection without a post-quantum key exchange is refused or only flagged. */
public enum TlsPolicy {
    /** Default: a handshake that does not agree a hybrid post-quantum group is refused, logged and audited. */
    PQ_REQUIRED,
    /** Classical key exchange is allowed (for clients that cannot do better) and flagged in the audit event. */
    PQ_PREFERRED;

    public String wireName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static TlsPolicy fromWireName(String name) {
        for (TlsPolicy policy : values()) if (policy.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) return policy;
        throw new IllegalArgumentException("unknown TLS policy '" + name + "'; choose pq-required or pq-preferred");
    }
}
