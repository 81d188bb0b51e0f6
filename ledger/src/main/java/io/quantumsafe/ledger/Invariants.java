package io.quantumsafe.ledger;

/** Always-on invariant checks (Java's assert is off in production): a broken one is a bug, not bad input. */
final class Invariants {
    private Invariants() {}

    static void check(boolean condition, String message) {
        if (!condition) throw violated(message);
    }

    /** For checks on hot paths whose message must only be built when they fail. */
    static IllegalStateException violated(String message) {
        return new IllegalStateException("ledger invariant violated: " + message);
    }
}
