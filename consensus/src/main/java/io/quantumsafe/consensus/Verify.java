package io.quantumsafe.consensus;

/**
 * Always-on invariant checks (Java's {@code assert} is off in production). A failed check is a bug
 * in this replica or in its caller, never bad input from a peer: peer input is rejected and counted
 * instead (see {@code replica.Rejection}).
 */
public final class Verify {
    private Verify() {}

    public static void that(boolean condition, String message) {
        if (!condition) throw new IllegalStateException("consensus invariant violated: " + message);
    }
}
