package io.quantumsafe.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.alert.Alert;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.alert.Backoff;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.rules.RuleEngine;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.store.EventQuery;
import io.quantumsafe.audit.store.EventStore;
import io.quantumsafe.audit.store.LuceneStore;
import io.quantumsafe.audit.store.StoredEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP path's durability and back-pressure, on real log and index files. */
class WalIngestTest {
    @TempDir
    Path dir;

    private static RuleSet lateNight() {
        return RuleSet.compile("r.yaml", """
                rules:
                  - id: late-night-signs
                    condition: operation == "sign" && hour(timestamp) >= 2 && hour(timestamp) < 4
                """).rules();
    }

    private static List<AuditEvent> events(int count, int from) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(TestEvents.event(Instant.parse("2025-08-03T02:00:00Z").plusSeconds(from + i), "sign", "OK", "c" + (i % 3)));
        }
        return events;
    }

    @Test
    void acknowledgedEvents_surviveAKillBeforeAnyCommit_andAreStoredAndAlertedOnce() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-08-03T06:00:00Z"), java.time.ZoneOffset.UTC);
        LuceneStore store = new LuceneStore(dir.resolve("store"), Duration.ofDays(3650));
        AlertManager alerts = AlertManager.open(dir.resolve("alerts"), List.of(), Backoff.DEFAULT, clock);
        Pipeline pipeline = new Pipeline(new RuleEngine(lateNight()), store, alerts, clock, null);
        WalIngest.Limits limits = new WalIngest.Limits(1000, 100, Duration.ofHours(1)); // no commit before the kill
        WalIngest ingest = WalIngest.start(WriteAheadLog.open(dir.resolve("wal")), pipeline, limits);
        for (int batch = 0; batch < 5; batch++) {
            assertThat(ingest.submit(events(20, batch * 20), System.nanoTime())).isInstanceOf(WalIngest.Accepted.class);
        }
        Eventually.await("events processed", Duration.ofSeconds(10), () -> ingest.processed() == 100);
        ingest.abandon();
        store.abandon();
        alerts.close();

        LuceneStore reopenedStore = new LuceneStore(dir.resolve("store"), Duration.ofDays(3650));
        assertThat(reopenedStore.search(EventQuery.all(10)).total()).isZero(); // nothing was committed
        AlertManager reopenedAlerts = AlertManager.open(dir.resolve("alerts"), List.of(), Backoff.DEFAULT, clock);
        Pipeline again = new Pipeline(new RuleEngine(lateNight()), reopenedStore, reopenedAlerts, clock, null);
        try (WalIngest restarted = WalIngest.start(WriteAheadLog.open(dir.resolve("wal")), again, limits)) {
            EventStore.Page page = reopenedStore.search(EventQuery.all(1000));
            assertThat(page.total()).isEqualTo(100);
            assertThat(page.events()).extracting(e -> e.get("_id").asText()).doesNotHaveDuplicates();
            assertThat(page.events()).allSatisfy(e -> assertThat(e.get("rules").get(0).asText()).isEqualTo("late-night-signs"));
            assertThat(reopenedAlerts.list(Alert.State.OPEN, 1000)).hasSize(100);
            assertThat(restarted.committedSeq()).isEqualTo(100);
        } finally {
            reopenedAlerts.close();
            reopenedStore.close();
        }
        // A second restart replays nothing: the checkpoint moved past the replayed records.
        try (LuceneStore third = new LuceneStore(dir.resolve("store"), Duration.ofDays(3650));
             WriteAheadLog wal = WriteAheadLog.open(dir.resolve("wal"))) {
            assertThat(wal.checkpointSeq()).isEqualTo(100);
            assertThat(third.search(EventQuery.all(10)).total()).isEqualTo(100);
        }
    }

    /** A store whose add() waits for a latch: the pipeline falling behind. */
    static class SlowStore implements EventStore {
        final EventStore delegate;
        final CountDownLatch release = new CountDownLatch(1);

        SlowStore(EventStore delegate) { this.delegate = delegate; }

        @Override
        public void add(List<StoredEvent> events) throws IOException {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            delegate.add(events);
        }

        @Override public void commit(long walSeq) throws IOException { delegate.commit(walSeq); }
        @Override public Page search(EventQuery query) throws IOException { return delegate.search(query); }
        @Override public List<RuleCount> alertCounts(Instant from, Instant to) throws IOException { return delegate.alertCounts(from, to); }
        @Override public int applyRetention(Instant now) throws IOException { return delegate.applyRetention(now); }
        @Override public void close() throws IOException { delegate.close(); }
    }

    @Test
    void aStoreThatFallsBehind_getsBusyAnswers_notAnUnboundedQueue_andRecovers() throws Exception {
        Clock clock = Clock.systemUTC();
        SlowStore slow = new SlowStore(new LuceneStore(dir.resolve("store"), Duration.ofDays(3650)));
        try (AlertManager alerts = AlertManager.open(dir.resolve("alerts"), List.of(), Backoff.DEFAULT, clock)) {
            Pipeline pipeline = new Pipeline(new RuleEngine(RuleSet.empty()), slow, alerts, clock, null);
            try (WalIngest ingest = WalIngest.start(WriteAheadLog.open(dir.resolve("wal")), pipeline,
                    new WalIngest.Limits(50, 10, Duration.ofMillis(50)))) {
                int accepted = 0;
                WalIngest.Admission last = null;
                for (int i = 0; i < 20; i++) {
                    last = ingest.submit(events(5, i * 5), System.nanoTime());
                    if (last instanceof WalIngest.Accepted) accepted++;
                }
                assertThat(accepted).isEqualTo(10);
                assertThat(last).isInstanceOf(WalIngest.Busy.class);
                assertThat(((WalIngest.Busy) last).reason()).contains("pipeline behind");
                assertThat(ingest.pendingEvents()).isEqualTo(50);
                assertThat(ingest.roomFor(5)).as("room for a request, asked before parsing it").isFalse();
                slow.release.countDown();
                Eventually.await("queue drained", Duration.ofSeconds(10), () -> ingest.pendingEvents() == 0);
                assertThat(ingest.roomFor(5)).isTrue();
                assertThat(ingest.roomFor(1_000)).as("asks for at most half the bound").isTrue();
                assertThat(ingest.submit(events(5, 1000), System.nanoTime())).isInstanceOf(WalIngest.Accepted.class);
                Eventually.awaitChecked("all stored", Duration.ofSeconds(10), () -> slow.search(EventQuery.all(1)).total() == 55);
            }
        } finally {
            slow.close();
        }
    }

    /** A store whose first add() fails: the disk full for a moment. */
    static final class FailingOnceStore extends SlowStore {
        final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

        FailingOnceStore(EventStore delegate) {
            super(delegate);
            release.countDown();
        }

        @Override
        public void add(List<StoredEvent> events) throws IOException {
            if (failures.getAndIncrement() == 0) throw new IOException("no space left on device (test)");
            super.add(events);
        }
    }

    @Test
    void aStoreFailure_isRetried_withoutRunningTheRulesTwice_andEveryEventIsStoredAndAlertedOnce() throws Exception {
        Clock clock = Clock.systemUTC();
        FailingOnceStore failing = new FailingOnceStore(new LuceneStore(dir.resolve("store"), Duration.ofDays(3650)));
        try (AlertManager alerts = AlertManager.open(dir.resolve("alerts"), List.of(), Backoff.DEFAULT, clock)) {
            Pipeline pipeline = new Pipeline(new RuleEngine(lateNight()), failing, alerts, clock, null);
            try (WalIngest ingest = WalIngest.start(WriteAheadLog.open(dir.resolve("wal")), pipeline,
                    new WalIngest.Limits(1000, 10, Duration.ofMillis(50)))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                for (int batch = 0; batch < 6; batch++) {
                    // While the store fails the service answers Busy (503) and logs nothing; a producer sends again.
                    WalIngest.Admission admission;
                    while ((admission = ingest.submit(events(10, batch * 10), System.nanoTime())) instanceof WalIngest.Busy busy) {
                        assertThat(busy.reason()).contains("store unavailable");
                        assertThat(System.nanoTime()).as("accepted again within 20 s").isLessThan(deadline);
                        Thread.sleep(10); // polling, as a producer honouring Retry-After would
                    }
                    assertThat(admission).isInstanceOf(WalIngest.Accepted.class);
                }
                Eventually.await("all processed", Duration.ofSeconds(20), () -> ingest.processed() == 60);
                assertThat(failing.failures.get()).isGreaterThan(1);
                assertThat(pipeline.ruleStats().getFirst().hits()).isEqualTo(60); // the rules saw each event once
                Eventually.awaitChecked("all stored", Duration.ofSeconds(10), () -> failing.search(EventQuery.all(1)).total() == 60);
                assertThat(failing.search(EventQuery.all(100)).events()).extracting(e -> e.get("_id").asText()).doesNotHaveDuplicates();
                assertThat(alerts.list(Alert.State.OPEN, 1000)).hasSize(60);
            }
        } finally {
            failing.close();
        }
    }
}
