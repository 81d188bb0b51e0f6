package io.quantumsafe.audit.server;

import io.quantumsafe.audit.anomaly.AnomalyStage;
import io.quantumsafe.audit.anomaly.ModelStore;
import io.quantumsafe.audit.config.AnomalyConfig;
import io.quantumsafe.audit.store.EventStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains the batch model on the last {@code train-window} of stored events: on schedule and on demand, one at a time. */
final class AnomalyTraining {
    private static final Logger log = LoggerFactory.getLogger(AnomalyTraining.class);

    static final class AlreadyRunning extends Exception {}

    private final AnomalyStage stage;
    private final EventStore store;
    private final AnomalyConfig config;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    AnomalyTraining(AnomalyStage stage, EventStore store, AnomalyConfig config, Clock clock) {
        this.stage = stage;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    ModelStore.Saved trainNow() throws IOException, AlreadyRunning {
        if (!running.tryLock()) throw new AlreadyRunning();
        try {
            Instant to = clock.instant();
            Instant from = to.minus(config.trainWindow());
            long started = System.nanoTime();
            ModelStore.Saved saved = stage.train(io.quantumsafe.audit.anomaly.AnomalyStage.scan(store, from, to, config.trainEventsMax()), from, to);
            log.info("anomaly: batch model v{} trained on {} events ({} points) in {} ms", saved.version(), saved.events(), saved.points(),
                    (System.nanoTime() - started) / 1_000_000);
            return saved;
        } finally {
            running.unlock();
        }
    }

    /** The scheduled run: failures are logged, not thrown (the executor would stop scheduling). */
    void scheduled() {
        try {
            trainNow();
        } catch (AlreadyRunning e) {
            log.info("anomaly: scheduled training skipped, one is running");
        } catch (IOException | RuntimeException e) {
            log.error("anomaly: scheduled training failed", e);
        }
    }
}
