package io.quantumsafe.cli;

import static io.quantumsafe.cli.CliRun.qsafe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import io.quantumsafe.audit.store.EventQuery;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key and data commands report every engine operation to a real Audit Lite service or a file. */
class EngineAuditCliTest {
    @TempDir
    Path dir;

    private Path passwordFile;

    @BeforeEach
    void writePassword() throws Exception {
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "a long enough password\n");
    }

    private CliRun audited(String sink, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--audit", sink, "--client-id", "treasury-batch"));
        return qsafe(all.toArray(String[]::new));
    }

    @Test
    void keygenSignVerifyAndKem_becomeStoredEventsWithTheirOutcome() throws Exception {
        AuditConfig config = AuditConfig.defaults(dir.resolve("audit")).withListen(new InetSocketAddress("127.0.0.1", 0));
        try (AuditService service = AuditService.start(config)) {
            String sink = "http://127.0.0.1:" + service.port() + "/api/audit/events";
            Path message = dir.resolve("payment.json");
            Files.writeString(message, "{\"amount\":\"100.00\"}");
            String password = passwordFile.toString();

            assertThat(audited(sink, "keygen", "-a", "ML-DSA-65", "-o", dir.resolve("signer").toString(),
                    "--password-file", password, "--kdf-memory-kib", "8192", "--kdf-iterations", "1").exitCode()).isZero();
            assertThat(audited(sink, "sign", "-k", dir.resolve("signer.key").toString(), "-i", message.toString(),
                    "--password-file", password).exitCode()).isZero();
            assertThat(audited(sink, "verify", "-p", dir.resolve("signer.pub").toString(), "-i", message.toString()).exitCode()).isZero();
            Files.writeString(message, "{\"amount\":\"900.00\"}");
            CliRun tampered = audited(sink, "verify", "-p", dir.resolve("signer.pub").toString(), "-i", message.toString());
            assertThat(tampered.exitCode()).isEqualTo(1);

            assertThat(audited(sink, "keygen", "-a", "X25519MLKEM768", "-o", dir.resolve("kem").toString(),
                    "--password-file", password, "--kdf-memory-kib", "8192", "--kdf-iterations", "1").exitCode()).isZero();
            assertThat(audited(sink, "kem", "encaps", "-p", dir.resolve("kem.pub").toString(), "-o", dir.resolve("ct").toString(),
                    "--secret-out", dir.resolve("s1").toString()).exitCode()).isZero();
            CliRun decaps = audited(sink, "kem", "decaps", "-k", dir.resolve("kem.key").toString(), "-i", dir.resolve("ct").toString(),
                    "--secret-out", dir.resolve("s2").toString(), "--password-file", password);
            assertThat(decaps.exitCode()).as(decaps.err()).isZero();
            assertThat(decaps.err()).doesNotContain("could not be delivered");

            // Each command closes its sink before it returns, so the events are acknowledged (in the
            // service's write-ahead log) by now; the store indexes them asynchronously.
            long deadline = System.nanoTime() + 15_000_000_000L;
            List<ObjectNode> events = List.of();
            while (System.nanoTime() < deadline) {
                events = service.pipeline().store().search(new EventQuery(Map.of("client_id", "treasury-batch"),
                        null, null, null, null, null, 0, 50)).events();
                if (events.size() >= 11) break;
                Thread.sleep(20);
            }
            assertThat(events).extracting(e -> e.get("operation").asText() + "/" + e.get("status").asText())
                    .containsExactlyInAnyOrder("keygen/OK", "key_store/OK", "key_load/OK", "sign/OK", "verify/OK",
                            "verify/INVALID", "keygen/OK", "key_store/OK", "encapsulate/OK", "key_load/OK", "decapsulate/OK");
            assertThat(events).allSatisfy(e -> assertThat(e.get("component").asText()).isEqualTo("pqc-engine"));
            assertThat(events).filteredOn(e -> e.get("operation").asText().equals("sign"))
                    .singleElement().satisfies(e -> assertThat(e.get("algorithm").asText()).isEqualTo("ML-DSA-65"));
        }
    }

    @Test
    void fileSink_getsOneJsonLinePerOperation_andNoneWithoutTheOption() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Path message = dir.resolve("m.txt");
        Files.writeString(message, "hello");
        assertThat(audited("file:" + log, "keygen", "-a", "Ed25519", "-o", dir.resolve("ed").toString(),
                "--password-file", passwordFile.toString(), "--kdf-memory-kib", "8192", "--kdf-iterations", "1").exitCode()).isZero();
        assertThat(qsafe("sign", "-k", dir.resolve("ed.key").toString(), "-i", message.toString(),
                "--password-file", passwordFile.toString()).exitCode()).isZero();

        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(log)) events.add(new ObjectMapper().readTree(line));
        assertThat(events).extracting(e -> e.get("operation").asText()).containsExactly("keygen", "key_store");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("algorithm").asText()).isEqualTo("Ed25519");
            assertThat(e.get("client_id").asText()).isEqualTo("treasury-batch");
        });
    }

    @Test
    void aWrongPassword_isAuditedAsAFailedKeyLoad() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        assertThat(qsafe("keygen", "-a", "ML-DSA-44", "-o", dir.resolve("k").toString(), "--password-file", passwordFile.toString(),
                "--kdf-memory-kib", "8192", "--kdf-iterations", "1").exitCode()).isZero();
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not the password at all\n");
        Path message = dir.resolve("m.txt");
        Files.writeString(message, "hello");
        CliRun sign = audited("file:" + log, "sign", "-k", dir.resolve("k.key").toString(), "-i", message.toString(),
                "--password-file", wrong.toString());
        assertThat(sign.exitCode()).isEqualTo(1);
        var event = new ObjectMapper().readTree(Files.readAllLines(log).getFirst());
        assertThat(event.get("operation").asText()).isEqualTo("key_load");
        assertThat(event.get("status").asText()).isEqualTo("FAILED");
        assertThat(event.get("key_id").asText()).isEqualTo("k/v1");
    }

    @Test
    void badSinkSpec_isAOneLineError() {
        CliRun result = audited("ftp://nowhere", "keygen", "-a", "Ed25519", "-o", dir.resolve("x").toString(),
                "--password-file", passwordFile.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("qsafe: cannot open the audit sink:").contains("ftp://nowhere");
        assertThat(dir.resolve("x.key")).doesNotExist();
    }
}
