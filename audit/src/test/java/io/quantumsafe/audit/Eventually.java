package io.quantumsafe.audit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls an observable condition until a deadline: no sleeps that try to win races. */
public final class Eventually {
    private Eventually() {}

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @FunctionalInterface
    public interface Check {
        boolean get() throws Exception;
    }

    public static void awaitChecked(String what, Duration timeout, Check condition) {
        await(what, timeout, () -> {
            try {
                return condition.get();
            } catch (Exception e) {
                throw new AssertionError(what + ": " + e, e);
            }
        });
    }
}
