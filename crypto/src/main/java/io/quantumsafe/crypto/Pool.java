package io.quantumsafe.crypto;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded pool of JCA engine objects ({@code Signature}, {@code KeyPairGenerator}), which are not
 * thread-safe but are costly enough to create that creating one per operation would show in the
 * benchmarks. Objects beyond {@code idleMax} are dropped rather than kept.
 */
final class Pool<T> {
    /** Enough for every core of a large server to hold one while the others wait on nothing. */
    static final int idleMaxDefault = 64;

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
        T item = idle.poll();
        if (item == null) return create.get();
        idleCount.decrementAndGet();
        return item;
    }

    /** Returns an object in a reusable state; an object left in an unknown state must not be released. */
    void release(T item) {
        if (idleCount.incrementAndGet() <= idleMax) {
            idle.offer(item);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
