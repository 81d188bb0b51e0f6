package io.quantumsafe.audit.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * A rule as written in YAML, before its condition is compiled.
 *
 * @param groupBy event fields whose values form the window and suppression key; empty: one key for all events
 * @param threshold matches per key within {@code window} that make the rule fire (1: every match fires)
 * @param suppressFor after an alert, further firings for the same key within this time are not alerted
 */
public record RuleDefinition(String id, String description, String condition, Severity severity, List<String> tags,
                             List<String> groupBy, Duration window, int threshold, Duration suppressFor, boolean enabled,
                             List<Test> tests, Location location) {

    /** Where the rule and its condition start in the file, for error messages. */
    public record Location(String source, int line, int column, int conditionLine, int conditionColumn, boolean conditionBlock) {}

    /** An inline test: events fed in order to a fresh copy of the rule; {@code fires}: whether any of them alerts. */
    public record Test(String name, List<ObjectNode> events, boolean fires, int line) {}

    /** Whether two definitions count the same way, so that window state can survive a reload. */
    boolean sameCounting(RuleDefinition other) {
        return condition.equals(other.condition) && groupBy.equals(other.groupBy) && window.equals(other.window)
                && threshold == other.threshold && suppressFor.equals(other.suppressFor);
    }
}
