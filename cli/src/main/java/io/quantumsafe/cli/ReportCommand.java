package io.quantumsafe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"An audit report for a time range from a running audit service: summary, alerts by rule and severity,",
                "anomalies, compliance per control with evidence, crypto inventory. See audit/README.md."})
final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    AuditHttp http;

    @Option(names = "--format", paramLabel = "pdf|csv|json", description = "Default ${DEFAULT-VALUE}.")
    String format = "pdf";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it ('-' for stdout; default audit-report.FORMAT).")
    String out;

    @Override
    public void run() {
        if (!format.equals("pdf") && !format.equals("csv") && !format.equals("json")) {
            throw new CommandFailure("--format must be pdf, csv or json, got '" + format + "'");
        }
        byte[] body = http.get("/api/audit/reports/" + format);
        AuditHttp.write(body, out != null ? out : "audit-report." + format, spec.commandLine().getOut());
    }
}
