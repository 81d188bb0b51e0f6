package io.quantumsafe.consensus.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The sizes README.md reports, measured on encoded messages with real ML-DSA-65 signatures. */
class MessageSizesTest {
    @Test
    void mlDsaCertificates_areASignaturePerSigner_andVerifyOnlyUntampered() {
        PqcEngine engine = PqcEngine.create();
        int n = 4;
        List<KeyPair> keys = new ArrayList<>();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(engine.generateKeyPair(MlDsaCertificateScheme.ALGORITHM));
            validators.add(new Validator(i, "v" + i, "dc", keys.get(i).publicKey().encoded()));
        }
        Committee committee = Committee.of(validators);
        MlDsaCertificateScheme scheme = new MlDsaCertificateScheme(committee, engine);
        Header header = header(n, committee.quorum());
        TreeMap<Integer, byte[]> votes = new TreeMap<>();
        for (int i = 0; i < committee.quorum(); i++) {
            VoteSigner signer = scheme.signer(i, keys.get(i).privateKey());
            byte[] signature = signer.sign(header.digest());
            assertThat(scheme.verifyVote(i, header.digest(), signature)).isTrue();
            assertThat(scheme.verifyVote((i + 1) % n, header.digest(), signature)).as("another validator's key").isFalse();
            votes.put(i, signature);
        }
        QuorumSignature quorum = scheme.aggregate(header.digest(), votes);
        assertThat(scheme.verify(header.digest(), quorum)).isTrue();
        byte[] tampered = quorum.proof();
        tampered[100] ^= 1;
        assertThat(scheme.verify(header.digest(), new QuorumSignature(quorum.signers(), tampered))).isFalse();
        assertThat(scheme.verify(Digest.sha256(new byte[]{1}), quorum)).as("another header").isFalse();

        Message certificate = new Message.CertificateMessage(new Certificate(header, quorum));
        assertThat(MessageCodec.encode(certificate, n)).hasSize(certificateBytes(n, committee.quorum()));
        assertThat(certificateBytes(4, 3)).isEqualTo(10_078);
        assertThat(certificateBytes(10, 7)).isEqualTo(23_443);
        assertThat(certificateBytes(80, 54)).isEqualTo(180_478);
        Vote vote = new Vote(header.digest(), 0, 2, 1, votes.get(1));
        assertThat(MessageCodec.encode(new Message.VoteMessage(vote), n)).hasSize(3_357);
    }

    /** A certificate message with one batch and a quorum of parents, signed by a quorum (3,309 bytes each). */
    static int certificateBytes(int n, int quorum) {
        BitSet signers = new BitSet();
        signers.set(0, quorum);
        Certificate c = new Certificate(header(n, quorum), new QuorumSignature(signers, new byte[quorum * 3309]));
        return MessageCodec.encodedBytes(new Message.CertificateMessage(c), n);
    }

    private static Header header(int n, int parents) {
        List<Digest> ps = new ArrayList<>();
        for (int i = 0; i < parents; i++) ps.add(Digest.sha256(new byte[]{(byte) i}));
        return new Header(0, 2, List.of(Batch.of(new byte[512]).digest()), ps);
    }
}
