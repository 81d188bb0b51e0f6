package io.quantumsafe.node.store;

/** The node store cannot be read or written; the node stops rather than run on state it cannot trust. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
