package io.quantumsafe.audit.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.EventValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tests written inside a rules file: each test feeds its events, in order, to a fresh
 * engine holding only its rule, and checks whether the rule fired. Test events may leave out
 * required fields; they are filled from {@link #baseEvent()}.
 */
public final class RuleTests {
    private RuleTests() {}

    public record Outcome(String ruleId, String testName, int line, boolean passed, String message) {}

    /** A valid event that test events are laid over: 2025-08-03T12:00:00Z, a successful ML-DSA-65 sign. */
    public static ObjectNode baseEvent() {
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        base.put("timestamp", "2025-08-03T12:00:00Z");
        base.put("component", "pqc-engine");
        base.put("operation", "sign");
        base.put("algorithm", "ML-DSA-65");
        base.put("duration_ms", 0.5);
        base.put("status", "OK");
        base.put("client_id", "test-client");
        base.put("payload_size", 512);
        return base;
    }

    public static List<Outcome> run(RuleSet rules) {
        List<Outcome> outcomes = new ArrayList<>();
        for (CompiledRule rule : rules.rules()) {
            for (RuleDefinition.Test test : rule.definition().tests()) outcomes.add(run(rule, test));
        }
        return outcomes;
    }

    private static Outcome run(CompiledRule rule, RuleDefinition.Test test) {
        RuleDefinition enabled = rule.definition();
        if (!enabled.enabled()) {
            // A disabled rule's tests still say what it would do once enabled.
            enabled = new RuleDefinition(enabled.id(), enabled.description(), enabled.condition(), enabled.severity(), enabled.tags(),
                    enabled.groupBy(), enabled.window(), enabled.threshold(), enabled.suppressFor(), true, enabled.tests(),
                    enabled.location());
        }
        RuleEngine engine = new RuleEngine(RuleSet.empty());
        engine.replace(RuleSet.ofCompiled(List.of(new CompiledRule(enabled, rule.program()))));
        int fired = 0;
        for (int i = 0; i < test.events().size(); i++) {
            ObjectNode event = baseEvent();
            event.setAll(test.events().get(i));
            EventValidator.Result valid = EventValidator.validate(event);
            if (!valid.valid()) {
                return new Outcome(rule.id(), test.name(), test.line(), false, "event " + (i + 1) + " is not valid: " + valid.errors());
            }
            fired += engine.evaluate(valid.event()).firings().size();
        }
        boolean passed = (fired > 0) == test.fires();
        String message = passed ? "ok" : (test.fires() ? "expected the rule to fire; it did not"
                : "expected the rule not to fire; it fired " + fired + " time(s)");
        return new Outcome(rule.id(), test.name(), test.line(), passed, message);
    }
}
