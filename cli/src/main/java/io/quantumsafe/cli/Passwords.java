package io.quantumsafe.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a key password comes from: a file, the QSAFE_KEY_PASSWORD environment variable, or the
 * terminal. Never a command-line argument, which other users can read from the process list.
 */
public final class Passwords {
    public static final String ENVIRONMENT_VARIABLE = "QSAFE_KEY_PASSWORD";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the key password (else $" + ENVIRONMENT_VARIABLE + ", else a prompt).")
    Path passwordFile;

    /** The password for an existing key. */
    public char[] forExistingKey(String what) {
        return read(what, false);
    }

    /** The password for a new key: typed twice at a prompt. */
    public char[] forNewKey(String what) {
        return read(what, true);
    }

    private char[] read(String what, boolean confirm) {
        return read(passwordFile, ENVIRONMENT_VARIABLE, what, confirm);
    }

    /** From {@code file}, else the environment variable, else the terminal (typed twice if {@code confirm}). */
    static char[] read(Path file, String environmentVariable, String what, boolean confirm) {
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int newline = text.indexOf('\n');
                String line = newline >= 0 ? text.substring(0, newline) : text;
                return line.strip().toCharArray();
            } catch (IOException e) {
                throw new CommandFailure("cannot read password file " + file + ": " + e.getMessage());
            }
        }
        String fromEnvironment = System.getenv(environmentVariable);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) return fromEnvironment.toCharArray();
        Console console = System.console();
        if (console == null) {
            throw new CommandFailure("no password for " + what + ": give a password file or set " + environmentVariable);
        }
        char[] password = console.readPassword("Password for %s: ", what);
        if (confirm) {
            char[] again = console.readPassword("Repeat the password: ");
            if (!java.util.Arrays.equals(password, again)) throw new CommandFailure("the passwords do not match");
        }
        return password;
    }
}
