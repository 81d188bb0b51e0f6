package io.quantumsafe.audit.rules;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled rules from one or more files, in file order. Immutable: a reload builds a new set.
 * Compilation errors name the rule id and the line and column in the file.
 */
public final class RuleSet {
    private final List<CompiledRule> rules;

    private RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleSet empty() { return new RuleSet(List.of()); }

    static RuleSet ofCompiled(List<CompiledRule> rules) { return new RuleSet(rules); }

    /** Rules and errors; with any error, the caller should keep its previous rules. */
    public record Load(RuleSet rules, List<RuleError> errors) {
        public boolean ok() { return errors.isEmpty(); }
    }

    /** A rules file's text, named {@code source} in messages. */
    public record Source(String name, String text) {}

    public static Load compile(List<Source> sources) {
        List<RuleError> errors = new ArrayList<>();
        List<CompiledRule> compiled = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Source source : sources) {
            RuleFileParser.Result parsed = RuleFileParser.parse(source.name(), source.text());
            errors.addAll(parsed.errors());
            for (RuleDefinition definition : parsed.rules()) {
                String earlier = seen.putIfAbsent(definition.id(), source.name());
                if (earlier != null) {
                    errors.add(new RuleError(source.name(), definition.id(), definition.location().line(),
                            definition.location().column(), "rule id already defined in " + earlier));
                    continue;
                }
                CompiledRule rule = compile(definition, errors);
                if (rule != null) compiled.add(rule);
            }
        }
        return new Load(new RuleSet(compiled), List.copyOf(errors));
    }

    public static Load compile(String name, String text) { return compile(List.of(new Source(name, text))); }

    private static CompiledRule compile(RuleDefinition definition, List<RuleError> errors) {
        CelValidationResult result = CelEnvironment.COMPILER.compile(definition.condition());
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) errors.add(error(definition, issue));
            return null;
        }
        try {
            return new CompiledRule(definition, CelEnvironment.RUNTIME.createProgram(result.getAst()));
        } catch (CelEvaluationException | dev.cel.common.CelValidationException e) {
            RuleDefinition.Location at = definition.location();
            errors.add(new RuleError(at.source(), definition.id(), at.conditionLine(), at.conditionColumn(), e.getMessage()));
            return null;
        }
    }

    /** Maps a CEL issue (line 1-based within the condition, column 0-based) to the file's line and column. */
    private static RuleError error(RuleDefinition definition, CelIssue issue) {
        RuleDefinition.Location at = definition.location();
        int line = Math.max(1, issue.getSourceLocation().getLine());
        int column = Math.max(0, issue.getSourceLocation().getColumn());
        int fileLine = at.conditionBlock() ? at.conditionLine() + line - 1 : at.conditionLine();
        int fileColumn = at.conditionColumn() + (line == 1 || at.conditionBlock() ? column : 0);
        String message = issue.getMessage().replace(" (in container '')", "");
        return new RuleError(at.source(), definition.id(), fileLine, fileColumn, "condition: " + message);
    }

    public List<CompiledRule> rules() { return rules; }

    public int size() { return rules.size(); }

    public CompiledRule rule(String id) {
        for (CompiledRule rule : rules) if (rule.id().equals(id)) return rule;
        return null;
    }
}
