package io.quantumsafe.ledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A computation that runs once, on whichever thread asks for it first; later askers wait for that
 * result. Lets the applying thread take a share of the pipelined hashing when it is ahead, without
 * any clock or scheduling decision: the result is the same whoever runs it.
 */
final class SharedTask<T> {
    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    SharedTask(Supplier<T> work) {
        this.work = work;
    }

    T runOrAwait() {
        if (claimed.compareAndSet(false, true)) {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("hashing the state root failed", e.getCause());
        }
    }
}
