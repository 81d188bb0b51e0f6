package io.quantumsafe.crypto.keystore;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CorruptedKeyException;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.MalformedInputException;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.WrongPasswordException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The encrypted private key file: PEM-style armour, RFC 822-style headers with the key's metadata,
 * and the key's canonical encoding encrypted with AES-256-GCM under a key derived from a password
 * with Argon2id. The header block, byte for byte, is the GCM associated data, so the metadata is
 * authenticated with the key.
 *
 * <pre>
 * -----BEGIN QSAFE ENCRYPTED PRIVATE KEY-----
 * Format: qsafe-key-v1
 * Key-Id: accounting-signing
 * Version: 1
 * Algorithm: ML-DSA-65
 * Purpose: sign
 * Created: 2026-11-23T09:00:00Z
 * Not-After: 2027-11-23T09:00:00Z
 * Public-Key-Fingerprint: 5b1c0f4e8a9d2c71
 * KDF: argon2id m=65536 t=3 p=1
 * Salt: ...
 * Cipher: AES-256-GCM
 * Nonce: ...
 *
 * (base64 ciphertext and tag)
 * -----END QSAFE ENCRYPTED PRIVATE KEY-----
 * </pre>
 */
public final class KeyFile {
    static final String BEGIN = "-----BEGIN QSAFE ENCRYPTED PRIVATE KEY-----";
    static final String END = "-----END QSAFE ENCRYPTED PRIVATE KEY-----";
    static final String FORMAT = "qsafe-key-v1";
    /** The largest key (ML-DSA-87 PKCS#8, 4.9 KB) in base64 with headers, with room to spare. */
    public static final int fileCharsMax = 32 * 1024;
    static final int headerLinesMax = 32;
    static final int saltBytes = 16;
    static final int nonceBytes = 12;
    static final int tagBits = 128;
    /** New keys need at least this many password characters. */
    public static final int passwordCharsMin = 8;

    private KeyFile() {}

    /** A decrypted key with the metadata its file carried. */
    public record Loaded(PrivateKey key, KeyMetadata metadata) {}

    /** Encrypts {@code key} under {@code password}; the result is the file's text. */
    public static String encrypt(PrivateKey key, KeyMetadata metadata, char[] password, KdfParameters kdf,
                                 SecureRandom random) {
        if (password.length < passwordCharsMin) {
            throw new IllegalArgumentException("a key password needs at least " + passwordCharsMin + " characters");
        }
        if (metadata.algorithm() != key.algorithm()) {
            throw new IllegalArgumentException("metadata says " + metadata.algorithm() + " but the key is " + key.algorithm());
        }
        byte[] salt = new byte[saltBytes];
        byte[] nonce = new byte[nonceBytes];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Format", FORMAT);
        headers.put("Key-Id", metadata.keyId());
        headers.put("Version", Integer.toString(metadata.version()));
        headers.put("Algorithm", metadata.algorithm().displayName());
        headers.put("Purpose", metadata.purpose().wireName());
        headers.put("Created", metadata.created().toString());
        if (metadata.notAfter() != null) headers.put("Not-After", metadata.notAfter().toString());
        headers.put("Public-Key-Fingerprint", metadata.publicKeyFingerprint());
        headers.put("KDF", kdf.headerValue());
        headers.put("Salt", Base64.getEncoder().encodeToString(salt));
        headers.put("Cipher", "AES-256-GCM");
        headers.put("Nonce", Base64.getEncoder().encodeToString(nonce));
        StringBuilder headerBlock = new StringBuilder();
        headers.forEach((name, value) -> headerBlock.append(name).append(": ").append(value).append('\n'));

        byte[] plaintext = key.encoded();
        byte[] kek = deriveKey(password, salt, kdf);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(tagBits, nonce));
            cipher.updateAAD(headerBlock.toString().getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ciphertext);
            return BEGIN + "\n" + headerBlock + "\n" + body + "\n" + END + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            Arrays.fill(kek, (byte) 0);
        }
    }

    /**
     * Reads the metadata without the password. Not authenticated: use it to decide what to do, and
     * trust only what {@link #decrypt} returns.
     */
    public static KeyMetadata readMetadata(String text) {
        return Parsed.of(text).metadata();
    }

    /**
     * Decrypts the key and checks it against its metadata.
     *
     * @throws WrongPasswordException if the password is wrong or the file was modified
     * @throws MalformedInputException if the file is not a key file
     * @throws CorruptedKeyException if the decrypted key does not match its recorded public key
     */
    public static Loaded decrypt(String text, char[] password) {
        Parsed parsed = Parsed.of(text);
        KeyMetadata metadata = parsed.metadata();
        byte[] kek = deriveKey(password, parsed.salt(), parsed.kdf());
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(tagBits, parsed.nonce()));
            cipher.updateAAD(parsed.headerBlock().getBytes(StandardCharsets.UTF_8));
            plaintext = cipher.doFinal(parsed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException("key " + metadata.keyId() + " did not decrypt: wrong password, or the key file was modified");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
        try {
            PrivateKey key = KeyCodec.decodePrivateKey(metadata.algorithm(), plaintext);
            if (!key.publicKey().fingerprint().equals(metadata.publicKeyFingerprint())) {
                throw new CorruptedKeyException("key " + metadata.keyId() + " does not match its recorded public key fingerprint");
            }
            return new Loaded(key.withIdentity(metadata.versionedId(), metadata.notAfter()), metadata);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    static byte[] deriveKey(char[] password, byte[] salt, KdfParameters kdf) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(kdf.memoryKiB())
                .withIterations(kdf.iterations())
                .withParallelism(kdf.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] key = new byte[32];
        generator.generateBytes(password, key);
        return key;
    }

    /** The file split into its parts, every part bounded and checked before any key derivation. */
    private record Parsed(String headerBlock, Map<String, String> headers, byte[] ciphertext) {
        static Parsed of(String text) {
            if (text.length() > fileCharsMax) {
                throw new MalformedInputException("key file is " + text.length() + " characters, more than any key file ("
                        + fileCharsMax + ")");
            }
            String normalised = text.replace("\r\n", "\n");
            int begin = normalised.indexOf(BEGIN + "\n");
            int end = normalised.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new MalformedInputException("not a QuantumSafe key file: no '" + BEGIN + "' ... '" + END + "' block");
            }
            String inside = normalised.substring(begin + BEGIN.length() + 1, end);
            int blank = inside.indexOf("\n\n");
            if (blank < 0) throw new MalformedInputException("key file has no blank line after its headers");
            String headerBlock = inside.substring(0, blank + 1);
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = headerBlock.split("\n");
            if (lines.length > headerLinesMax) throw new MalformedInputException("key file has too many header lines");
            for (String line : lines) {
                int colon = line.indexOf(": ");
                if (colon <= 0) throw new MalformedInputException("key file header line '" + line + "' is not 'Name: value'");
                if (headers.put(line.substring(0, colon), line.substring(colon + 2)) != null) {
                    throw new MalformedInputException("key file repeats header " + line.substring(0, colon));
                }
            }
            if (!FORMAT.equals(headers.get("Format"))) {
                throw new MalformedInputException("key file format '" + headers.get("Format") + "' is not " + FORMAT);
            }
            byte[] ciphertext;
            try {
                ciphertext = Base64.getDecoder().decode(inside.substring(blank + 2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new MalformedInputException("key file body is not valid base64", e);
            }
            return new Parsed(headerBlock, headers, ciphertext);
        }

        String required(String name) {
            String value = headers.get(name);
            if (value == null) throw new MalformedInputException("key file has no " + name + " header");
            return value;
        }

        KeyMetadata metadata() {
            try {
                String notAfter = headers.get("Not-After");
                return new KeyMetadata(required("Key-Id"), Integer.parseInt(required("Version")),
                        Algorithm.fromName(required("Algorithm")), KeyPurpose.fromWireName(required("Purpose")),
                        Instant.parse(required("Created")), notAfter == null ? null : Instant.parse(notAfter),
                        required("Public-Key-Fingerprint"));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new MalformedInputException("key file header is invalid: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new MalformedInputException("key file header is invalid: " + e.getMessage(), e);
            }
        }

        KdfParameters kdf() {
            try {
                return KdfParameters.fromHeaderValue(required("KDF"));
            } catch (IllegalArgumentException e) {
                throw new MalformedInputException("key file KDF header is invalid: " + e.getMessage(), e);
            }
        }

        byte[] salt() { return decodeFixed("Salt", saltBytes); }

        byte[] nonce() {
            if (!"AES-256-GCM".equals(required("Cipher"))) {
                throw new MalformedInputException("key file cipher '" + headers.get("Cipher") + "' is not AES-256-GCM");
            }
            return decodeFixed("Nonce", nonceBytes);
        }

        private byte[] decodeFixed(String name, int length) {
            byte[] value;
            try {
                value = Base64.getDecoder().decode(required(name));
            } catch (IllegalArgumentException e) {
                throw new MalformedInputException("key file " + name + " header is not base64", e);
            }
            if (value.length != length) {
                throw new MalformedInputException("key file " + name + " is " + value.length + " bytes, expected " + length);
            }
            return value;
        }
    }
}
