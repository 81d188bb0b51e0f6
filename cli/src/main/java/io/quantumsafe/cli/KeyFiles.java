package io.quantumsafe.cli;

import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.crypto.keystore.KeyStore;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads the CLI's key files: encrypted .key files and PEM .pub files. */
final class KeyFiles {
    private KeyFiles() {}

    /** Decrypts a key file; the load, and a failed one (wrong password, tampered file), is reported to the engine's observer. */
    static PrivateKey loadPrivate(Path file, Passwords passwords, PqcEngine engine) {
        String text = CliFiles.readText(file, KeyFile.fileCharsMax, "key file");
        char[] password = passwords.forExistingKey(file.getFileName().toString());
        try {
            return KeyStore.decryptReported(text, password, engine).key();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static PublicKey loadPublic(Path file) {
        return KeyCodec.publicKeyFromPem(CliFiles.readText(file, CliFiles.smallFileBytesMax, "public key file"));
    }
}
