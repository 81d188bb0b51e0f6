package io.quantumsafe.cli;

import io.quantumsafe.audit.rules.RuleError;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.rules.RuleSources;
import io.quantumsafe.audit.rules.RuleTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "Audit rules files: validate them, run their inline tests.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Test.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static RuleSet compile(List<String> files, PrintWriter err) {
        RuleSet.Load load;
        try {
            load = RuleSet.compile(RuleSources.read(files));
        } catch (IOException e) {
            throw new CommandFailure("cannot read rules: " + e.getMessage());
        }
        if (!load.ok()) {
            for (RuleError error : load.errors()) err.println(error);
            err.flush();
            throw new CommandFailure(load.errors().size() + " error(s) in " + String.join(", ", files));
        }
        return load.rules();
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Parse and compile rules files (or pack:NAME); print each error with file:line:column and rule id.")
    static final class Check implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE|pack:NAME")
        List<String> files;

        @Override
        public void run() {
            RuleSet rules = compile(files, spec.commandLine().getErr());
            long enabled = rules.rules().stream().filter(rule -> rule.definition().enabled()).count();
            long tests = rules.rules().stream().mapToLong(rule -> rule.definition().tests().size()).sum();
            spec.commandLine().getOut().printf("ok: %d rules (%d enabled, %d inline tests) in %s%n", rules.size(), enabled, tests,
                    String.join(", ", files));
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the tests written inside rules files: each test's events through a fresh copy of its rule.")
    static final class Test implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE|pack:NAME")
        List<String> files;

        @Override
        public void run() {
            RuleSet rules = compile(files, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            int passed = 0;
            int failed = 0;
            for (RuleTests.Outcome outcome : RuleTests.run(rules)) {
                if (outcome.passed()) passed++;
                else failed++;
                out.printf("%s  %s: %s%s%n", outcome.passed() ? "PASS" : "FAIL", outcome.ruleId(), outcome.testName(),
                        outcome.passed() ? "" : " (line " + outcome.line() + ": " + outcome.message() + ")");
            }
            out.printf("rules: %d passed, %d failed%n", passed, failed);
            out.flush();
            if (failed > 0) throw new CommandFailure(failed + " rule test(s) failed");
        }
    }
}
