package io.quantumsafe.consensus.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The codec: canonical (decode then encode gives the same bytes), size formula exact, and total on arbitrary bytes. */
class MessageCodecPropertiesTest {
    private static final int N = 10;
    private static final CodecLimits LIMITS = CodecLimits.of(N, 8, 4096, 16, 3309);

    @Property(tries = 300)
    void decodeThenEncode_isTheIdentity_andTheSizeFormulaIsExact(@ForAll("messages") Message message) throws Exception {
        byte[] encoded = MessageCodec.encode(message, N);
        assertThat(encoded).hasSize(MessageCodec.encodedBytes(message, N));
        Message decoded = MessageCodec.decode(encoded, LIMITS);
        assertThat(decoded.kind()).isEqualTo(message.kind());
        assertThat(MessageCodec.encode(decoded, N)).isEqualTo(encoded);
    }

    @Property(tries = 500)
    void arbitraryBytes_decodeOrAreRefusedWithAReason(@ForAll byte[] bytes) {
        try {
            Message m = MessageCodec.decode(bytes, LIMITS);
            assertThat(MessageCodec.encode(m, N)).isEqualTo(bytes);
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void truncatedOrExtendedMessages_areRefused(@ForAll("messages") Message message, @ForAll int cut) throws Exception {
        byte[] encoded = MessageCodec.encode(message, N);
        int length = Math.floorMod(cut, encoded.length);
        assertThatThrownBy(() -> MessageCodec.decode(java.util.Arrays.copyOf(encoded, length), LIMITS))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode(java.util.Arrays.copyOf(encoded, encoded.length + 1), LIMITS))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("trailing");
    }

    @Property(tries = 50)
    void countsBeyondTheLimits_areRefusedBeforeAllocation(@ForAll("headers") Header header) {
        List<Digest> tooMany = new ArrayList<>();
        for (int i = 0; i < 17; i++) tooMany.add(Digest.sha256(new byte[]{(byte) i}));
        byte[] encoded = MessageCodec.encode(new Message.SyncRequest(tooMany, List.of()), N);
        assertThatThrownBy(() -> MessageCodec.decode(encoded, LIMITS)).hasMessageContaining("exceed the limit of 16");
        byte[] big = MessageCodec.encode(new Message.HeaderMessage(header, List.of()), N);
        big[2] = (byte) 0xff; // author index 255+ is outside a committee of 10
        assertThatThrownBy(() -> MessageCodec.decode(big, LIMITS)).isInstanceOf(MalformedMessageException.class);
    }

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.oneOf(headerMessages(), votes(), certificates().map(Message.CertificateMessage::new), syncRequests(), syncResponses());
    }

    private static Arbitrary<Digest> digests() {
        return Arbitraries.bytes().array(byte[].class).ofSize(8).map(Digest::sha256);
    }

    @Provide
    Arbitrary<Header> headers() {
        return Combinators.combine(Arbitraries.integers().between(0, N - 1), Arbitraries.longs().between(0, Long.MAX_VALUE),
                digests().list().ofMaxSize(8), digests().list().ofMaxSize(N)).as(Header::new);
    }

    private static Arbitrary<Batch> batches() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Batch::of);
    }

    private Arbitrary<Message> headerMessages() {
        return Combinators.combine(Arbitraries.integers().between(0, N - 1), Arbitraries.longs().between(1, 1_000_000),
                batches().list().ofMaxSize(8), digests().list().ofMaxSize(N)).as((author, round, batches, parents) -> {
                    List<Digest> ds = batches.stream().map(Batch::digest).toList();
                    return new Message.HeaderMessage(new Header(author, round, ds, parents), batches);
                });
    }

    private Arbitrary<Message> votes() {
        return Combinators.combine(digests(), Arbitraries.integers().between(0, N - 1), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.integers().between(0, N - 1), Arbitraries.bytes().array(byte[].class).ofMaxSize(3309))
                .as((d, a, r, v, s) -> new Message.VoteMessage(new Vote(d, a, r, v, s)));
    }

    private Arbitrary<Certificate> certificates() {
        Arbitrary<QuorumSignature> signatures = Combinators.combine(Arbitraries.integers().between(0, N - 1).set().ofMaxSize(N),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200)).as((signers, proof) -> {
                    BitSet bits = new BitSet();
                    signers.forEach(bits::set);
                    return new QuorumSignature(bits, proof);
                });
        return Combinators.combine(headers(), signatures).as(Certificate::new);
    }

    private Arbitrary<Message> syncRequests() {
        return Combinators.combine(digests().list().ofMaxSize(16), digests().list().ofMaxSize(16)).as(Message.SyncRequest::new);
    }

    private Arbitrary<Message> syncResponses() {
        return Combinators.combine(certificates().list().ofMaxSize(3), batches().list().ofMaxSize(5)).as(Message.SyncResponse::new);
    }
}
