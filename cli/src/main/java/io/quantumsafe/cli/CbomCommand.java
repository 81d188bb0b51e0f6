package io.quantumsafe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cbom", mixinStandardHelpOptions = true,
        description = {"The cryptography observed by a running audit service as a CycloneDX 1.6 CBOM (JSON): algorithms,",
                "parameter sets, TLS groups, keys by id; quantum-vulnerable ones flagged with NIST IR 8547 dates (default range 30d)."})
final class CbomCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    AuditHttp http;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it (default ${DEFAULT-VALUE}; '-' for stdout).")
    String out = "cbom.json";

    @Override
    public void run() {
        AuditHttp.write(http.get("/api/audit/cbom"), out, spec.commandLine().getOut());
    }
}
