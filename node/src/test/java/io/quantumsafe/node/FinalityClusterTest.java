package io.quantumsafe.node;

import static io.quantumsafe.node.ClusterTest.account;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.audit.config.AnomalyConfig;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import io.quantumsafe.client.SettlementClient;
import io.quantumsafe.client.SubmitResult;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-stage finality with real processes: four validators and a verifier ({@code VerifierMain}) over
 * PQ mutual TLS. Honest runs finalise through attestations (even with one validator serving verifiers
 * altered batches and another paused), and by the challenge window when the
 * verifier is down; a colluding supermajority that executes a forged transfer is caught by the
 * verifier, every validator reverts before finality, and the fraud reaches the audit pipeline.
 */
class FinalityClusterTest {
    static final Duration deadline = Duration.ofSeconds(90);
    final PqcEngine engine = PqcEngine.create();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void honestRun_finalisesThroughAttestations_andByTheWindowWhileTheVerifierIsDown_andTheRestartedVerifierResumesFromItsSnapshot(
            @TempDir Path dir) throws Exception {
        long windowMillis = 12_000;
        try (LocalCluster cluster = new LocalCluster(dir, 4, ClusterTest.CLIENTS, "finality-honest", 1, "none")) {
            for (int i = 0; i < 4; i++) cluster.editConfig(i, yaml -> yaml.replace("challenge_window_ms: 600000", "challenge_window_ms: " + windowMillis));
            // Validator 0 (whose consensus stays honest) serves verifiers every batch with its last request left out: a
            // verifier taking its word would re-execute something never committed and prove "fraud" nobody accepts.
            cluster.editConfig(0, yaml -> yaml + "test_fault: alter-served-batches\n");
            Path verifierYaml = dir.resolve("verifier-0/verifier.yaml");
            java.nio.file.Files.writeString(verifierYaml, java.nio.file.Files.readString(verifierYaml).replace("snapshot_interval: 1000", "snapshot_interval: 3"));
            cluster.startAll();
            cluster.startVerifier(0);
            cluster.awaitAllConnected(deadline);
            List<SettlementClient> clients = ClusterTest.clients(cluster);
            ClusterTest.createAccounts(clients);
            long sequence = ClusterTest.runTransfers(clients, 4, 5, new AtomicLong(), new Random(3));

            for (int i = 0; i < 4; i++) awaitFinality(cluster, i, f -> f.path("last_final").asLong() >= sequence, "final up to " + sequence);
            for (int i = 0; i < 4; i++) {
                // Sub-DAGs keep committing (empty ones too), so a working verifier attests a checkpoint within its window even if
                // a stall on a loaded machine let the first ones become final by the window.
                JsonNode f = awaitFinality(cluster, i, x -> x.path("final_by_attestation").asLong() > 0, "final through an attestation");
                assertThat(f.path("reverts").asLong()).isZero();
                System.out.printf("validator %d, 1 verifier up: commit to final %s%n", i, f.path("commit_to_final_ms"));
            }
            SubmitResult paid = clients.get(0).submit(List.of(), List.of(transfer(7_000_001, 1, 2, 3)));
            assertThat(paid.stage()).as("the request status names its stage").isIn("committed", "final");
            JsonNode receipt = clients.get(0).finalReceipt(UInt128.of(7_000_001), deadline).orElseThrow();
            assertThat(receipt.path("stage").asText()).isEqualTo("final");
            assertThat(receipt.path("checkpoint").path("sequence").asLong()).isEqualTo(paid.sequence());
            // Offline: the committee file proves the checkpoint, the verifiers file proves it final.
            var offline = new io.quantumsafe.client.ReceiptVerifier(java.nio.file.Files.readString(dir.resolve("committee.txt")), engine);
            String verifiersFile = java.nio.file.Files.readString(dir.resolve("verifiers.txt"));
            var verdict = offline.verifyFinal(receipt, verifiersFile, 1);
            assertThat(verdict.valid()).as(verdict.reason()).isTrue();
            assertThat(offline.verifyFinal(receipt, verifiersFile, 2).valid()).as("one verifier cannot make two attestations").isFalse();
            com.fasterxml.jackson.databind.node.ObjectNode forgedAttestation = receipt.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) forgedAttestation.get("attestations").get(0))
                    .put("signature", receipt.get("checkpoint").get("signatures").get(0).get("signature").asText());
            assertThat(offline.verifyFinal(forgedAttestation, verifiersFile, 1).valid()).as("a validator's signature is no attestation").isFalse();

            // A paused validator (SIGSTOP: its sockets stay open and nothing answers) holds back neither the verifier nor the
            // others' attestations: it gets its own verdicts later, and entries come from whoever answers.
            cluster.pause(3);
            long attestedBeforePause = cluster.get(0, "/v1/finality").path("final_by_attestation").asLong();
            clients.get(0).submit(List.of(), List.of(transfer(7_000_004, 1, 2, 1)));
            awaitFinality(cluster, 0, f -> f.path("final_by_attestation").asLong() >= attestedBeforePause + 10,
                    "ten more checkpoints final through attestations while validator 3 is paused");
            cluster.resume(3);

            // Verifier down: certified checkpoints wait exactly for the window, then become final without it.
            cluster.killVerifier(0);
            long byWindowBefore = cluster.get(0, "/v1/finality").path("final_by_challenge_window").asLong();
            SubmitResult late = clients.get(1).submit(List.of(), List.of(transfer(7_000_002, 2, 3, 5)));
            JsonNode pending = awaitReceipt(cluster, 0, 7_000_002, r -> true);
            assertThat(pending.path("stage").asText()).as("no verifier and the %d ms window not yet passed", windowMillis).isEqualTo("committed");
            for (int i = 0; i < 4; i++) {
                awaitFinality(cluster, i, f -> f.path("last_final").asLong() >= late.sequence(), "final by the window up to " + late.sequence());
            }
            assertThat(cluster.get(0, "/v1/finality").path("final_by_challenge_window").asLong()).isGreaterThan(byWindowBefore);
            JsonNode byWindow = awaitReceipt(cluster, 0, 7_000_002, r -> true);
            assertThat(byWindow.path("stage").asText()).isEqualTo("final");
            assertThat(offline.verify(byWindow).valid()).isTrue();
            assertThat(offline.verifyFinal(byWindow, verifiersFile, 1).reason()).as("final by the window carries no attestation").contains("not proven final");

            // Restarted, the verifier resumes from the snapshot it took at an attested checkpoint, not from genesis, and attests again.
            long attestedBefore = cluster.get(0, "/v1/finality").path("final_by_attestation").asLong();
            cluster.startVerifier(0);
            clients.get(2).submit(List.of(), List.of(transfer(7_000_003, 3, 1, 2)));
            awaitFinality(cluster, 0, f -> f.path("final_by_attestation").asLong() > attestedBefore, "final through the restarted verifier");
            assertThat(java.nio.file.Files.readString(Path.of("target", "cluster-logs", "finality-honest", "verifier-0.log"))).containsPattern("resumed from its own snapshot at sub-DAG [1-9]");

            // Restarted (kill -9), a validator's receipts still prove finality: the attestations are stored with it.
            cluster.kill(0);
            cluster.start(0);
            JsonNode afterRestart = awaitReceipt(cluster, 0, 7_000_001, r -> r.path("stage").asText().equals("final"));
            assertThat(afterRestart.path("attestations").size()).as("attestations in the receipt after a restart").isPositive();
            var proven = offline.verifyFinal(afterRestart, verifiersFile, 1);
            assertThat(proven.valid()).as(proven.reason()).isTrue();
        }
    }

    @Test
    void colludingSupermajority_executesAForgedTransfer_verifierProvesIt_everyValidatorReverts_andTheAuditPipelineAlerts(@TempDir Path dir)
            throws Exception {
        AuditConfig auditConfig = AuditConfig.defaults(dir.resolve("audit")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withAnomaly(AnomalyConfig.DEFAULT.withEnabled(false));
        try (AuditService audit = AuditService.start(auditConfig);
             LocalCluster cluster = new LocalCluster(dir.resolve("net"), 4, ClusterTest.CLIENTS, "finality-fraud", 1,
                     "http://127.0.0.1:" + audit.port() + "/api/audit/events")) {
            // Validators 1, 2 and 3 (2f+1 of 4) admit and execute requests without checking signatures.
            for (int i = 1; i < 4; i++) cluster.editConfig(i, yaml -> yaml + "test_fault: trust-signatures\n");
            for (int i = 0; i < 4; i++) cluster.editConfig(i, yaml -> yaml.replace("challenge_window_ms: 600000", "challenge_window_ms: 300000"));
            cluster.startAll();
            cluster.startVerifier(0);
            cluster.awaitAllConnected(deadline);
            List<SettlementClient> clients = ClusterTest.clients(cluster);
            ClusterTest.createAccounts(clients);
            AtomicLong moved = new AtomicLong();
            ClusterTest.runTransfers(clients, 3, 5, moved, new Random(5));

            // Bob signs a transfer out of Alice's account that claims to be Alice's request; a colluding validator admits it.
            SettlementClient alice = clients.get(0);
            Transfer steal = transfer(8_000_001, 1, 2, 500);
            SettlementRequest unsigned = alice.sign(List.of(), List.of(steal));
            byte[] bobSignature = engine.signer(cluster.clientKey(2)).sign(RequestCodec.signingMessage(unsigned));
            SettlementRequest forged = unsigned.withSignature(bobSignature);
            assertThat(cluster.httpStatus(1, "/v1/requests?wait=committed", RequestCodec.encode(forged))).isEqualTo(200);
            JsonNode atColluder = cluster.get(1, "/v1/requests/" + alice.clientId() + "/" + forged.requestNumber());
            long forgedIn = atColluder.path("sequence").asLong();
            JsonNode atHonest = awaitJson(cluster, 0, "/v1/requests/" + alice.clientId() + "/" + forged.requestNumber(), r -> true);
            assertThat(atHonest.path("result").asText()).as("the honest validator checks the signature").isEqualTo("bad_signature");

            // The verifier proves the checkpoint of exactly that sub-DAG wrong; every validator reverts.
            for (int i = 0; i < 4; i++) {
                JsonNode f = awaitFinality(cluster, i, x -> x.path("reverts").asLong() >= 1, "reverted after the fraud proof");
                assertThat(f.path("last_revert_from").asLong()).as("validator %d reverted from the forged transfer's sub-DAG", i).isEqualTo(forgedIn);
                assertThat(f.path("final_at_last_revert").asLong()).as("validator %d: reverted before the forged checkpoint was final", i)
                        .isLessThan(forgedIn);
            }
            for (int i = 1; i < 4; i++) {
                JsonNode corrected = awaitJson(cluster, i, "/v1/requests/" + alice.clientId() + "/" + forged.requestNumber(),
                        r -> r.path("result").asText().equals("bad_signature"));
                assertThat(corrected.path("sequence").asLong()).isEqualTo(forgedIn);
                assertThat(cluster.get(i, "/v1/transfers/" + steal.id())).as("the forged transfer at validator %d", i).isNull();
            }

            // Settlement goes on; the corrected checkpoints are certified, attested and final; balances as if the fraud never happened.
            long sequence = ClusterTest.runTransfers(clients, 2, 5, moved, new Random(6));
            ClusterTest.assertAgreement(cluster, sequence, moved.get());
            for (int i = 0; i < 4; i++) awaitFinality(cluster, i, f -> f.path("last_final").asLong() >= sequence, "final up to " + sequence);

            // The fraud reached the audit pipeline as a critical alert.
            String alerts = awaitBody(URI.create("http://127.0.0.1:" + audit.port() + "/api/audit/alerts/items?state=open&limit=100"),
                    body -> body.contains("settlement-fraud"));
            assertThat(alerts).contains("settlement-fraud", "critical");
        }
    }

    static Transfer transfer(long id, int fromClient, int toClient, long amount) {
        return Transfer.of(UInt128.of(id), account(fromClient, 0), account(toClient, 1), UInt128.of(amount), 1, 1);
    }

    static JsonNode awaitFinality(LocalCluster cluster, int index, Predicate<JsonNode> condition, String what) throws InterruptedException {
        return awaitJson(cluster, index, "/v1/finality", condition);
    }

    static JsonNode awaitReceipt(LocalCluster cluster, int index, long transfer, Predicate<JsonNode> condition) throws InterruptedException {
        return awaitJson(cluster, index, "/v1/receipts/" + transfer, condition);
    }

    /** Polls a validator's JSON document until {@code condition} holds, failing with the last answer at the deadline. */
    static JsonNode awaitJson(LocalCluster cluster, int index, String path, Predicate<JsonNode> condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = cluster.get(index, path);
            if (last != null && condition.test(last)) return last;
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError("validator " + index + " " + path + ": condition not met within " + deadline + "; last answer " + last
                + cluster.diagnostics(25));
    }

    String awaitBody(URI uri, Predicate<String> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            last = r.body();
            if (r.statusCode() == 200 && condition.test(last)) return last;
            Thread.sleep(200); // polling interval
        }
        throw new AssertionError(uri + ": condition not met within " + deadline + "; last answer " + last);
    }
}
