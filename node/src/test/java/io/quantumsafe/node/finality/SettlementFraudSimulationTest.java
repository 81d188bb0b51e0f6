package io.quantumsafe.node.finality;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.finality.FinalityEffect.Alert;
import io.quantumsafe.node.finality.FinalityEffect.Finalized;
import io.quantumsafe.node.finality.FinalityEffect.How;
import io.quantumsafe.node.finality.FinalityEffect.Revert;
import io.quantumsafe.node.finality.SettlementWorld.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Byzantine supermajorities against the verifier layer, in the deterministic settlement world:
 * whatever more than f validators certify, a verifier re-executing every batch catches it at the
 * first checkpoint that covers it, honest validators revert before it can become final, and the
 * ledger ends as if the fraud had never happened.
 */
class SettlementFraudSimulationTest {
    private static final FinalityConfig TEN_MINUTES = new FinalityConfig(1, Duration.ofMinutes(10));

    private static List<Finalized> finalized(Node node) {
        return node.effects.stream().filter(Finalized.class::isInstance).map(Finalized.class::cast).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void forgedTransferCertifiedByASupermajority_isRevertedBeforeFinality(long seed) {
        SettlementWorld world = new SettlementWorld(seed, 1, TEN_MINUTES, 3);
        for (int b = 0; b < 6; b++) {
            world.commit(world.traffic());
            world.checkpoint(false);
        }
        assertThat(world.honest().finality.lastFinalSequence()).as("honest checkpoints final through the verifier's attestation")
                .isEqualTo(world.honest().ledger.sequence());

        List<io.quantumsafe.ledger.SettlementRequest> withForgery = new ArrayList<>(world.traffic());
        withForgery.add(world.forgedRequest());
        world.commit(withForgery);
        long fraudBatch = world.honest().ledger.sequence();
        CheckpointCertificate fraudulent = world.checkpoint(false);

        assertThat(fraudulent).as("every validator executed the forgery, so the certificate is genuine").isNotNull();
        assertThat(world.proofs).hasSize(1);
        FraudProof proof = world.proofs.getFirst();
        assertThat(proof.checkpointSequence()).isEqualTo(fraudulent.checkpoint().sequence());
        assertThat(proof.offence()).isNotNull();
        assertThat(proof.offence().batch()).as("detected within the batch that carried it").isEqualTo(fraudBatch);
        assertThat(proof.offence().rule()).isEqualTo(RequestResult.BAD_SIGNATURE);

        for (Node node : world.nodes) {
            assertThat(node.effects).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Revert.class,
                    r -> assertThat(r.fromSequence()).isEqualTo(fraudulent.checkpoint().sequence())));
            assertThat(node.effects).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Alert.class,
                    a -> assertThat(a.severity() + " " + a.kind()).isEqualTo("critical settlement-fraud")));
            assertThat(finalized(node)).noneMatch(f -> f.certificate().checkpoint().digest().equals(fraudulent.checkpoint().digest()));
            assertThat(node.finality.stage(fraudulent.checkpoint().sequence(), fraudulent.checkpoint().digest())).isEqualTo(Finality.Stage.REVERTED);
        }

        // The colluders, caught, sign what they executed again; traffic goes on.
        assertThat(world.checkpoint(false)).as("the corrected checkpoint gets a quorum").isNotNull();
        for (int b = 0; b < 4; b++) {
            world.commit(world.traffic());
            world.checkpoint(false);
        }
        for (Node node : world.nodes) {
            assertThat(node.ledger.stateRoot()).as("validator %d ends as if the forgery never happened", node.index)
                    .isEqualTo(world.control.stateRoot());
        }
        assertThat(world.balance(world.honest().ledger, SettlementWorld.account(0, 1)))
                .isEqualTo(world.balance(world.control, SettlementWorld.account(0, 1)));
        assertThat(world.honest().finality.lastFinalSequence()).isEqualTo(world.certificates.getLast().checkpoint().sequence());
    }

    @Test
    void wrongStateRootSignedByASupermajority_isProvenAndRefused() {
        SettlementWorld world = new SettlementWorld(7, 1, TEN_MINUTES, 3);
        for (int b = 0; b < 3; b++) {
            world.commit(world.traffic());
            world.checkpoint(false);
        }
        world.commit(world.traffic());
        CheckpointCertificate wrong = world.checkpoint(true);
        assertThat(wrong).as("three colluders are a quorum of four").isNotNull();
        assertThat(wrong.signatures().signedBy(0)).isFalse();

        assertThat(world.proofs).singleElement().satisfies(proof -> {
            assertThat(proof.offence()).as("no single request is to blame: the root itself is wrong").isNull();
            assertThat(proof.recomputedRoot().toBytes()).isEqualTo(world.control.stateRoot());
        });
        Node honest = world.honest();
        assertThat(honest.effects).anySatisfy(e -> assertThat(e).isInstanceOf(Revert.class));
        assertThat(finalized(honest)).noneMatch(f -> f.certificate().checkpoint().digest().equals(wrong.checkpoint().digest()));

        CheckpointCertificate corrected = world.checkpoint(false);
        assertThat(corrected.checkpoint().sequence()).isEqualTo(wrong.checkpoint().sequence());
        assertThat(corrected.checkpoint().stateRoot().toBytes()).isEqualTo(world.control.stateRoot());
        assertThat(honest.finality.lastFinalSequence()).isEqualTo(corrected.checkpoint().sequence());
    }

    @Test
    void honestRun_finalisesThroughAttestationsLongBeforeTheWindow() {
        SettlementWorld world = new SettlementWorld(11, 3, new FinalityConfig(2, Duration.ofMinutes(10)), 0);
        for (int b = 0; b < 10; b++) {
            world.commit(world.traffic());
            world.checkpoint(false);
        }
        Node node = world.honest();
        assertThat(finalized(node)).hasSize(10).allSatisfy(f -> {
            assertThat(f.how()).isEqualTo(How.ATTESTED);
            assertThat(f.attestations()).isGreaterThanOrEqualTo(2);
        });
        assertThat(world.proofs).isEmpty();
        assertThat(node.effects).noneMatch(Alert.class::isInstance);
    }

    @Test
    void verifierDown_delaysFinalityOnlyUntilTheWindowPasses() {
        Duration window = Duration.ofSeconds(30);
        SettlementWorld world = new SettlementWorld(13, 1, new FinalityConfig(1, window), 0);
        world.verifierUp[0] = false;
        java.util.Map<Long, Long> certifiedAt = new java.util.LinkedHashMap<>();
        for (int b = 0; b < 40; b++) {
            world.commit(world.traffic());
            if (b < 5) {
                CheckpointCertificate certificate = world.checkpoint(false);
                certifiedAt.put(certificate.checkpoint().sequence(), world.now);
            }
        }
        Node node = world.honest();
        assertThat(finalized(node)).hasSize(5).allSatisfy(f -> assertThat(f.how()).isEqualTo(How.CHALLENGE_WINDOW));
        for (var certified : certifiedAt.entrySet()) {
            long waited = node.finalizedAt.get(certified.getKey()) - certified.getValue();
            assertThat(waited).as("checkpoint after batch %d", certified.getKey()).isGreaterThanOrEqualTo(window.toMillis())
                    .isLessThan(window.toMillis() + SettlementWorld.BATCH_MILLIS + 1);
        }
    }
}
