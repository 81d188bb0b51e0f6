package io.quantumsafe.crypto.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoEvent;
import io.quantumsafe.crypto.CryptoOperation;
import io.quantumsafe.crypto.KeyExpiredException;
import io.quantumsafe.crypto.MalformedInputException;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.crypto.WrongPasswordException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyStoreTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path directory;

    private final List<CryptoEvent> events = new CopyOnWriteArrayList<>();
    private final PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().observer(events::add)
            .clock(Clock.fixed(CREATED, ZoneOffset.UTC)).build();

    private KeyStore store(Instant now) {
        return KeyStore.open(directory, engine, KdfParameters.FAST_FOR_TESTS, Clock.fixed(now, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ML_DSA_65", "ML_KEM_768", "SLH_DSA_SHA2_128F", "FN_DSA_512",
            "X25519_MLKEM768", "ML_DSA_65_ED25519", "ECDSA_P256"})
    void storedKey_loadsBackIdentical_withItsMetadata(Algorithm algorithm) {
        KeyStore store = store(CREATED);
        KeyMetadata metadata = store.generate("k1", algorithm, KeyPurpose.defaultFor(algorithm), Duration.ofDays(30), PASSWORD);

        PrivateKey loaded = store.load("k1", PASSWORD);
        PublicKey publicKey = store.publicKey("k1");
        assertThat(loaded.algorithm()).isEqualTo(algorithm);
        assertThat(loaded.publicKey()).isEqualTo(publicKey);
        assertThat(loaded.keyId()).isEqualTo("k1/v1");
        assertThat(loaded.notAfter()).contains(CREATED.plus(Duration.ofDays(30)));
        assertThat(metadata.publicKeyFingerprint()).isEqualTo(publicKey.fingerprint());
        assertThat(store.list()).singleElement().isEqualTo(metadata);
    }

    @Test
    void keyFiles_areOwnerOnly_andDoNotContainTheKeyInClear() throws Exception {
        KeyStore store = store(CREATED);
        store.generate("secret", Algorithm.ML_DSA_44, KeyPurpose.SIGN, null, PASSWORD);
        Path keyFile = directory.resolve("secret.key");
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        byte[] expanded = store.load("secret", PASSWORD).encoded();
        String text = Files.readString(keyFile);
        // No 16-byte window of the key's bytes appears, in hex or base64, in the file.
        String hex = java.util.HexFormat.of().formatHex(expanded, 100, 116);
        String base64 = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(expanded, 99, 111));
        assertThat(text).doesNotContain(hex).doesNotContain(base64).contains("Algorithm: ML-DSA-44");
    }

    @Test
    void wrongPassword_isAWrongPasswordError() {
        KeyStore store = store(CREATED);
        store.generate("k", Algorithm.ED25519, KeyPurpose.SIGN, null, PASSWORD);
        assertThatThrownBy(() -> store.load("k", "not the password".toCharArray()))
                .isInstanceOf(WrongPasswordException.class).hasMessageContaining("wrong password");
        assertThat(events).filteredOn(e -> e.operation() == CryptoOperation.KEY_LOAD)
                .singleElement().extracting(CryptoEvent::status).isEqualTo(CryptoEvent.Status.FAILED);
    }

    @Test
    void editedHeader_isDetected() throws Exception {
        KeyStore store = store(CREATED);
        store.generate("k", Algorithm.ML_DSA_44, KeyPurpose.SIGN, Duration.ofDays(1), PASSWORD);
        Path file = directory.resolve("k.key");
        // Extend the cryptoperiod by editing the header: the AES-GCM associated data no longer matches.
        String edited = Files.readString(file).replace("Not-After: 2026-01-02T00:00:00Z", "Not-After: 2036-01-02T00:00:00Z");
        assertThat(edited).isNotEqualTo(Files.readString(file));
        Files.writeString(file, edited);
        assertThatThrownBy(() -> store.load("k", PASSWORD)).isInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("modified");
    }

    @Test
    void flippedCiphertextByte_isDetected() throws Exception {
        KeyStore store = store(CREATED);
        store.generate("k", Algorithm.ML_KEM_512, KeyPurpose.KEM, null, PASSWORD);
        Path file = directory.resolve("k.key");
        String text = Files.readString(file);
        int body = text.indexOf("\n\n") + 2;
        char original = text.charAt(body + 10);
        String flipped = text.substring(0, body + 10) + (original == 'A' ? 'B' : 'A') + text.substring(body + 11);
        Files.writeString(file, flipped);
        assertThatThrownBy(() -> store.load("k", PASSWORD)).isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void truncatedOrForeignFiles_areMalformed() throws Exception {
        KeyStore store = store(CREATED);
        store.generate("k", Algorithm.ML_KEM_512, KeyPurpose.KEM, null, PASSWORD);
        String text = Files.readString(directory.resolve("k.key"));
        assertThatThrownBy(() -> KeyFile.decrypt(text.substring(0, text.length() / 2), PASSWORD))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> KeyFile.decrypt("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", PASSWORD))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("not a QuantumSafe key file");
        assertThatThrownBy(() -> KeyFile.decrypt(text.replace("KDF: argon2id m=8192", "KDF: argon2id m=99999999"), PASSWORD))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("exceed the maximum");
        assertThatThrownBy(() -> KeyFile.decrypt(text.replace("KDF: argon2id m=8192", "KDF: argon2id m=64"), PASSWORD))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("below the minimum");
        assertThatThrownBy(() -> KeyFile.decrypt("x".repeat(KeyFile.fileCharsMax + 1), PASSWORD))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void rotation_writesANewVersion_andKeepsTheOldOneLoadable() {
        KeyStore store = store(CREATED);
        KeyMetadata first = store.generate("signing", Algorithm.ML_DSA_65, KeyPurpose.SIGN, Duration.ofDays(90), PASSWORD);
        KeyMetadata second = store.rotate("signing", PASSWORD);

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.algorithm()).isEqualTo(Algorithm.ML_DSA_65);
        assertThat(second.notAfter()).isEqualTo(second.created().plus(Duration.ofDays(90)));
        assertThat(second.publicKeyFingerprint()).isNotEqualTo(first.publicKeyFingerprint());
        assertThat(store.versions("signing")).containsExactly(1, 2);
        assertThat(store.load("signing", PASSWORD).keyId()).isEqualTo("signing/v2");
        assertThat(store.publicKey("signing", 1).fingerprint()).isEqualTo(first.publicKeyFingerprint());
        // An old signature still verifies with the archived public key.
        PrivateKey old = store.load("signing", 1, PASSWORD);
        byte[] signature = engine.signer(old).sign(new byte[] {1, 2, 3});
        assertThat(engine.verifier(store.publicKey("signing", 1)).verify(new byte[] {1, 2, 3}, signature)).isTrue();
        assertThat(events).extracting(CryptoEvent::operation).contains(CryptoOperation.KEY_ROTATE);
    }

    @Test
    void keyPastItsCryptoperiod_refusesToSign_butItsPublicKeyStillVerifies() {
        store(CREATED).generate("short", Algorithm.ML_DSA_44, KeyPurpose.SIGN, Duration.ofDays(1), PASSWORD);
        PrivateKey key = store(CREATED.plus(Duration.ofDays(2))).load("short", PASSWORD);
        PqcEngine later = PqcEngine.builder().ignoreSystemProperties()
                .clock(Clock.fixed(CREATED.plus(Duration.ofDays(2)), ZoneOffset.UTC)).build();
        assertThatThrownBy(() -> later.signer(key).sign(new byte[] {1}))
                .isInstanceOf(KeyExpiredException.class).hasMessageContaining("rotate");
        PqcEngine before = PqcEngine.builder().ignoreSystemProperties().clock(Clock.fixed(CREATED, ZoneOffset.UTC)).build();
        byte[] signature = before.signer(key).sign(new byte[] {1});
        assertThat(later.verifier(key.publicKey()).verify(new byte[] {1}, signature)).isTrue();
    }

    @Test
    void invalidKeyIds_andShortPasswords_areRefused() {
        KeyStore store = store(CREATED);
        assertThatThrownBy(() -> store.generate("../escape", Algorithm.ED25519, KeyPurpose.SIGN, null, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
        assertThatThrownBy(() -> store.generate("ok", Algorithm.ED25519, KeyPurpose.SIGN, null, "short".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
        store.generate("dup", Algorithm.ED25519, KeyPurpose.SIGN, null, PASSWORD);
        assertThatThrownBy(() -> store.generate("dup", Algorithm.ED25519, KeyPurpose.SIGN, null, PASSWORD))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rotate");
    }
}
