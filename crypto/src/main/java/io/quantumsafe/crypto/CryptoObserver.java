package io.quantumsafe.crypto;

/**
 * Hears about every engine operation. Called on the thread that ran the operation, so an observer
 * that does any I/O should be wrapped in {@link AsyncCryptoObserver}. An observer that throws is
 * counted and ignored: it can never fail the operation it observes.
 */
@FunctionalInterface
public interface CryptoObserver {
    void onOperation(CryptoEvent event);
}
