package io.quantumsafe.audit.server;

import io.quantumsafe.audit.ingest.Pipeline;
import io.quantumsafe.audit.rules.RuleError;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.rules.RuleSources;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the rules files and swaps in the new rules when their text changes. A file that does not
 * compile keeps the old rules running; the reason (rule id, line, column) is logged and served by
 * GET /api/audit/rules until a good version replaces it. Polling the text is simpler and more
 * portable than WatchService (which misses edits through symlinks, as Kubernetes ConfigMaps make).
 */
final class RulesReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RulesReloader.class);

    private final List<String> specs;
    private final Pipeline pipeline;
    private final Clock clock;
    private final Thread watcher;
    private volatile List<RuleSet.Source> current;
    private volatile String lastError;
    private volatile Instant loadedAt;
    private volatile boolean closing;

    /** Compiles the rules once; a failure here stops the start-up with the errors. */
    static RuleSet initial(List<String> specs) throws IOException {
        RuleSet.Load load = RuleSet.compile(RuleSources.read(specs));
        if (!load.ok()) throw new IllegalArgumentException("rules do not compile:\n" + describe(load.errors()));
        return load.rules();
    }

    RulesReloader(List<String> specs, Pipeline pipeline, Duration interval, Clock clock) throws IOException {
        this.specs = List.copyOf(specs);
        this.pipeline = pipeline;
        this.clock = clock;
        this.current = RuleSources.read(specs);
        this.loadedAt = clock.instant();
        this.watcher = interval.isZero() ? null
                : Thread.ofPlatform().daemon(true).name("qsafe-rules-reload").start(() -> watch(interval));
    }

    private void watch(Duration interval) {
        while (!closing) {
            try {
                Thread.sleep(interval); // a poll interval, not a race: nothing waits on this thread
            } catch (InterruptedException e) {
                return;
            }
            checkNow();
        }
    }

    /** Reads the files; if any text changed, compiles and swaps or reports. Returns whether the rules changed. */
    synchronized boolean checkNow() {
        List<RuleSet.Source> latest;
        try {
            latest = RuleSources.read(specs);
        } catch (IOException e) {
            report("cannot read rules: " + e.getMessage());
            return false;
        }
        if (latest.equals(current)) return false;
        RuleSet.Load load = RuleSet.compile(latest);
        current = latest;
        if (!load.ok()) {
            report("new rules rejected, previous rules still running:\n" + describe(load.errors()));
            return false;
        }
        pipeline.replaceRules(load.rules());
        lastError = null;
        loadedAt = clock.instant();
        log.info("rules reloaded: {} rules from {}", load.rules().size(), specs);
        return true;
    }

    private void report(String message) {
        if (!message.equals(lastError)) log.error(message);
        lastError = message;
    }

    static String describe(List<RuleError> errors) {
        return errors.stream().map(RuleError::toString).collect(Collectors.joining("\n"));
    }

    List<String> sources() { return specs; }

    String lastError() { return lastError; }

    Instant loadedAt() { return loadedAt; }

    @Override
    public void close() {
        closing = true;
        if (watcher != null) watcher.interrupt();
    }
}
