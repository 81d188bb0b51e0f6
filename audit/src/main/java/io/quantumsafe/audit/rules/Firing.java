package io.quantumsafe.audit.rules;

/**
 * A rule that fired on an event and was not suppressed: what becomes an alert.
 *
 * @param key the group_by values joined with '|' ("" without group_by)
 * @param count matches counted in the window when it fired (1 for rules without a threshold)
 */
public record Firing(RuleDefinition rule, String key, int count) {
    public String ruleId() { return rule.id(); }
}
