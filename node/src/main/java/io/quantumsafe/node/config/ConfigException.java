package io.quantumsafe.node.config;

/** A configuration or network file is missing, malformed or inconsistent; the message says what to fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
