package io.quantumsafe.node.finality;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FinalityCodecTest {
    private static final SettlementWorld WORLD = fraudWorld();

    /** A world in which a verifier produced one real fraud proof (with an offence) and attestations. */
    private static SettlementWorld fraudWorld() {
        SettlementWorld world = new SettlementWorld(5, 1, new FinalityConfig(1, Duration.ofMinutes(10)), 3);
        world.commit(world.traffic());
        world.checkpoint(false);
        List<io.quantumsafe.ledger.SettlementRequest> requests = new ArrayList<>(world.traffic());
        requests.add(world.forgedRequest());
        world.commit(requests);
        world.checkpoint(false);
        return world;
    }

    @Test
    void aRealFraudProof_survivesItsEncoding_withItsSignature() {
        FraudProof proof = WORLD.proofs.getFirst();
        assertThat(proof.offence()).isNotNull();
        FraudProof decoded = FinalityCodec.decodeFraudProof(FinalityCodec.encode(proof, 4), 4);
        assertThat(decoded.signatureValid(WORLD.verifierSet)).isTrue();
        assertThat(decoded.offence()).isEqualTo(proof.offence());
        assertThat(FraudProof.digestOf(decoded.batches())).isEqualTo(FraudProof.digestOf(proof.batches()));
        assertThat(decoded.certificate()).isEqualTo(proof.certificate());
    }

    @Test
    void anAttestation_survivesItsEncoding() {
        Attestation attestation = Attestation.sign(WORLD.verifierSet, 0, SettlementWorld.VERIFIER_KEYS.getFirst().privateKey(), 9,
                WORLD.certificates.getFirst().checkpoint().digest());
        Attestation decoded = FinalityCodec.decodeAttestation(FinalityCodec.encode(attestation));
        assertThat(decoded.verify(WORLD.verifierSet)).isTrue();
        assertThat(decoded.checkpointSequence()).isEqualTo(9);
    }

    @Test
    void theAttestationsOfAFinalCheckpoint_surviveTheirStoreEncoding_andEveryTruncationIsATypedError() {
        List<VerifierSet.Member> members = new ArrayList<>();
        for (int v = 0; v < 3; v++) members.add(new VerifierSet.Member("verifier-" + v, SettlementWorld.VERIFIER_KEYS.get(v).publicKey()));
        VerifierSet three = new VerifierSet(members, io.quantumsafe.crypto.PqcEngine.create());
        List<Attestation> attestations = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            attestations.add(Attestation.sign(three, v, SettlementWorld.VERIFIER_KEYS.get(v).privateKey(), 9,
                    WORLD.certificates.getFirst().checkpoint().digest()));
        }
        byte[] encoded = FinalityCodec.encodeAll(attestations);
        List<Attestation> decoded = FinalityCodec.decodeAll(encoded);
        assertThat(decoded).hasSize(3).allMatch(a -> a.verify(three));
        assertThat(decoded).extracting(Attestation::verifier).containsExactly(0, 1, 2);
        assertThat(FinalityCodec.decodeAll(FinalityCodec.encodeAll(List.of()))).isEmpty();
        for (int cut = 0; cut < encoded.length; cut += 53) {
            byte[] truncated = java.util.Arrays.copyOf(encoded, cut);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FinalityCodec.decodeAll(truncated))
                    .isInstanceOf(MalformedCheckpointException.class);
        }
        byte[] padded = java.util.Arrays.copyOf(encoded, encoded.length + 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FinalityCodec.decodeAll(padded)).isInstanceOf(MalformedCheckpointException.class);
    }

    @Test
    void committedBatches_surviveTheirEncoding_andEveryTruncationIsATypedError() {
        for (io.quantumsafe.ledger.Batch batch : WORLD.committed) {
            byte[] encoded = FinalityCodec.encode(batch);
            assertThat(FraudProof.digestOf(List.of(FinalityCodec.decodeBatch(encoded)))).isEqualTo(FraudProof.digestOf(List.of(batch)));
            for (int cut = 0; cut < encoded.length; cut += 97) {
                byte[] truncated = java.util.Arrays.copyOf(encoded, cut);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> FinalityCodec.decodeBatch(truncated))
                        .isInstanceOf(MalformedCheckpointException.class);
            }
        }
    }

    private static final byte[] ENCODED = FinalityCodec.encode(WORLD.proofs.getFirst(), 4);

    @Property(tries = 200)
    void everyTruncation_failsWithATypedError(@ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
        byte[] truncated = java.util.Arrays.copyOf(ENCODED, cut % ENCODED.length);
        try {
            FinalityCodec.decodeFraudProof(truncated, 4);
            throw new AssertionError("a proof cut to " + truncated.length + " of " + ENCODED.length + " bytes decoded");
        } catch (MalformedCheckpointException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void aCorruptedByte_isMalformedOrFailsASignatureCheck(@ForAll @IntRange(min = 0, max = 1_000_000) int at,
                                                          @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] damaged = ENCODED.clone();
        damaged[at % damaged.length] ^= (byte) flip;
        try {
            FraudProof decoded = FinalityCodec.decodeFraudProof(damaged, 4);
            // The proof's own signature covers everything but the certificate's signatures, which the
            // certificate check covers: one of the two must fail.
            assertThat(decoded.signatureValid(WORLD.verifierSet) && WORLD.signing.verify(decoded.certificate())).isFalse();
        } catch (MalformedCheckpointException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
