package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The certificates validators form among themselves are the ones verifiers and finality check. */
class CheckpointsInteropTest {
    private static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();

    @Test
    void aCertificateFormedByValidators_verifiesWithCheckpointSigning_andNotForAnotherRoot() {
        List<KeyPair> keys = new ArrayList<>();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(ENGINE.generateKeyPair(Algorithm.ML_DSA_65));
            validators.add(new Validator(i, "validator-" + i, "dc", keys.get(i).publicKey().encoded()));
        }
        Committee committee = Committee.of(validators);
        List<Checkpoints> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) nodes.add(new Checkpoints(9, committee, i, ENGINE.signer(keys.get(i).privateKey()), ENGINE));
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) 7);
        List<byte[]> frames = new ArrayList<>();
        for (Checkpoints node : nodes) frames.add(node.executed(5, root, true));
        for (int to = 0; to < 4; to++) {
            for (int from = 0; from < 4; from++) if (from != to) nodes.get(to).received(from, frames.get(from));
        }
        Checkpoints.Certificate formed = nodes.getFirst().certificate(5);
        assertThat(formed).isNotNull();

        CheckpointSigning signing = new CheckpointSigning(committee, ENGINE);
        CheckpointCertificate certificate = Checkpoints.toCheckpointCertificate(9, formed, signing);
        assertThat(signing.verify(certificate)).isTrue();
        CheckpointCertificate otherNetwork = Checkpoints.toCheckpointCertificate(10, formed, signing);
        assertThat(signing.verify(otherNetwork)).isFalse();
    }
}
