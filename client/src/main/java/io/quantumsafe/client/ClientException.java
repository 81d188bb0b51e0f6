package io.quantumsafe.client;

/** The network could not be reached or answered in a way the client cannot use. */
public final class ClientException extends RuntimeException {
    public ClientException(String message) {
        super(message);
    }
}
