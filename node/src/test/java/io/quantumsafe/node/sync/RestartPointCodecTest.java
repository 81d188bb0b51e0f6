package io.quantumsafe.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.node.sync.SyncException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The restart point's wire form: round trip, and every truncation or corruption is a typed refusal. */
class RestartPointCodecTest {
    @Provide
    Arbitrary<RestartPoint> points() {
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<List<byte[]>> certificates = small.list().ofMaxSize(3);
        Arbitrary<List<RestartPoint.Entry>> entries = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), small)
                .as(RestartPoint.Entry::new).list().ofMaxSize(4);
        Arbitrary<List<RestartPoint.Committed>> committed = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(32),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(RestartPoint.Committed::new).list().ofMaxSize(4);
        Arbitrary<RestartPoint.Consensus> consensus = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE), small.list().ofMaxSize(4), committed)
                .as(RestartPoint.Consensus::new);
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs().between(0, Long.MAX_VALUE), small, certificates, entries, consensus)
                .as(RestartPoint::new);
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("points") RestartPoint point) throws SyncException {
        byte[] encoded = RestartPointCodec.encode(point);
        RestartPoint decoded = RestartPointCodec.decode(encoded);
        assertThat(RestartPointCodec.encode(decoded)).isEqualTo(encoded);
        assertThat(decoded.networkId()).isEqualTo(point.networkId());
        assertThat(decoded.entries()).hasSameSizeAs(point.entries());
        assertThat(decoded.consensus().sequence()).isEqualTo(point.consensus().sequence());
    }

    @Property(tries = 300)
    void everyTruncation_isATypedRefusal(@ForAll("points") RestartPoint point, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] encoded = RestartPointCodec.encode(point);
        byte[] truncated = java.util.Arrays.copyOf(encoded, cut % encoded.length);
        assertThatThrownBy(() -> RestartPointCodec.decode(truncated)).isInstanceOfSatisfying(SyncException.class,
                e -> assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.CORRUPT));
    }

    @Property(tries = 300)
    void everyBitFlip_isDetected(@ForAll("points") RestartPoint point, @ForAll @IntRange(min = 0, max = 100_000) int position,
                                 @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] encoded = RestartPointCodec.encode(point);
        encoded[position % encoded.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> RestartPointCodec.decode(encoded)).isInstanceOfSatisfying(SyncException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
    }

    /** With a valid checksum, the body is still checked: arbitrary bytes never escape as an unchecked exception or a huge allocation. */
    @Property(tries = 1000)
    void arbitraryBodiesWithAValidChecksum_decodeOrAreRefusedWithAReason(@ForAll byte[] body) {
        byte[] framed = withChecksum(body);
        try {
            RestartPointCodec.decode(framed);
        } catch (SyncException e) {
            assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.TRUNCATED);
        }
    }

    @Property(tries = 200)
    void hugeCountsAndLengths_areRefusedBeforeAllocating(@ForAll("points") RestartPoint point, @ForAll @IntRange(min = 0, max = 3) int which) {
        byte[] encoded = RestartPointCodec.encode(point);
        byte[] body = java.util.Arrays.copyOf(encoded, encoded.length - 32);
        // The ledger length field sits right after magic, version, network id and snapshot sequence.
        ByteBuffer.wrap(body).putInt(4 + 1 + 4 + 8, which == 0 ? -1 : Integer.MAX_VALUE - which);
        assertThatThrownBy(() -> RestartPointCodec.decode(withChecksum(body))).isInstanceOfSatisfying(SyncException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Property(tries = 100)
    void syncFrames_roundTrip_andGarbageIsDropped(@ForAll long nonce, @ForAll long a, @ForAll long b, @ForAll byte[] garbage) {
        List<SyncWire.Frame> frames = new ArrayList<>(List.of(new SyncWire.StatusRequest(nonce), new SyncWire.Status(nonce, a, b, a ^ b),
                new SyncWire.Fetch(nonce, a), new SyncWire.Refused(nonce, "busy")));
        for (SyncWire.Frame f : frames) assertThat(SyncWire.decode(SyncWire.encode(f))).isEqualTo(f);
        SyncWire.Chunk chunk = (SyncWire.Chunk) SyncWire.decode(SyncWire.encode(new SyncWire.Chunk(nonce, a, b, garbage)));
        assertThat(chunk.bytes()).isEqualTo(garbage);
        byte[] frame = new byte[garbage.length + 1];
        frame[0] = SyncWire.CHANNEL;
        System.arraycopy(garbage, 0, frame, 1, garbage.length);
        SyncWire.decode(frame); // null or a frame: never an exception
    }

    private static byte[] withChecksum(byte[] body) {
        byte[] out = java.util.Arrays.copyOf(body, body.length + 32);
        System.arraycopy(RestartPointCodec.sha256(body, body.length), 0, out, body.length, 32);
        return out;
    }
}
