package io.quantumsafe.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The operator's bearer token for a validator's client API: full read access (any account,
 * {@code /metrics}) for monitoring and tooling. Validators store only its SHA-256, so a leaked
 * {@code node.yaml} grants nothing; the token itself sits in a file readable by its owner only.
 */
public final class OperatorToken {
    public static final String FILE = "operator.token";
    /** 32 random bytes in hex. */
    public static final int tokenChars = 64;

    private OperatorToken() {}

    public static String generate() {
        byte[] bytes = new byte[tokenChars / 2];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] sha256(String token) {
        return io.quantumsafe.consensus.Digest.sha256(token.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    public static String sha256Hex(String token) { return HexFormat.of().formatHex(sha256(token)); }

    /** Writes the token to a new file with mode 600 (created so, never widened afterwards). */
    public static void write(Path file, String token) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(file + " already exists; remove it or keep the network it belongs to");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a token file written by {@link #write}. */
    public static String read(Path file) {
        try {
            if (Files.size(file) > tokenChars + 2L) throw new ConfigException(file + " is not an operator token (too long)");
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() != tokenChars) throw new ConfigException(file + " is not an operator token (" + token.length() + " characters, expected " + tokenChars + ")");
            return token;
        } catch (IOException e) {
            throw new ConfigException("cannot read the operator token " + file + ": " + e.getMessage());
        }
    }
}
