package io.quantumsafe.cli;

import static io.quantumsafe.cli.CliRun.qsafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The qsafe commands run in-process against real files. */
class QsafeCliTest {
    @TempDir
    Path dir;

    private Path passwordFile;

    @BeforeEach
    void writePassword() throws Exception {
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "a long enough password\n");
    }

    private CliRun keygen(String algorithm, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("keygen", "-a", algorithm, "-o", dir.resolve(name).toString(),
                "--password-file", passwordFile.toString(), "--kdf-memory-kib", "8192", "--kdf-iterations", "1"));
        args.addAll(List.of(extra));
        return qsafe(args.toArray(String[]::new));
    }

    @Test
    void algorithms_listsEveryAlgorithmWithItsProvider() {
        CliRun result = qsafe("algorithms");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ML-KEM-768", "ML-DSA-65", "SLH-DSA-SHAKE-256s", "FN-DSA-1024", "X25519MLKEM768",
                "ML-DSA-65+Ed25519", "vulnerable", "JDK", "BC");
    }

    @Test
    void signAndVerify_roundTrip_andATamperedFileExitsOneWithTheReason() throws Exception {
        assertThat(keygen("ML-DSA-65", "alice").exitCode()).isZero();
        assertThat(dir.resolve("alice.key")).exists();
        assertThat(dir.resolve("alice.pub")).exists();
        Path message = dir.resolve("payment.json");
        Files.writeString(message, "{\"amount\":\"100.00\",\"currency\":\"EUR\"}");

        CliRun sign = qsafe("sign", "-k", dir.resolve("alice.key").toString(), "-i", message.toString(),
                "--password-file", passwordFile.toString(), "--context", "qsafe-cli-test");
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(Files.size(dir.resolve("payment.json.sig"))).isEqualTo(3309);

        CliRun verify = qsafe("verify", "-p", dir.resolve("alice.pub").toString(), "-i", message.toString(),
                "--context", "qsafe-cli-test");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("signature verifies");

        Files.writeString(message, "{\"amount\":\"900.00\",\"currency\":\"EUR\"}");
        CliRun tampered = qsafe("verify", "-p", dir.resolve("alice.pub").toString(), "-i", message.toString(),
                "--context", "qsafe-cli-test");
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err().strip()).isEqualTo("qsafe: signature does not verify");
    }

    @Test
    void kemEncapsAndDecaps_agreeOnTheSecret() throws Exception {
        assertThat(keygen("X25519MLKEM768", "bob").exitCode()).isZero();
        CliRun encaps = qsafe("kem", "encaps", "-p", dir.resolve("bob.pub").toString(), "-o", dir.resolve("ct").toString(),
                "--secret-out", dir.resolve("sent").toString());
        assertThat(encaps.exitCode()).as(encaps.err()).isZero();
        CliRun decaps = qsafe("kem", "decaps", "-k", dir.resolve("bob.key").toString(), "-i", dir.resolve("ct").toString(),
                "--secret-out", dir.resolve("received").toString(), "--password-file", passwordFile.toString());
        assertThat(decaps.exitCode()).as(decaps.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("received"))).hasSize(64).isEqualTo(Files.readAllBytes(dir.resolve("sent")));
        assertThat(Files.getPosixFilePermissions(dir.resolve("received")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void wrongPassword_exitsOneWithAOneLineReason() throws Exception {
        keygen("Ed25519", "carol");
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not the password at all");
        Path message = dir.resolve("m");
        Files.writeString(message, "x");
        CliRun result = qsafe("sign", "-k", dir.resolve("carol.key").toString(), "-i", message.toString(),
                "--password-file", wrong.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("qsafe: ").contains("wrong password").hasLineCount(1);
    }

    @Test
    void rotate_archivesTheOldVersion() {
        keygen("ML-DSA-44", "dave");
        CliRun rotate = qsafe("keygen", "--rotate", "-o", dir.resolve("dave").toString(),
                "--password-file", passwordFile.toString(), "--kdf-memory-kib", "8192", "--kdf-iterations", "1");
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.out()).contains("version 2");
        assertThat(dir.resolve("dave.v1.key")).exists();
        assertThat(dir.resolve("dave.v1.pub")).exists();
    }

    @Test
    void badInputs_giveTypedOneLineErrors() throws Exception {
        CliRun unknown = keygen("RSA-2048", "eve");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown algorithm 'RSA-2048'").hasLineCount(1);

        CliRun missing = qsafe("verify", "-p", dir.resolve("nope.pub").toString(), "-i", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");

        keygen("ML-KEM-512", "frank");
        Files.write(dir.resolve("short-ct"), new byte[10]);
        CliRun shortCiphertext = qsafe("kem", "decaps", "-k", dir.resolve("frank.key").toString(), "-i",
                dir.resolve("short-ct").toString(), "--secret-out", dir.resolve("s").toString(),
                "--password-file", passwordFile.toString());
        assertThat(shortCiphertext.exitCode()).isEqualTo(1);
        assertThat(shortCiphertext.err()).contains("ciphertext is 10 bytes, expected 768");
    }

    @Test
    void usageErrors_exitTwo() {
        CliRun result = qsafe("sign", "--no-such-option");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(qsafe("verify", "--help").exitCode()).isZero();
    }

    @Test
    void demo_runsTheShowcase() {
        CliRun result = qsafe("demo", "--iterations", "3", "--seconds", "2", "--network-seconds", "0");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("ML-DSA-65", "X25519MLKEM768", "Observer hook:", "0 failed");
        assertThat(result.out()).containsPattern("Audit dashboard: http://127\\.0\\.0\\.1:\\d+/dashboard/")
                .containsPattern("Traffic generator sent [1-9]\\d* events");
    }
}
