package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache in front of ML-DSA vote checks never turns a signature it has not verified into a valid one. */
class PreverifyingSchemeTest {
    @Test
    void onlyTheExactVerifiedBytesHit_anyOtherSignatureIsVerifiedAfresh() {
        PqcEngine engine = PqcEngine.create();
        List<KeyPair> keys = new ArrayList<>();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(engine.generateKeyPair(Algorithm.ML_DSA_65));
            validators.add(new Validator(i, "v" + i, "dc", keys.get(i).publicKey().encoded()));
        }
        MlDsaCertificateScheme real = new MlDsaCertificateScheme(Committee.of(validators), engine);
        PreverifyingScheme scheme = new PreverifyingScheme(real);
        VoteSigner voter1 = real.signer(1, keys.get(1).privateKey());
        Digest header = Digest.sha256("header".getBytes());
        byte[] vote = voter1.sign(header);

        assertThat(scheme.verifyVote(1, header, vote)).isTrue();
        assertThat(scheme.verifyVote(1, header, vote.clone())).as("same bytes: remembered").isTrue();
        byte[] flipped = vote.clone();
        flipped[10] ^= 1;
        assertThat(scheme.verifyVote(1, header, flipped)).as("other bytes for the same vote").isFalse();
        assertThat(scheme.verifyVote(2, header, vote)).as("same bytes claimed by another voter").isFalse();
        assertThat(scheme.verifyVote(1, Digest.sha256("other".getBytes()), vote)).as("same bytes for another header").isFalse();
    }
}
