package io.quantumsafe.ledger;

/** Always-on invariant checks (Java's assert is off in production): a broken one is a bug, not bad input. */
final class Invariants {
    private Invariants() {}

    static void check(boolean condition, String message) {
        if (!condition) throw new IllegalStateException("ledger invariant violated: " + message);
    }
}
