package io.quantumsafe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the qsafe command: exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun qsafe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Qsafe.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
