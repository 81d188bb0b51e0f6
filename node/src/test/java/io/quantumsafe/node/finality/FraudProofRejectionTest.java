package io.quantumsafe.node.finality;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.finality.FinalityEffect.Alert;
import io.quantumsafe.node.finality.FinalityEffect.Finalized;
import io.quantumsafe.node.finality.FinalityEffect.Rejected;
import io.quantumsafe.node.finality.FinalityEffect.Revert;
import io.quantumsafe.node.finality.SettlementWorld.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fraud proofs that do not hold are refused, their sender reported, and nothing is reverted. */
class FraudProofRejectionTest {
    private static FraudProof proofAbout(SettlementWorld world, CheckpointCertificate certificate, VerifierSet signer, KeyPair key) {
        List<io.quantumsafe.ledger.Batch> batches = world.committed.stream()
                .filter(b -> b.sequence() == certificate.checkpoint().sequence()).toList();
        byte[] fabricated = certificate.checkpoint().stateRoot().toBytes();
        fabricated[5] ^= 1;
        return FraudProof.sign(signer, 0, key.privateKey(), certificate, batches, Digest.of(new byte[32]), Digest.of(fabricated), null);
    }

    /** A world whose only verifier is down, so checkpoints wait out a long window and proofs can arrive in it. */
    private static SettlementWorld pendingWorld() {
        SettlementWorld world = new SettlementWorld(21, 1, new FinalityConfig(1, Duration.ofMinutes(30)), 0);
        world.verifierUp[0] = false;
        world.commit(world.traffic());
        world.checkpoint(false);
        world.commit(world.traffic());
        world.checkpoint(false);
        return world;
    }

    private static void assertNothingReverted(Node node) {
        assertThat(node.effects).noneMatch(Revert.class::isInstance);
        assertThat(node.effects).noneMatch(e -> e instanceof Alert a && a.severity().equals("critical"));
    }

    @Test
    void aProofSignedByAnUnknownKey_isRefusedAsForged() {
        SettlementWorld world = pendingWorld();
        KeyPair impostor = SettlementWorld.ENGINE.generateKeyPair(Algorithm.ML_DSA_65);
        VerifierSet impostorSet = new VerifierSet(List.of(new VerifierSet.Member("verifier-0", impostor.publicKey())), SettlementWorld.ENGINE);
        FraudProof forged = proofAbout(world, world.certificates.getLast(), impostorSet, impostor);
        world.honest().fraudProof(forged);
        assertThat(world.honest().effects).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("not signed by a known verifier")));
        assertNothingReverted(world.honest());
    }

    @Test
    void aTamperedProof_failsItsSignature() {
        SettlementWorld world = pendingWorld();
        FraudProof genuine = proofAbout(world, world.certificates.getLast(), world.verifierSet, SettlementWorld.VERIFIER_KEYS.getFirst());
        assertThat(genuine.signatureValid(world.verifierSet)).isTrue();
        FraudProof tampered = new FraudProof(genuine.verifier(), genuine.certificate(), genuine.batches(), genuine.preStateRoot(),
                Digest.of(new byte[32]), genuine.offence(), genuine.signature());
        assertThat(tampered.signatureValid(world.verifierSet)).isFalse();
    }

    @Test
    void aFalseProofFromARealVerifier_isRefusedByReExecution_andTheCheckpointStillFinalises() {
        SettlementWorld world = pendingWorld();
        CheckpointCertificate honest = world.certificates.getLast();
        FraudProof lie = proofAbout(world, honest, world.verifierSet, SettlementWorld.VERIFIER_KEYS.getFirst());
        for (Node node : world.nodes) node.fraudProof(lie);

        Node node = world.honest();
        assertThat(node.effects).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("re-execution agrees with the certified state root")));
        assertThat(node.effects).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Alert.class,
                a -> assertThat(a.kind()).isEqualTo("invalid-fraud-proof")));
        assertNothingReverted(node);
        for (int b = 0; b < 31 * 60; b++) world.commit(List.of());
        assertThat(node.effects).filteredOn(Finalized.class::isInstance).extracting(e -> ((Finalized) e).certificate().checkpoint().sequence())
                .containsExactly(2L, 3L);
    }

    @Test
    void aProofAboutAFinalCheckpoint_isRefusedWhateverItSays() {
        SettlementWorld world = new SettlementWorld(23, 1, new FinalityConfig(1, Duration.ofMinutes(10)), 0);
        world.commit(world.traffic());
        CheckpointCertificate first = world.checkpoint(false);
        assertThat(world.honest().finality.lastFinalSequence()).isEqualTo(2);
        FraudProof late = proofAbout(world, first, world.verifierSet, SettlementWorld.VERIFIER_KEYS.getFirst());
        List<FinalityEffect> effects = world.honest().finality.fraudProof(late, new FraudProofCheck.Invalid("not checked"), world.now);
        assertThat(effects).singleElement().isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("the checkpoint after batch 2 is already final"));
        FraudProofCheck.Verdict verdict = FraudProofCheck.check(late, world.verifierSet, world.signing, world.honest().finality.lastFinal(),
                world.honest()::restoreFinal, world.honest().committedSinceFinal);
        assertThat(verdict).isEqualTo(new FraudProofCheck.Invalid("the checkpoint after batch 2 is already final"));
    }
}
