package io.quantumsafe.crypto;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A bounded pool of JCA engine objects ({@code Signature}, {@code KeyPairGenerator}), which are not
 * thread-safe but are costly enough to create that creating one per operation would show in the
 * benchmarks. Objects beyond {@code idleMax} (besides the one in the slot) are dropped rather than kept.
 *
 * <p>One object waits in a single slot before the queue: the common case, one thread using a
 * verifier at a time, then costs one atomic exchange each way and no queue node, which the paired
 * overhead benchmark could see against the raw provider (ML-DSA-44 verification).
 */
final class Pool<T> {
    /** Enough for every core of a large server to hold one while the others wait on nothing. */
    static final int idleMaxDefault = 64;

    private final AtomicReference<T> slot = new AtomicReference<>();
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Supplier<T> create;
    private final int idleMax;

    Pool(Supplier<T> create) {
        this(create, idleMaxDefault);
    }

    Pool(Supplier<T> create, int idleMax) {
        this.create = create;
        this.idleMax = idleMax;
    }

    T acquire() {
        T item = slot.getAndSet(null);
        if (item != null) return item;
        item = idle.poll();
        if (item == null) return create.get();
        idleCount.decrementAndGet();
        return item;
    }

    /** Returns an object in a reusable state; an object left in an unknown state must not be released. */
    void release(T item) {
        if (slot.compareAndSet(null, item)) return;
        if (idleCount.incrementAndGet() <= idleMax) {
            idle.offer(item);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
