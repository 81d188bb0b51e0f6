package io.quantumsafe.audit.rules;

import dev.cel.runtime.CelEvaluationException;
import io.quantumsafe.audit.event.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every enabled rule on each event: {@code evaluate(event) -> (hits, firings)}. Pure and
 * single-threaded, in the shape of etcd's raft: time is the event's timestamp, windows and
 * suppression are bounded plain data, no threads or clocks; the caller serialises calls.
 */
public final class RuleEngine {
    /** Keys per rule for window and suppression state; at about 100 bytes a key, 10 MB per rule at most. */
    public static final int keysPerRuleDefault = 100_000;

    private final int keysPerRuleMax;
    private RuleSet rules;
    private Map<String, RuleState> states = new HashMap<>();

    public RuleEngine(RuleSet rules) {
        this(rules, keysPerRuleDefault);
    }

    public RuleEngine(RuleSet rules, int keysPerRuleMax) {
        this.keysPerRuleMax = keysPerRuleMax;
        replace(rules);
    }

    /**
     * @param hits ids of the rules whose condition matched (stored with the event)
     * @param firings rules that fired (threshold reached) and were not suppressed: the alerts
     */
    public record Evaluation(List<String> hits, List<Firing> firings) {
        static final Evaluation NONE = new Evaluation(List.of(), List.of());
    }

    public Evaluation evaluate(AuditEvent event) {
        EventVariables variables = new EventVariables(event);
        List<String> hits = null;
        List<Firing> firings = null;
        long time = event.timestamp().toEpochMilli();
        for (CompiledRule rule : rules.rules()) {
            RuleDefinition definition = rule.definition();
            if (!definition.enabled()) continue;
            RuleState state = states.get(definition.id());
            try {
                if (!rule.matches(variables)) continue;
            } catch (CelEvaluationException | RuntimeException e) {
                state.errors++;
                continue;
            }
            state.hits++;
            if (hits == null) hits = new ArrayList<>(2);
            hits.add(definition.id());
            String key = key(definition, event);
            int count = state.windows.match(key, time);
            if (count == 0 || !state.suppressions.admit(key, time)) continue;
            state.firings++;
            if (firings == null) firings = new ArrayList<>(1);
            firings.add(new Firing(definition, key, count));
        }
        if (hits == null) return Evaluation.NONE;
        return new Evaluation(hits, firings == null ? List.of() : firings);
    }

    private static String key(RuleDefinition rule, AuditEvent event) {
        List<String> fields = rule.groupBy();
        if (fields.isEmpty()) return "";
        if (fields.size() == 1) return event.text(fields.getFirst());
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) key.append('|');
            key.append(event.text(fields.get(i)));
        }
        return key.toString();
    }

    /**
     * Switches to {@code next}. A rule that counts the same way as before (same condition, group_by,
     * window, threshold, suppression) keeps its window and suppression state, so a reload does not
     * forget four failures out of five.
     */
    public void replace(RuleSet next) {
        Map<String, RuleState> kept = new LinkedHashMap<>();
        for (CompiledRule rule : next.rules()) {
            RuleState old = states.get(rule.id());
            boolean same = old != null && rules != null && rules.rule(rule.id()) != null
                    && rules.rule(rule.id()).definition().sameCounting(rule.definition());
            kept.put(rule.id(), same ? old : new RuleState(rule.definition(), keysPerRuleMax));
        }
        this.rules = next;
        this.states = kept;
    }

    public RuleSet rules() { return rules; }

    /** Counters of one rule since it was loaded. */
    public record RuleStats(String id, long hits, long firings, long suppressed, long errors, int windowKeys, long windowEvictions) {}

    public List<RuleStats> stats() {
        List<RuleStats> result = new ArrayList<>();
        for (CompiledRule rule : rules.rules()) {
            RuleState state = states.get(rule.id());
            result.add(new RuleStats(rule.id(), state.hits, state.firings, state.suppressions.suppressed(), state.errors,
                    state.windows.keyCount(), state.windows.evictions()));
        }
        return result;
    }

    private static final class RuleState {
        final KeyedWindows windows;
        final Suppressions suppressions;
        long hits;
        long firings;
        long errors;

        RuleState(RuleDefinition rule, int keysMax) {
            this.windows = new KeyedWindows(rule.window().toMillis(), rule.threshold(), keysMax);
            this.suppressions = new Suppressions(rule.suppressFor().toMillis(), keysMax);
        }
    }
}
