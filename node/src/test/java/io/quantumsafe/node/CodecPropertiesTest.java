package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The node's own encodings: round trips, and total decoding of arbitrary (peer-certified) bytes. */
class CodecPropertiesTest {
    @Property(tries = 300)
    void mempoolBatch_roundTrips(@ForAll long millis, @ForAll @Size(max = 20) List<@Size(max = 300) byte[]> requests) {
        MempoolBatch decoded = MempoolBatch.decode(new MempoolBatch(millis, requests).encode());
        assertThat(decoded.proposerMillis()).isEqualTo(millis);
        assertThat(decoded.requests()).hasSameSizeAs(requests);
        for (int i = 0; i < requests.size(); i++) assertThat(decoded.requests().get(i)).isEqualTo(requests.get(i));
    }

    @Property(tries = 1000)
    void mempoolBatch_arbitraryBytes_decodeToSomethingOrNothing_neverThrow(@ForAll @Size(max = 200) byte[] bytes) {
        MempoolBatch decoded = MempoolBatch.decode(bytes);
        // Whatever decodes re-encodes to the same bytes (one encoding per batch), or it decoded to the empty batch.
        if (!decoded.requests().isEmpty()) assertThat(decoded.encode()).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void committedEntry_roundTrips(@ForAll @Size(max = 20) List<@Size(max = 300) byte[]> batches) {
        List<byte[]> decoded = EntryCodec.decode(EntryCodec.encode(batches));
        assertThat(decoded).hasSameSizeAs(batches);
        for (int i = 0; i < batches.size(); i++) assertThat(decoded.get(i)).isEqualTo(batches.get(i));
    }

    @Property(tries = 200)
    void checkpointCertificate_roundTrips(@ForAll long sequence, @ForAll @Size(value = 32) byte[] root,
                                          @ForAll @Size(max = 7) List<@Size(min = 1, max = 40) byte[]> signatures) {
        TreeMap<Integer, byte[]> bySigner = new TreeMap<>();
        for (int i = 0; i < signatures.size(); i++) bySigner.put(i * 3, signatures.get(i));
        Checkpoints.Certificate decoded = Checkpoints.decode(Checkpoints.encode(new Checkpoints.Certificate(sequence, root, bySigner)));
        assertThat(decoded.sequence()).isEqualTo(sequence);
        assertThat(decoded.stateRoot()).isEqualTo(root);
        assertThat(new ArrayList<>(decoded.signatures().keySet())).isEqualTo(new ArrayList<>(bySigner.keySet()));
        bySigner.forEach((k, v) -> assertThat(decoded.signatures().get(k)).isEqualTo(v));
    }
}
