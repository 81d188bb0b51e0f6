package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.client.SettlementClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State sync by snapshot with real processes: a validator killed with kill -9 and kept down until its
 * peers garbage-collected every round it could fetch, restarted: it restores a peer's snapshot (checked
 * against a 2f+1 checkpoint certificate), catches up and agrees. A GC window of 20 rounds (about 2 s)
 * and a snapshot every 10 sub-DAGs make this take seconds. Then another validator, paused past the
 * window while running, restarts itself in place and restores a snapshot the same way; and a verifier
 * started after the history was truncated begins at a validator's final snapshot and attests.
 */
class ClusterStateSyncTest {
    static final int gcDepthRounds = 20, snapshotInterval = 10;

    @TempDir
    Path dir;
    LocalCluster cluster;

    @AfterEach
    void stop() throws InterruptedException {
        if (cluster != null) cluster.close();
    }

    @Test
    void validatorDownBeyondTheGcWindow_restoresAPeersCertifiedSnapshot_catchesUp_andNothingIsLost() throws Exception {
        cluster = new LocalCluster(dir, 4, ClusterTest.CLIENTS, "state-sync", 1, "none");
        for (int i = 0; i < cluster.size; i++) {
            // History is truncated only below a snapshot at or below the last final checkpoint; while the verifier
            // is not started, checkpoints become final by the challenge window, here three seconds.
            cluster.editConfig(i, yaml -> yaml.replace("challenge_window_ms: 600000", "challenge_window_ms: 3000")
                    + "\ngc_depth_rounds: " + gcDepthRounds + "\nsnapshot_interval: " + snapshotInterval + "\nsnapshots_kept: 2\n");
        }
        cluster.startAll();
        cluster.awaitAllConnected(ClusterTest.startDeadline);
        List<SettlementClient> clients = ClusterTest.clients(cluster);
        ClusterTest.createAccounts(clients);
        AtomicLong moved = new AtomicLong();
        ClusterTest.runTransfers(clients, 3, 10, moved, new Random(21));
        long atKill = cluster.get(3, "/v1/state").get("sequence").asLong();
        cluster.kill(3);

        // The others go on (f = 1 down) far past validator 3's GC window: rounds advance about 10 a second.
        long secondPhase = ClusterTest.runTransfers(clients, 6, 10, moved, new Random(22));
        ClusterTest.awaitSequence(cluster, 0, Math.max(secondPhase, atKill + 4L * gcDepthRounds));

        // History is bounded: committed entries below the oldest kept snapshot are gone, recent ones are there.
        long head = cluster.get(0, "/v1/state").get("sequence").asLong();
        assertThat(cluster.get(0, "/health").path("history_floor").asLong()).as("history truncated at validator 0").isGreaterThan(1);
        assertThat(cluster.get(0, "/v1/state?sequence=" + head)).as("sub-DAG %d kept at validator 0", head).isNotNull();
        assertThat(Files.list(dir.resolve("validator-0").resolve("data").resolve("snapshots")).filter(f -> f.toString().endsWith(".snap")).count())
                .as("snapshot files kept").isBetween(1L, 2L);

        // The verifier starts only now: the validators no longer hold sub-DAG 1, so it must start from a final snapshot.
        cluster.startVerifier(0);
        cluster.start(3);
        cluster.awaitHealth(3, h -> h.path("restored_from_snapshot").asLong() > atKill && h.path("sequence").asLong() >= head,
                Duration.ofSeconds(120), "restored from a peer's snapshot and caught up to sub-DAG " + head);
        JsonNode health = cluster.get(3, "/health");
        assertThat(health.path("restored_from_snapshot").asLong()).isGreaterThan(atKill);

        // It takes part again, and every validator agrees on the root and on every acknowledged transfer.
        long thirdPhase = ClusterTest.runTransfers(clients, 3, 10, moved, new Random(23));
        ClusterTest.assertAgreement(cluster, thirdPhase, moved.get());

        // Validator 2 paused (SIGSTOP) past the window while running: resumed, it finds itself behind,
        // restarts in place (same process) and restores a snapshot. Client 2, whose preferred validator
        // it is, sits this phase out rather than wait for a paused process's timeouts.
        long atPause = cluster.get(2, "/v1/state").get("sequence").asLong();
        long pid = cluster.pid(2);
        cluster.pause(2);
        List<SettlementClient> others = List.of(clients.get(0), clients.get(2), clients.get(3));
        long fourthPhase = ClusterTest.runTransfers(others, 6, 10, moved, new Random(24));
        ClusterTest.awaitSequence(cluster, 0, Math.max(fourthPhase, atPause + 4L * gcDepthRounds));
        long head2 = cluster.get(0, "/v1/state").get("sequence").asLong();
        cluster.resume(2);
        cluster.awaitHealth(2, h -> h.path("restored_from_snapshot").asLong() > atPause && h.path("sequence").asLong() >= head2,
                Duration.ofSeconds(120), "restarted in place, restored a peer's snapshot and caught up to sub-DAG " + head2);
        assertThat(cluster.pid(2)).as("the same process").isEqualTo(pid);
        long fifthPhase = ClusterTest.runTransfers(clients, 2, 10, moved, new Random(25));
        ClusterTest.assertAgreement(cluster, fifthPhase, moved.get());

        // The verifier, started after history was truncated, began at a validator's final snapshot and attests.
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end && cluster.get(0, "/v1/finality").path("final_by_attestation").asLong() == 0) Thread.sleep(100); // poll
        assertThat(cluster.get(0, "/v1/finality").path("final_by_attestation").asLong()).as(() -> "checkpoints final through the verifier" + cluster.diagnostics(25)).isPositive();
        assertThat(Files.readString(Path.of("target", "cluster-logs", "state-sync", "verifier-0.log")))
                .containsPattern("started from validator validator-\\d's snapshot at final sub-DAG [1-9]");
        for (int i = 0; i < cluster.size; i++) {
            assertThat(cluster.get(i, "/health").path("behind_gc_window").asBoolean(true)).as("validator %d behind its peers' window", i).isFalse();
        }
    }
}
