package io.quantumsafe.cli;

import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.audit.client.AuditSinks;
import io.quantumsafe.audit.client.CryptoAuditObserver;
import io.quantumsafe.crypto.PqcEngine;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --audit} option of the key and data commands: every engine operation they run is
 * reported to Audit Lite (or stdout, or a file) as one event, like any other producer's. The default
 * comes from {@code $QSAFE_AUDIT} so that a whole shell session or script is audited without
 * repeating the flag; without either, nothing is sent.
 */
public final class EngineAudit {
    public static final String ENVIRONMENT_VARIABLE = "QSAFE_AUDIT";

    @Option(names = "--audit", paramLabel = "SINK",
            description = "Report each crypto operation as an audit event: none, stdout, file:PATH, or the URL of "
                    + "Audit Lite's /api/audit/events (default: $" + ENVIRONMENT_VARIABLE + ", else none).")
    String audit;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "client_id in the audit events (default: $USER, else qsafe-cli).")
    String clientId;

    /** An engine whose operations go to the configured sink; close it to deliver what is queued. */
    Session open(PrintWriter err) {
        String spec = audit != null ? audit : System.getenv(ENVIRONMENT_VARIABLE);
        String caller = clientId != null ? clientId : System.getenv().getOrDefault("USER", "qsafe-cli");
        if (spec == null || spec.isBlank() || spec.equals("none")) {
            return new Session(PqcEngine.builder().callerId(caller).build(), null, err);
        }
        AuditSink sink;
        try {
            sink = AuditSinks.parse(spec.strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure("cannot open the audit sink: " + e.getMessage());
        }
        return new Session(PqcEngine.builder().callerId(caller).observer(new CryptoAuditObserver(sink)).build(), sink, err);
    }

    /** The engine plus its sink; closing drains the sink within a bound and says if events were lost. */
    static final class Session implements AutoCloseable {
        final PqcEngine engine;
        private final AuditSink sink;
        private final PrintWriter err;

        private Session(PqcEngine engine, AuditSink sink, PrintWriter err) {
            this.engine = engine;
            this.sink = sink;
            this.err = err;
        }

        @Override
        public void close() {
            if (sink == null) return;
            sink.close(); // bounded: the sink drains for at most 10 s
            // An audit trail that silently lost events is worse than none: say so, but the operation
            // itself succeeded and its output is already written, so the exit code stays 0.
            if (sink.dropped() > 0) {
                err.printf("warning: %d audit event(s) could not be delivered to %s%n", sink.dropped(), describe());
                err.flush();
            }
        }

        private String describe() {
            return sink.getClass().getSimpleName();
        }
    }
}
