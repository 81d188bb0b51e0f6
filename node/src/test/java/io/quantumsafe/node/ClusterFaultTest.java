package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.client.SettlementClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash faults with real processes: kill -9 under load, f = 1 down, restart and catch-up. */
class ClusterFaultTest {
    @TempDir
    Path dir;
    LocalCluster cluster;

    @AfterEach
    void stop() throws InterruptedException {
        if (cluster != null) cluster.close();
    }

    @Test
    void killNineUnderLoad_othersKeepCommitting_andTheRestartedValidatorCatchesUpWithNothingLost() throws Exception {
        cluster = new LocalCluster(dir, 4, ClusterTest.CLIENTS, "kill-restart");
        cluster.startAll();
        cluster.awaitAllConnected(ClusterTest.startDeadline);
        List<SettlementClient> clients = ClusterTest.clients(cluster);
        ClusterTest.createAccounts(clients);
        AtomicLong moved = new AtomicLong();

        // Load in the background; validator 3 (the first choice of client 3) dies under it.
        CompletableFuture<Long> load = CompletableFuture.supplyAsync(() -> {
            try {
                return ClusterTest.runTransfers(clients, 12, 10, moved, new Random(11));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ClusterTest.awaitSequence(cluster, 3, 20);
        cluster.kill(3);

        // f = 1 down: the other three still commit everything the clients submit, including the
        // requests that validator 3 had accepted (clients fail over and resend the same signed bytes).
        long firstPhase = load.get(120, TimeUnit.SECONDS);
        long secondPhase = ClusterTest.runTransfers(clients, 4, 10, moved, new Random(12));
        assertThat(secondPhase).isGreaterThan(firstPhase);

        cluster.start(3);
        cluster.awaitHealth(3, h -> h.path("sequence").asLong() >= secondPhase, Duration.ofSeconds(90), "caught up to sub-DAG " + secondPhase);
        ClusterTest.assertAgreement(cluster, secondPhase, moved.get());

        // And it takes part again: new transfers commit and it agrees on them.
        long thirdPhase = ClusterTest.runTransfers(clients, 2, 5, moved, new Random(13));
        ClusterTest.assertAgreement(cluster, thirdPhase, moved.get());
    }
}
