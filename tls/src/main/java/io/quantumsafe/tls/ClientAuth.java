package io.quantumsafe.tls;

/** Whether a server asks for client certificates. */
public enum ClientAuth {
    NONE,
    /** Requested; a client without one is accepted (and its audit event says so). */
    OPTIONAL,
    /** Mutual TLS: a client without a certificate from a trusted CA is refused. */
    REQUIRED
}
