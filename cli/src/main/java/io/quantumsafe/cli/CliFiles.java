package io.quantumsafe.cli;

import io.quantumsafe.crypto.keystore.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Bounded file reads and atomic, permission-aware writes for the CLI. */
final class CliFiles {
    /** Messages are signed in memory; larger inputs should be hashed first and the digest signed. */
    static final long messageBytesMax = 256L * 1024 * 1024;
    /** Signatures, ciphertexts and keys are all far below this. */
    static final long smallFileBytesMax = 1024 * 1024;

    private CliFiles() {}

    static byte[] read(Path file, long bytesMax, String what) {
        try {
            long size = Files.size(file);
            if (size > bytesMax) {
                throw new CommandFailure(what + " " + file + " is " + size + " bytes; the limit is " + bytesMax);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    static String readText(Path file, long bytesMax, String what) {
        return new String(read(file, bytesMax, what), StandardCharsets.UTF_8);
    }

    /** Writes atomically; {@code secret} files are created owner-only (0600). */
    static void write(Path file, byte[] content, boolean secret) {
        try {
            SecureFiles.writeAtomically(file, content, secret);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + file + ": " + e.getMessage());
        }
    }
}
