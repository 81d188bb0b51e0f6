package io.quantumsafe.cli;

import io.quantumsafe.crypto.CryptoEvent;
import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.CryptoOperation;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.crypto.keystore.KeyMetadata;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads the CLI's key files: encrypted .key files and PEM .pub files. */
final class KeyFiles {
    private KeyFiles() {}

    /** Decrypts a key file; the load, and a failed one (wrong password, tampered file), is reported to the engine's observer. */
    static PrivateKey loadPrivate(Path file, Passwords passwords, PqcEngine engine) {
        String text = CliFiles.readText(file, KeyFile.fileCharsMax, "key file");
        KeyMetadata claimed = KeyFile.readMetadata(text);
        char[] password = passwords.forExistingKey(file.getFileName().toString());
        long start = System.nanoTime();
        try {
            KeyFile.Loaded loaded = KeyFile.decrypt(text, password);
            engine.report(CryptoOperation.KEY_LOAD, loaded.metadata().algorithm(), loaded.metadata().versionedId(), start, 0,
                    CryptoEvent.Status.OK, null);
            return loaded.key();
        } catch (CryptoException e) {
            engine.report(CryptoOperation.KEY_LOAD, claimed.algorithm(), claimed.versionedId(), start, 0,
                    CryptoEvent.Status.FAILED, e);
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static PublicKey loadPublic(Path file) {
        return KeyCodec.publicKeyFromPem(CliFiles.readText(file, CliFiles.smallFileBytesMax, "public key file"));
    }
}
