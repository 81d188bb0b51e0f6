package io.quantumsafe.audit.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/** A rule whose condition has been compiled to a CEL program (once per load). */
public record CompiledRule(RuleDefinition definition, CelRuntime.Program program) {
    public String id() { return definition.id(); }

    /** Whether the condition holds; a condition that fails at run time (say a missing map key) is false and counted. */
    boolean matches(EventVariables variables) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(variables));
    }
}
