package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RequestCodecTest {
    @Provide
    Arbitrary<UInt128> u128s() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UInt128::new);
    }

    /** Any 128 bytes with the reserved bytes zero is an account record: this covers the whole value space. */
    @Provide
    Arbitrary<Account> accounts() {
        return Arbitraries.bytes().array(byte[].class).ofSize(128).map(bytes -> {
            Arrays.fill(bytes, 116, 120, (byte) 0);
            return RecordCodec.readAccount(bytes, 0);
        });
    }

    @Provide
    Arbitrary<Transfer> transfers() {
        return Arbitraries.bytes().array(byte[].class).ofSize(128).map(bytes -> RecordCodec.readTransfer(bytes, 0));
    }

    @Provide
    Arbitrary<SettlementRequest> requests() {
        return Combinators.combine(Arbitraries.integers(), u128s(), Arbitraries.longs(), accounts().list().ofMaxSize(5),
                transfers().list().ofMaxSize(20), Arbitraries.bytes().array(byte[].class).ofMaxSize(RequestCodec.signatureBytesMax))
                .as(SettlementRequest::new);
    }

    @Property(tries = 300)
    void request_roundTripsThroughItsCanonicalEncoding(@ForAll("requests") SettlementRequest request) {
        byte[] encoded = RequestCodec.encode(request);
        SettlementRequest decoded = RequestCodec.decode(encoded);
        assertThat(decoded.networkId()).isEqualTo(request.networkId());
        assertThat(decoded.clientId()).isEqualTo(request.clientId());
        assertThat(decoded.requestNumber()).isEqualTo(request.requestNumber());
        assertThat(decoded.accounts()).isEqualTo(request.accounts());
        assertThat(decoded.transfers()).isEqualTo(request.transfers());
        assertThat(decoded.signature()).isEqualTo(request.signature());
        assertThat(RequestCodec.encode(decoded)).isEqualTo(encoded);
        assertThat(RequestCodec.signingMessage(decoded)).isEqualTo(RequestCodec.signingMessage(request));
    }

    @Property(tries = 300)
    void records_roundTrip(@ForAll("accounts") Account account, @ForAll("transfers") Transfer transfer) {
        assertThat(RecordCodec.readAccount(RecordCodec.encode(account), 0)).isEqualTo(account);
        assertThat(RecordCodec.readTransfer(RecordCodec.encode(transfer), 0)).isEqualTo(transfer);
        assertThat(RecordCodec.encode(account)).hasSize(128);
        assertThat(RecordCodec.encode(transfer)).hasSize(128);
    }

    @Property(tries = 1000)
    void anyDamageToARequest_isRejectedCleanly_orDecodesToSomethingCanonical(@ForAll("requests") SettlementRequest request,
                                                                            @ForAll int position, @ForAll byte value, @ForAll int cut) {
        byte[] encoded = RequestCodec.encode(request);
        byte[] damaged = encoded.clone();
        damaged[Math.floorMod(position, damaged.length)] = value;
        decodesCanonicallyOrThrowsCodecException(damaged);
        decodesCanonicallyOrThrowsCodecException(Arrays.copyOf(encoded, Math.floorMod(cut, encoded.length)));
        decodesCanonicallyOrThrowsCodecException(Arrays.copyOf(encoded, encoded.length + 1));
    }

    @Property(tries = 500)
    void randomBytes_areRejectedCleanly(@ForAll @Size(max = 600) byte[] bytes) {
        decodesCanonicallyOrThrowsCodecException(bytes);
    }

    static void decodesCanonicallyOrThrowsCodecException(byte[] bytes) {
        try {
            SettlementRequest decoded = RequestCodec.decode(bytes);
            // Whatever decodes must be the one canonical encoding of what it decoded to.
            assertThat(RequestCodec.encode(decoded)).isEqualTo(bytes);
        } catch (LedgerCodecException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void headerAnnouncingMoreEventsThanTheLimit_isRejectedBeforeAllocation() {
        byte[] header = RequestCodec.encode(new SettlementRequest(1, UInt128.of(1), 1, List.of(), List.of(), new byte[0]));
        header[36] = (byte) 0xff;
        header[37] = (byte) 0xff; // 65535 accounts announced in a 50-byte request
        assertThatThrownBy(() -> RequestCodec.decode(header)).isInstanceOf(LedgerCodecException.class).hasMessageContaining("at most 8190");
    }

    @Test
    void nonZeroReservedBytes_areRejected() {
        byte[] encoded = RequestCodec.encode(new SettlementRequest(1, UInt128.of(1), 1, List.of(), List.of(), new byte[0]));
        encoded[44] = 1;
        assertThatThrownBy(() -> RequestCodec.decode(encoded)).isInstanceOf(LedgerCodecException.class).hasMessageContaining("reserved");
        byte[] versioned = RequestCodec.encode(new SettlementRequest(1, UInt128.of(1), 1, List.of(), List.of(), new byte[0]));
        versioned[4] = 2;
        assertThatThrownBy(() -> RequestCodec.decode(versioned)).isInstanceOf(LedgerCodecException.class).hasMessageContaining("version");
    }
}
