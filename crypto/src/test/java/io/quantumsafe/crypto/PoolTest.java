package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolTest {

    @Test
    void releasedObjectsAreReusedBeforeNewOnesAreCreated() {
        AtomicInteger created = new AtomicInteger();
        Pool<Integer> pool = new Pool<>(created::incrementAndGet, 4);
        Integer first = pool.acquire();
        pool.release(first);
        assertThat(pool.acquire()).isSameAs(first);
        assertThat(created).hasValue(1);
    }

    @Test
    void keepsAtMostIdleMaxObjectsBesidesTheSlot() {
        AtomicInteger created = new AtomicInteger();
        Pool<Integer> pool = new Pool<>(created::incrementAndGet, 4);
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) held.add(pool.acquire());
        held.forEach(pool::release);

        Set<Integer> reused = new HashSet<>();
        for (int i = 0; i < 10; i++) reused.add(pool.acquire());
        // 1 in the slot + 4 in the queue came back; the other 5 acquisitions created new objects.
        assertThat(reused).hasSize(10);
        assertThat(created).hasValue(15);
    }
}
