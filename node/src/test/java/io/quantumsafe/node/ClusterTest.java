package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.client.ReceiptVerifier;
import io.quantumsafe.client.SettlementClient;
import io.quantumsafe.client.SubmitResult;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.node.config.NetworkInit;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.tls.ca.Certificates;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 4-validator network: four JVMs on loopback, PQ mutual TLS between them, RocksDB under each.
 * One cluster serves every test of the class (starting four JVMs is the expensive part); the tests
 * use disjoint transfer ids, and the ones that check balances run first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    static final int CLIENTS = 4;
    static final int ACCOUNTS_PER_CLIENT = 4;
    static final Duration startDeadline = Duration.ofSeconds(90);

    Path dir;
    LocalCluster cluster;
    List<SettlementClient> clients;
    static final PqcEngine engine = PqcEngine.create();

    @BeforeAll
    void startCluster(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        cluster = new LocalCluster(dir, 4, CLIENTS, "cluster");
        cluster.startAll();
        cluster.awaitAllConnected(startDeadline);
        clients = clients(cluster);
        createAccounts(clients);
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void concurrentClients_allValidatorsAgreeOnTheStateRoot_andMoneyIsConserved() throws Exception {

        AtomicLong moved = new AtomicLong();
        long maxSequence = runTransfers(clients, 8, 10, moved, new Random(7));

        assertAgreement(cluster, maxSequence, moved.get());
    }

    /** Every validator has the same state root after {@code sequence}, and debits = credits = {@code moved} everywhere. */
    static void assertAgreement(LocalCluster cluster, long sequence, long moved) throws InterruptedException {
        List<UInt128> accounts = allAccounts();
        String root = null;
        for (int i = 0; i < cluster.size; i++) {
            String r = rootAt(cluster, i, sequence);
            if (root == null) root = r;
            assertThat(r).as("state root of validator %d after sub-DAG %d", i, sequence).isEqualTo(root);
        }
        for (int i = 0; i < cluster.size; i++) {
            BigInteger debits = BigInteger.ZERO, credits = BigInteger.ZERO;
            for (UInt128 id : accounts) {
                JsonNode a = cluster.get(i, "/v1/accounts/" + id);
                assertThat(a).as("account %s at validator %d", id, i).isNotNull();
                debits = debits.add(new BigInteger(a.get("debits_posted").asText()));
                credits = credits.add(new BigInteger(a.get("credits_posted").asText()));
            }
            assertThat(debits).as("debits at validator %d", i).isEqualTo(credits).isEqualTo(BigInteger.valueOf(moved));
        }
    }

    @Test
    @Order(2)
    void forgedUnsignedReplayedAndNonOwnerRequests_areRefused_andMoveNoMoney() throws Exception {
        SettlementClient alice = clients.get(0), bob = clients.get(1);
        JsonNode before = cluster.get(0, "/v1/accounts/" + account(1, 0));
        Transfer steal = Transfer.of(UInt128.of(9_000_001), account(1, 0), account(2, 0), UInt128.of(500), 1, 1);

        // Unsigned, and a bit flipped in a valid signature: refused before the mempool.
        SettlementRequest signed = alice.sign(List.of(), List.of(steal));
        assertThat(post(0, signed.withSignature(new byte[0]))).isEqualTo(401);
        byte[] flipped = signed.signature().clone();
        flipped[100] ^= 1;
        assertThat(post(1, signed.withSignature(flipped))).isEqualTo(401);
        // Forged: Bob signs a request that claims to be Alice's.
        SettlementRequest forged = bob.sign(List.of(), List.of(steal));
        forged = new SettlementRequest(forged.networkId(), alice.clientId(), forged.requestNumber(), forged.accounts(), forged.transfers(),
                forged.signature());
        assertThat(post(2, forged)).isEqualTo(401);
        // Not a request at all, an unknown client, another network.
        assertThat(cluster.httpStatus(0, "/v1/requests", new byte[] {1, 2, 3})).isEqualTo(400);
        SettlementRequest stranger = new SettlementRequest(LocalCluster.NETWORK_ID, UInt128.of(77), 1, List.of(), List.of(steal), new byte[0]);
        assertThat(post(0, stranger)).isEqualTo(403);
        SettlementRequest otherNetwork = new SettlementRequest(LocalCluster.NETWORK_ID + 1, alice.clientId(), 1, List.of(), List.of(steal), new byte[0]);
        assertThat(post(0, otherNetwork)).isEqualTo(400);

        // A client that does not own the debit account: ordered and executed, but the ledger refuses the transfer.
        SubmitResult notOwner = bob.submit(List.of(), List.of(steal));
        assertThat(notOwner.committed()).isTrue();
        assertThat(notOwner.transferResults()).containsExactly("debit_account_not_owned_by_client");
        for (int i = 0; i < cluster.size; i++) {
            final int v = i;
            awaitSequence(cluster, v, notOwner.sequence());
            assertThat(cluster.get(v, "/v1/transfers/" + steal.id())).as("refused transfer at validator %d", v).isNull();
            assertThat(cluster.get(v, "/v1/accounts/" + account(1, 0)).get("debits_posted")).isEqualTo(before.get("debits_posted"));
        }

        // Replayed: the same signed request again is answered with its outcome and applied once.
        Transfer pay = Transfer.of(UInt128.of(9_000_002), account(1, 0), account(2, 1), UInt128.of(7), 1, 1);
        SettlementRequest payment = alice.sign(List.of(), List.of(pay));
        SubmitResult first = alice.submit(payment, SettlementClient.Wait.COMMITTED);
        SubmitResult again = alice.submit(payment, SettlementClient.Wait.COMMITTED);
        assertThat(first.allOk()).as("%s", first).isTrue();
        assertThat(again.sequence()).isEqualTo(first.sequence());
        assertThat(again.transferResults()).containsExactly("ok");
        // An old request number with new content is refused outright.
        SettlementRequest stale = alice.sign(List.of(), List.of(Transfer.of(UInt128.of(9_000_003), account(1, 0), account(2, 1), UInt128.of(7), 1, 1)));
        SettlementRequest replayedNumber = new SettlementRequest(stale.networkId(), stale.clientId(), payment.requestNumber() - 1, stale.accounts(),
                stale.transfers(), new byte[0]);
        assertThat(post(0, resign(replayedNumber, 1))).isEqualTo(409);
        JsonNode after = cluster.get(0, "/v1/accounts/" + account(1, 0));
        assertThat(new BigInteger(after.get("debits_posted").asText()))
                .isEqualTo(new BigInteger(before.get("debits_posted").asText()).add(BigInteger.valueOf(7)));
    }

    @Test
    @Order(3)
    void validatorWithACertificateFromAnotherCa_cannotConnect() throws Exception {
        Path otherDir = dir.resolve("other-network");
        NetworkInit.run(otherDir, new NetworkInit.Options(4, 0, LocalCluster.NETWORK_ID, LocalNetwork.freeLoopbackAddresses(4),
                LocalNetwork.freeLoopbackAddresses(4), List.of("dc-x"), LocalCluster.PASSWORD.toCharArray(), KdfParameters.FAST_FOR_TESTS, 250, "none"),
                engine);
        // Same name as a real committee member (validator-1), but certified by the other network's CA.
        PrivateKey key = KeyStore.open(otherDir.resolve("validator-1"), engine).load("tls", LocalCluster.PASSWORD.toCharArray());
        List<X509Certificate> chain = Certificates.fromPem(Files.readString(otherDir.resolve("validator-1/tls.pem")));
        List<X509Certificate> theirCa = Certificates.fromPem(Files.readString(otherDir.resolve("ca/ca.pem")));
        List<X509Certificate> ourCa = Certificates.fromPem(Files.readString(dir.resolve("ca/ca.pem")));
        TlsSettings settings = TlsSettings.defaults(ClientAuth.REQUIRED).withHostnameVerification(false);
        double refusedBefore = metric(0, "qsafe_node_peer_refused_total");

        // Even trusting our CA (so it could verify validator-0), the impostor is refused by validator-0.
        PqTlsContext impostor = PqTlsContext.forClient(new TlsIdentity(chain, key), TlsTrust.of(List.of(ourCa.getFirst(), theirCa.getFirst())), settings);
        InetSocketAddress target = cluster.peers.get(0);
        assertThatThrownBy(() -> {
            try (SSLSocket socket = impostor.connect(target.getHostString(), target.getPort(), Duration.ofSeconds(5))) {
                impostor.handshake(socket, Duration.ofSeconds(10));
                // TLS 1.3: the server's verdict on the client certificate can arrive after the client's handshake ends.
                socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 0});
                socket.getOutputStream().flush();
                socket.setSoTimeout(10_000);
                if (socket.getInputStream().read() < 0) throw new java.io.EOFException("closed by validator-0");
            }
        }).isInstanceOf(java.io.IOException.class);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (metric(0, "qsafe_node_peer_refused_total") <= refusedBefore && System.nanoTime() < end) Thread.sleep(50); // poll
        assertThat(metric(0, "qsafe_node_peer_refused_total")).isGreaterThan(refusedBefore);
        JsonNode health = cluster.get(0, "/health");
        assertThat(health.get("peers_connected").asInt()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void everyNode_exposesHealthMetricsAndAuditEvents() throws Exception {
        for (int i = 0; i < cluster.size; i++) {
            assertThat(metric(i, "qsafe_node_commits_total")).isGreaterThan(0);
            assertThat(metric(i, "qsafe_node_round")).isGreaterThan(0);
        }
        Path audit = dir.resolve("audit-validator-0.jsonl");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && !(Files.exists(audit) && Files.readString(audit).contains("settlement_rejected"))) Thread.sleep(100); // poll
        String events = Files.readString(audit);
        assertThat(events).contains("\"operation\":\"peer_connect\"", "\"tls_group\":\"X25519MLKEM768\"", "\"operation\":\"settlement_submitted\"",
                "\"operation\":\"settlement_committed\"", "\"operation\":\"settlement_rejected\"", "\"operation\":\"peer_refused\"");
    }

    @Test
    @Order(5)
    void receipt_verifiesOfflineWithOnlyTheCommitteeFile_andTamperingIsDetected() throws Exception {
        SettlementClient alice = clients.get(0);
        Transfer pay = Transfer.of(UInt128.of(9_100_001), account(1, 1), account(3, 2), UInt128.of(123), 1, 1);
        SubmitResult r = alice.submit(List.of(), List.of(pay));
        assertThat(r.allOk()).as("%s", r).isTrue();
        JsonNode receipt = alice.receipt(pay.id(), Duration.ofSeconds(30)).orElseThrow();
        ReceiptVerifier verifier = new ReceiptVerifier(Files.readString(dir.resolve("committee.txt")), engine);

        ReceiptVerifier.Verdict verdict = verifier.verify(receipt);
        assertThat(verdict.valid()).as(verdict.reason()).isTrue();
        assertThat(verdict.transfer().amount()).isEqualTo(UInt128.of(123));
        assertThat(verdict.result()).isEqualTo("ok");
        assertThat(verdict.sequence()).isEqualTo(r.sequence());

        // Another amount in the transfer record: the leaf no longer reaches the transfer root.
        com.fasterxml.jackson.databind.node.ObjectNode forgedAmount = receipt.deepCopy();
        byte[] record = java.util.HexFormat.of().parseHex(receipt.get("transfer_record").asText());
        record[48] ^= 1; // low byte of the amount (id, debit, credit: 16 bytes each)
        forgedAmount.put("transfer_record", java.util.HexFormat.of().formatHex(record));
        assertThat(verifier.verify(forgedAmount).valid()).isFalse();
        // Fewer signatures than a quorum.
        com.fasterxml.jackson.databind.node.ObjectNode thin = receipt.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode sigs = (com.fasterxml.jackson.databind.node.ArrayNode) thin.get("checkpoint").get("signatures");
        while (sigs.size() > 2) sigs.remove(0);
        assertThat(verifier.verify(thin).valid()).isFalse();
        // A different state root in the checkpoint.
        com.fasterxml.jackson.databind.node.ObjectNode otherRoot = receipt.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) otherRoot.get("checkpoint")).put("state_root", "00".repeat(32));
        assertThat(verifier.verify(otherRoot).valid()).isFalse();
        // A committee file of another network: the signatures do not verify.
        String otherCommittee = Files.readString(dir.resolve("other-network/committee.txt"));
        assertThat(new ReceiptVerifier(otherCommittee, engine).verify(receipt).valid()).isFalse();
    }

    @Test
    @Order(6)
    void reads_answerASignedClientOnlyWithItsOwnData_theOperatorWithEverything_andNobodyElse() throws Exception {
        SettlementClient alice = clients.get(0), bob = clients.get(1), carol = clients.get(2);
        String aliceAccount = "/v1/accounts/" + account(1, 0);
        // Nothing but /health without a signature or the operator token, not even whether an account exists.
        HttpResponse<String> anonymous = read(0, aliceAccount, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("QSafe-Sig"));
        assertThat(anonymous.body()).contains("unauthenticated");
        for (String path : List.of("/v1/accounts/999999", "/v1/transfers/9000002", "/v1/receipts/9000002", "/v1/state", "/v1/finality",
                "/v1/checkpoints/latest", "/metrics", "/v1/requests/1/1")) {
            assertThat(read(0, path, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(read(0, "/health", null).statusCode()).isEqualTo(200);

        // A client sees its own accounts and the transfers touching them (debit or credit side), no one else's.
        assertThat(alice.account(account(1, 0))).isPresent();
        assertThat(alice.account(account(2, 0))).as("Bob's account, read by Alice").isEmpty();
        UInt128 paid = UInt128.of(9_000_002); // Alice's account(1, 0) -> Bob's account(2, 1), order 2
        assertThat(alice.transfer(paid)).isPresent();
        assertThat(bob.transfer(paid)).isPresent();
        assertThat(carol.transfer(paid)).as("a transfer between Alice and Bob, read by Carol").isEmpty();
        assertThat(read(0, "/v1/receipts/" + paid, signed(3, 3, System.currentTimeMillis(), "/v1/receipts/" + paid)).statusCode()).isEqualTo(404);
        assertThat(read(0, "/v1/state", signed(3, 3, System.currentTimeMillis(), "/v1/state")).statusCode()).isEqualTo(200);

        // Forged (Bob's key claiming Alice), stale, signed for another URL, an unknown client, garbage: refused.
        long now = System.currentTimeMillis();
        assertThat(read(0, aliceAccount, signed(1, 2, now, aliceAccount)).body()).contains("bad_signature");
        assertThat(read(0, aliceAccount, signed(1, 1, now - Duration.ofMinutes(10).toMillis(), aliceAccount)).body()).contains("stale_query");
        assertThat(read(0, aliceAccount, signed(1, 1, now, "/v1/accounts/" + account(1, 1))).body()).contains("bad_signature");
        assertThat(read(0, aliceAccount, signed(77, 1, now, aliceAccount)).body()).contains("unknown_client");
        assertThat(read(0, aliceAccount, "QSafe-Sig client=1, time=x, signature=AA==").body()).contains("malformed_authorization");
        assertThat(read(0, aliceAccount, signed(1, 1, now, aliceAccount)).statusCode()).isEqualTo(200);

        // Request status: only its client. Metrics: only the operator, whose token is checked.
        assertThat(read(0, "/v1/requests/1/1", signed(2, 2, now, "/v1/requests/1/1")).statusCode()).isEqualTo(404);
        assertThat(read(0, "/metrics", signed(1, 1, now, "/metrics")).statusCode()).isEqualTo(403);
        assertThat(read(0, "/metrics", "Bearer " + "0".repeat(64)).body()).contains("bad_token");
        assertThat(read(0, "/metrics", "Bearer " + cluster.operatorToken()).statusCode()).isEqualTo(200);
        assertThat(read(0, "/v1/accounts/" + account(2, 0), "Bearer " + cluster.operatorToken()).statusCode()).isEqualTo(200);
        assertThat(metric(0, "qsafe_node_queries_refused_total")).isGreaterThanOrEqualTo(14);

        Path audit = dir.resolve("audit-validator-0.jsonl");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && !Files.readString(audit).contains("api_query_refused")) Thread.sleep(100); // poll: the sink batches
        assertThat(Files.readString(audit)).contains("\"operation\":\"api_query_refused\"", "\"error\":\"stale_query\"");
    }

    /** An Authorization header claiming client {@code claimed}, signed with client {@code signedBy}'s key for GET {@code target}. */
    private String signed(int claimed, int signedBy, long time, String target) {
        byte[] message = io.quantumsafe.ledger.QueryAuthorization.signingMessage(LocalCluster.NETWORK_ID, UInt128.of(claimed), time, "GET", target);
        byte[] signature = engine.signer(cluster.clientKey(signedBy)).sign(message);
        return new io.quantumsafe.ledger.QueryAuthorization(UInt128.of(claimed), time, signature).header();
    }

    private HttpResponse<String> read(int validator, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(cluster.api(validator).resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) b.header("Authorization", authorization);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int post(int validator, SettlementRequest request) throws Exception {
        return cluster.httpStatus(validator, "/v1/requests?wait=accepted", RequestCodec.encode(request));
    }

    private SettlementRequest resign(SettlementRequest unsigned, int client) {
        byte[] signature = engine.signer(cluster.clientKey(client)).sign(RequestCodec.signingMessage(unsigned));
        return unsigned.withSignature(signature);
    }

    private double metric(int validator, String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cluster.api(validator).resolve("/metrics"))
                        .header("Authorization", "Bearer " + cluster.operatorToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double total = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return total;
    }

    static void awaitSequence(LocalCluster cluster, int validator, long sequence) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode state = cluster.get(validator, "/v1/state");
            if (state != null && state.get("sequence").asLong() >= sequence) return;
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError("validator " + validator + " did not reach sub-DAG " + sequence + ": " + cluster.get(validator, "/v1/state"));
    }

    // ---------------------------------------------------------------- helpers shared with the fault tests

    static List<SettlementClient> clients(LocalCluster cluster) {
        List<SettlementClient> out = new ArrayList<>();
        for (int c = 1; c <= CLIENTS; c++) {
            List<java.net.URI> apis = new ArrayList<>(cluster.apiUris());
            java.util.Collections.rotate(apis, -(c % cluster.size));
            out.add(new SettlementClient(apis, LocalCluster.NETWORK_ID, UInt128.of(c), cluster.clientKey(c), engine, Duration.ofSeconds(20)));
        }
        return out;
    }

    static UInt128 account(int client, int k) { return UInt128.of(client * 1000L + k); }

    static List<UInt128> allAccounts() {
        List<UInt128> out = new ArrayList<>();
        for (int c = 1; c <= CLIENTS; c++) for (int k = 0; k < ACCOUNTS_PER_CLIENT; k++) out.add(account(c, k));
        return out;
    }

    static void createAccounts(List<SettlementClient> clients) {
        for (SettlementClient client : clients) {
            int c = (int) client.clientId().lo();
            List<Account> accounts = new ArrayList<>();
            for (int k = 0; k < ACCOUNTS_PER_CLIENT; k++) accounts.add(Account.create(account(c, k), 1, 1, 0, client.clientId()));
            SubmitResult r = client.submit(accounts, List.of());
            assertThat(r.allOk()).as("account creation of client %d: %s", c, r).isTrue();
        }
    }

    /** Every client submits {@code requests} requests of {@code transfersPerRequest} transfers, concurrently; returns the highest sequence. */
    static long runTransfers(List<SettlementClient> clients, int requests, int transfersPerRequest, AtomicLong moved, Random seeds)
            throws Exception {
        AtomicLong transferIds = new AtomicLong(seeds.nextLong(1L << 40) + 1);
        AtomicLong maxSequence = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (SettlementClient client : clients) {
                long seed = seeds.nextLong();
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int c = (int) client.clientId().lo();
                    for (int q = 0; q < requests; q++) {
                        List<Transfer> transfers = new ArrayList<>();
                        long sum = 0;
                        for (int t = 0; t < transfersPerRequest; t++) {
                            long amount = 1 + random.nextInt(100);
                            sum += amount;
                            UInt128 to = account(1 + random.nextInt(CLIENTS), random.nextInt(ACCOUNTS_PER_CLIENT));
                            UInt128 from = account(c, random.nextInt(ACCOUNTS_PER_CLIENT));
                            if (to.equals(from)) to = account(c % CLIENTS + 1, 0);
                            transfers.add(Transfer.of(UInt128.of(transferIds.getAndIncrement()), from, to, UInt128.of(amount), 1, 1));
                        }
                        SubmitResult r = client.submit(List.of(), transfers);
                        assertThat(r.allOk()).as("client %d request %d: %s", c, q, r).isTrue();
                        moved.addAndGet(sum);
                        maxSequence.accumulateAndGet(r.sequence(), Math::max);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        }
        return maxSequence.get();
    }

    static String rootAt(LocalCluster cluster, int validator, long sequence) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode state = cluster.get(validator, "/v1/state?sequence=" + sequence);
            if (state != null) return state.get("state_root").asText();
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError("validator " + validator + " did not reach sub-DAG " + sequence + " within 60 s: " + cluster.get(validator, "/v1/state"));
    }
}
