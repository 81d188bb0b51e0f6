package io.quantumsafe.crypto.keystore;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoEvent;
import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.CryptoOperation;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.MalformedInputException;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of encrypted private keys and their public keys, with versions for rotation.
 *
 * <p>Layout: the current version of key {@code id} is {@code id.key} (encrypted, see {@link KeyFile})
 * and {@code id.pub} (PEM); rotation archives it as {@code id.v<N>.key} / {@code id.v<N>.pub} and
 * writes version N+1 as the current one. Old versions stay, so that signatures and ciphertexts made
 * with them can still be verified and decrypted. Files are written to a temporary name, synced and
 * renamed, so a crash never leaves a half-written key.
 */
public final class KeyStore {
    private static final Pattern ARCHIVED = Pattern.compile("(.+)\\.v(\\d+)\\.key");

    private final Path directory;
    private final PqcEngine engine;
    private final KdfParameters kdf;
    private final Clock clock;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    private KeyStore(Path directory, PqcEngine engine, KdfParameters kdf, Clock clock) {
        this.directory = directory;
        this.engine = engine;
        this.kdf = kdf;
        this.clock = clock;
    }

    /** Opens (creating if needed, owner-only) the key store in {@code directory}. */
    public static KeyStore open(Path directory, PqcEngine engine) {
        return open(directory, engine, KdfParameters.DEFAULT, Clock.systemUTC());
    }

    public static KeyStore open(Path directory, PqcEngine engine, KdfParameters kdf, Clock clock) {
        try {
            SecureFiles.createPrivateDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create key store directory " + directory + ": " + e.getMessage(), e);
        }
        return new KeyStore(directory, engine, kdf, clock);
    }

    public Path directory() { return directory; }

    /** Generates version 1 of a new key. Refuses to overwrite an existing key: rotate it instead. */
    public KeyMetadata generate(String keyId, Algorithm algorithm, KeyPurpose purpose, Duration cryptoperiod,
                                char[] password) {
        if (Files.exists(currentFile(keyId, ".key"))) {
            throw new IllegalStateException("key '" + keyId + "' already exists in " + directory + "; rotate it instead");
        }
        KeyPair pair = engine.generateKeyPair(algorithm);
        try {
            return write(keyId, 1, pair.privateKey(), purpose, cryptoperiod, password);
        } finally {
            pair.privateKey().destroy();
        }
    }

    /** Stores an existing private key as version 1 of {@code keyId}. */
    public KeyMetadata importKey(String keyId, PrivateKey key, KeyPurpose purpose, Duration cryptoperiod, char[] password) {
        if (Files.exists(currentFile(keyId, ".key"))) {
            throw new IllegalStateException("key '" + keyId + "' already exists in " + directory);
        }
        return write(keyId, 1, key, purpose, cryptoperiod, password);
    }

    /**
     * Replaces the current version of {@code keyId} with a new key of the same algorithm, purpose and
     * cryptoperiod, archiving the old one. The password must open the current version.
     */
    public KeyMetadata rotate(String keyId, char[] password) {
        long start = System.nanoTime();
        KeyFile.Loaded current = loadFile(currentFile(keyId, ".key"), password);
        current.key().destroy();
        KeyMetadata old = current.metadata();
        Duration cryptoperiod = old.notAfter() == null ? null : Duration.between(old.created(), old.notAfter());
        try {
            int archived = old.version();
            Files.move(currentFile(keyId, ".key"), versionFile(keyId, archived, ".key"));
            Files.move(currentFile(keyId, ".pub"), versionFile(keyId, archived, ".pub"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive version " + old.version() + " of key " + keyId + ": " + e.getMessage(), e);
        }
        KeyPair pair = engine.generateKeyPair(old.algorithm());
        try {
            KeyMetadata rotated = write(keyId, old.version() + 1, pair.privateKey(), old.purpose(), cryptoperiod, password);
            engine.report(CryptoOperation.KEY_ROTATE, old.algorithm(), rotated.versionedId(), start, 0, CryptoEvent.Status.OK, null);
            return rotated;
        } finally {
            pair.privateKey().destroy();
        }
    }

    /** Loads the current version of {@code keyId}. */
    public PrivateKey load(String keyId, char[] password) {
        return loadFile(currentFile(keyId, ".key"), password).key();
    }

    /** Loads a specific version, current or archived. */
    public PrivateKey load(String keyId, int version, char[] password) {
        return loadFile(fileOfVersion(keyId, version, ".key"), password).key();
    }

    public PublicKey publicKey(String keyId) {
        return readPublicKey(currentFile(keyId, ".pub"));
    }

    public PublicKey publicKey(String keyId, int version) {
        return readPublicKey(fileOfVersion(keyId, version, ".pub"));
    }

    /** Metadata of the current version of every key, read from the headers (unauthenticated). */
    public List<KeyMetadata> list() {
        List<KeyMetadata> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".key") && !ARCHIVED.matcher(name).matches()) {
                    result.add(KeyFile.readMetadata(Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list key store " + directory + ": " + e.getMessage(), e);
        }
        result.sort(Comparator.comparing(KeyMetadata::keyId));
        return result;
    }

    /** Every version of {@code keyId}, oldest first. */
    public List<Integer> versions(String keyId) {
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Matcher m = ARCHIVED.matcher(file.getFileName().toString());
                if (m.matches() && m.group(1).equals(keyId)) versions.add(Integer.parseInt(m.group(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list key store " + directory + ": " + e.getMessage(), e);
        }
        Path current = currentFile(keyId, ".key");
        if (Files.exists(current)) versions.add(KeyFile.readMetadata(readText(current)).version());
        versions.sort(Comparator.naturalOrder());
        return versions;
    }

    private KeyMetadata write(String keyId, int version, PrivateKey key, KeyPurpose purpose, Duration cryptoperiod,
                              char[] password) {
        long start = System.nanoTime();
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = cryptoperiod == null ? null : created.plus(cryptoperiod);
        KeyMetadata metadata = new KeyMetadata(keyId, version, key.algorithm(), purpose, created, notAfter,
                key.publicKey().fingerprint());
        String text = KeyFile.encrypt(key, metadata, password, kdf, random);
        try {
            SecureFiles.writeAtomically(currentFile(keyId, ".key"), text, true);
            SecureFiles.writeAtomically(currentFile(keyId, ".pub"), KeyCodec.toPem(key.publicKey()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key " + keyId + " to " + directory + ": " + e.getMessage(), e);
        }
        engine.report(CryptoOperation.KEY_STORE, key.algorithm(), metadata.versionedId(), start, text.length(),
                CryptoEvent.Status.OK, null);
        return metadata;
    }

    private KeyFile.Loaded loadFile(Path file, char[] password) {
        return decryptReported(readText(file), password, engine);
    }

    /**
     * Decrypts a key file's text and reports the load to the engine's observer, a failed one (wrong
     * password, tampered file) included: for key files read outside a store, e.g. by the CLI.
     */
    public static KeyFile.Loaded decryptReported(String text, char[] password, PqcEngine engine) {
        long start = System.nanoTime();
        KeyMetadata claimed = KeyFile.readMetadata(text);
        try {
            KeyFile.Loaded loaded = KeyFile.decrypt(text, password);
            engine.report(CryptoOperation.KEY_LOAD, loaded.metadata().algorithm(), loaded.metadata().versionedId(),
                    start, 0, CryptoEvent.Status.OK, null);
            return loaded;
        } catch (CryptoException e) {
            engine.report(CryptoOperation.KEY_LOAD, claimed.algorithm(), claimed.versionedId(), start, 0,
                    CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    private PublicKey readPublicKey(Path file) {
        return KeyCodec.publicKeyFromPem(readText(file));
    }

    private Path fileOfVersion(String keyId, int version, String suffix) {
        Path archived = versionFile(keyId, version, suffix);
        if (Files.exists(archived)) return archived;
        Path current = currentFile(keyId, suffix);
        if (Files.exists(current) && KeyFile.readMetadata(readText(currentFile(keyId, ".key"))).version() == version) {
            return current;
        }
        throw new NoSuchElementException("key " + keyId + " has no version " + version + " in " + directory);
    }

    private Path currentFile(String keyId, String suffix) {
        checkKeyId(keyId);
        return directory.resolve(keyId + suffix);
    }

    private Path versionFile(String keyId, int version, String suffix) {
        checkKeyId(keyId);
        return directory.resolve(keyId + ".v" + version + suffix);
    }

    private static void checkKeyId(String keyId) {
        if (!KeyMetadata.KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id '" + keyId + "' must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
        }
    }

    private String readText(Path file) {
        try {
            if (!Files.exists(file)) throw new NoSuchElementException("no key file " + file);
            if (Files.size(file) > KeyFile.fileCharsMax) {
                throw new MalformedInputException(file + " is larger than any key file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
