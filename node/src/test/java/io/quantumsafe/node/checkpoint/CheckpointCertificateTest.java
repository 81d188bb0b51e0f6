package io.quantumsafe.node.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CheckpointCertificateTest {
    private static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();
    private static final List<KeyPair> KEYS = List.of(ENGINE.generateKeyPair(Algorithm.ML_DSA_65), ENGINE.generateKeyPair(Algorithm.ML_DSA_65),
            ENGINE.generateKeyPair(Algorithm.ML_DSA_65), ENGINE.generateKeyPair(Algorithm.ML_DSA_65));
    private static final Committee COMMITTEE = committee();
    private static final CheckpointSigning SIGNING = new CheckpointSigning(COMMITTEE, ENGINE);

    private static Committee committee() {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) validators.add(new Validator(i, "v" + i, "dc", KEYS.get(i).publicKey().encoded()));
        return Committee.of(validators);
    }

    private static Checkpoint checkpoint(long index) {
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) index);
        return new Checkpoint(42, index, Digest.of(root));
    }

    private static CheckpointCertificate signedBy(Checkpoint checkpoint, int... signers) {
        SortedMap<Integer, byte[]> signatures = new TreeMap<>();
        for (int s : signers) signatures.put(s, SIGNING.sign(s, KEYS.get(s).privateKey(), checkpoint));
        return SIGNING.certificate(checkpoint, signatures);
    }

    @Test
    void aQuorumOfValidSignatures_verifies_andSurvivesItsEncoding() {
        CheckpointCertificate certificate = signedBy(checkpoint(5), 0, 2, 3);
        assertThat(SIGNING.verify(certificate)).isTrue();
        CheckpointCertificate decoded = CheckpointCertificate.decode(certificate.encode(4), 4);
        assertThat(decoded).isEqualTo(certificate);
        assertThat(SIGNING.verify(decoded)).isTrue();
    }

    @Test
    void fewerThanAQuorum_aForeignCheckpoint_orAForgedSignature_doNotVerify() {
        assertThatThrownBy(() -> signedBy(checkpoint(5), 0, 1)).hasMessageContaining("below the quorum of 3");
        CheckpointCertificate genuine = signedBy(checkpoint(5), 0, 1, 2);
        QuorumSignature twoClaimed = new QuorumSignature(bits(0, 1), Arrays.copyOf(genuine.signatures().proof(), 2 * CheckpointSigning.SIGNATURE_BYTES));
        assertThat(SIGNING.verify(new CheckpointCertificate(genuine.checkpoint(), twoClaimed))).isFalse();
        assertThat(SIGNING.verify(new CheckpointCertificate(checkpoint(6), genuine.signatures()))).isFalse();
        byte[] proof = genuine.signatures().proof();
        proof[100] ^= 1;
        assertThat(SIGNING.verify(new CheckpointCertificate(genuine.checkpoint(), new QuorumSignature(bits(0, 1, 2), proof)))).isFalse();
        // Signatures moved to another validator's slot.
        assertThat(SIGNING.verify(new CheckpointCertificate(genuine.checkpoint(), new QuorumSignature(bits(1, 2, 3), genuine.signatures().proof())))).isFalse();
    }

    private static BitSet bits(int... indices) {
        BitSet set = new BitSet();
        for (int i : indices) set.set(i);
        return set;
    }

    @Property(tries = 300)
    void checkpointEncoding_roundTrips(@ForAll("checkpoints") Checkpoint checkpoint) {
        assertThat(Checkpoint.decode(checkpoint.encode())).isEqualTo(checkpoint);
        assertThat(Checkpoint.decode(checkpoint.encode()).digest()).isEqualTo(checkpoint.digest());
    }

    @Property(tries = 500)
    void arbitraryBytes_decodeOrFailWithATypedError(@ForAll byte[] bytes) {
        try {
            CheckpointCertificate.decode(bytes, 4);
        } catch (MalformedCheckpointException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            Checkpoint.decode(bytes);
        } catch (MalformedCheckpointException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Checkpoint> checkpoints() {
        Arbitrary<Digest> digests = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Digest::of);
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs().between(1, Long.MAX_VALUE), digests).as(Checkpoint::new);
    }
}
