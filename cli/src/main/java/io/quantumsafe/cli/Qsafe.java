package io.quantumsafe.cli;

import io.quantumsafe.crypto.CryptoException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qsafe} command. Every subcommand prints a one-line reason and exits non-zero on
 * failure: 1 for a failed operation (a signature that does not verify, a wrong password, a bad
 * file), 2 for a usage error.
 */
@Command(name = "qsafe",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "QuantumSafe: post-quantum security for payment infrastructure.",
        subcommands = {
                AlgorithmsCommand.class,
                KeygenCommand.class,
                SignCommand.class,
                VerifyCommand.class,
                KemCommand.class,
                CaCommand.class,
                CertCommand.class,
                SidecarCommand.class,
                AuditCommand.class,
                RulesCommand.class,
                ReportCommand.class,
                CbomCommand.class,
                AnomalyCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                SimCommand.class,
                NetworkCommand.class,
                NodeCommand.class,
                VerifierCommand.class,
                ClientCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Qsafe implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs qsafe with the given output streams; returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Qsafe());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(Qsafe::exitCodeOf);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("qsafe: " + reasonOf(exception));
            cmd.getErr().flush();
            return exitCodeOf(exception);
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int exitCodeOf(Throwable exception) {
        return exception instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILED;
    }

    private static String reasonOf(Throwable exception) {
        return switch (exception) {
            case CommandFailure failure -> failure.getMessage();
            case CryptoException crypto -> crypto.getMessage();
            case UncheckedIOException io -> io.getMessage();
            case java.io.IOException io -> "I/O error: " + io.getMessage();
            case NoSuchElementException missing -> missing.getMessage();
            case IllegalArgumentException bad -> bad.getMessage();
            case IllegalStateException bad -> bad.getMessage();
            default -> exception.getClass().getSimpleName() + ": " + exception.getMessage();
        };
    }
}
