package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SharedSlicesTest {

    @Test
    void everyIndexIsRunExactlyOnce_byOwnerAndHelperTogether_beforeForEachSliceReturns() throws Exception {
        SharedSlices slices = new SharedSlices();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean helped = new AtomicBoolean();
        Thread helper = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (slices.help()) helped.set(true);
                else Thread.onSpinWait();
            }
        });
        try {
            for (int round = 0; round < 200; round++) {
                int count = 600 + round * 97;
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                slices.forEachSlice(count, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        runs.incrementAndGet(i);
                        Thread.onSpinWait(); // long enough for the helper to get chunks too
                    }
                });
                for (int i = 0; i < count; i++) assertThat(runs.get(i)).as("round %d index %d", round, i).isEqualTo(1);
            }
        } finally {
            stop.set(true);
            helper.join();
        }
        assertThat(helped).as("the helper thread took some chunks").isTrue();
    }

    @Test
    void aFailingSlice_isReportedToTheOwner_andNobodyWaitsForever() {
        SharedSlices slices = new SharedSlices();
        assertThatThrownBy(() -> slices.forEachSlice(10_000, (from, to) -> {
            if (from >= 5_000) throw new IllegalArgumentException("boom at " + from);
        })).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(slices.help()).as("nothing left to help with").isFalse();
    }
}
