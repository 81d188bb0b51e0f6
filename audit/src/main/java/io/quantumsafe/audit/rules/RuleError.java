package io.quantumsafe.audit.rules;

/**
 * A problem in a rules file, located for the person who has to fix it: file, line and column
 * (1-based) and, where known, the id of the rule it is in.
 */
public record RuleError(String source, String ruleId, int line, int column, String message) {
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + (ruleId == null ? "" : "rule '" + ruleId + "': ") + message;
    }
}
