package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.client.SettlementClient;
import io.quantumsafe.client.SubmitResult;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real 4-validator network: four JVMs on loopback, PQ mutual TLS between them, RocksDB under each. */
class ClusterTest {
    static final int CLIENTS = 4;
    static final int ACCOUNTS_PER_CLIENT = 4;
    static final Duration startDeadline = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    LocalCluster cluster;
    final PqcEngine engine = PqcEngine.create();

    @AfterEach
    void stop() throws InterruptedException {
        if (cluster != null) cluster.close();
    }

    @Test
    void concurrentClients_allValidatorsAgreeOnTheStateRoot_andMoneyIsConserved() throws Exception {
        cluster = new LocalCluster(dir, 4, CLIENTS, "agree");
        cluster.startAll();
        cluster.awaitAllConnected(startDeadline);
        List<SettlementClient> clients = clients();
        createAccounts(clients);

        AtomicLong moved = new AtomicLong();
        long maxSequence = runTransfers(clients, 8, 10, moved, new Random(7));

        List<UInt128> accounts = allAccounts();
        String root = null;
        for (int i = 0; i < cluster.size; i++) {
            String r = rootAt(i, maxSequence);
            if (root == null) root = r;
            assertThat(r).as("state root of validator %d after sub-DAG %d", i, maxSequence).isEqualTo(root);
        }
        for (int i = 0; i < cluster.size; i++) {
            BigInteger debits = BigInteger.ZERO, credits = BigInteger.ZERO;
            for (UInt128 id : accounts) {
                JsonNode a = cluster.get(i, "/v1/accounts/" + id);
                assertThat(a).as("account %s at validator %d", id, i).isNotNull();
                debits = debits.add(new BigInteger(a.get("debits_posted").asText()));
                credits = credits.add(new BigInteger(a.get("credits_posted").asText()));
            }
            assertThat(debits).as("debits at validator %d", i).isEqualTo(credits).isEqualTo(BigInteger.valueOf(moved.get()));
        }
    }

    // ---------------------------------------------------------------- helpers shared with the fault tests

    List<SettlementClient> clients() {
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

    String rootAt(int validator, long sequence) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode state = cluster.get(validator, "/v1/state?sequence=" + sequence);
            if (state != null) return state.get("state_root").asText();
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError("validator " + validator + " did not reach sub-DAG " + sequence + " within 60 s: " + cluster.get(validator, "/v1/state"));
    }

    static Set<String> distinct(List<String> values) { return new HashSet<>(values); }
}
