package io.quantumsafe.node.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class VerifierWireTest {
    @Property(tries = 200)
    void entryAnswers_roundTrip_throughAFrame(@ForAll long committed, @ForAll long certified, @ForAll @Size(max = 300) byte[] batch,
                                              @ForAll @Size(max = 300) byte[] certificate) throws IOException {
        VerifierWire.Entry entry = VerifierWire.entry(roundTrip(VerifierWire.ENTRY_OK, VerifierWire.entryOk(committed, certified, batch, certificate)));
        assertThat(entry.committed()).isEqualTo(committed);
        assertThat(entry.certified()).isEqualTo(certified);
        assertThat(entry.batch()).isEqualTo(batch);
        if (certificate.length == 0) assertThat(entry.certificate()).as("an empty certificate means not certified").isNull();
        else assertThat(entry.certificate()).isEqualTo(certificate);
    }

    @Property(tries = 200)
    void truncatedOrPaddedEntryAnswers_areIoErrors_neverCrashes(@ForAll @Size(min = 1, max = 100) byte[] batch,
                                                                @ForAll @IntRange(min = 1, max = 40) int cut, @ForAll boolean pad) {
        byte[] full = VerifierWire.entryOk(5, 4, batch, new byte[] {9, 9});
        byte[] damaged = pad ? Arrays.copyOf(full, full.length + cut) : Arrays.copyOf(full, Math.max(0, full.length - cut));
        assertThatThrownBy(() -> VerifierWire.entry(new VerifierWire.Frame(VerifierWire.ENTRY_OK, damaged))).isInstanceOf(IOException.class);
    }

    @Property(tries = 200)
    void snapshotAnswers_roundTrip_andDamagedOnesAreIoErrors(@ForAll @LongRange(min = 1, max = 1_000_000) long sequence, @ForAll long lastFinal,
                                                             @ForAll @Size(max = 300) byte[] certificate, @ForAll @Size(max = 300) byte[] bytes,
                                                             @ForAll @IntRange(min = 1, max = 40) int cut) throws IOException {
        byte[] body = VerifierWire.snapshotOk(new VerifierWire.SnapshotChunk(sequence, 5_000, lastFinal, certificate, bytes));
        VerifierWire.SnapshotChunk chunk = VerifierWire.snapshotChunk(roundTrip(VerifierWire.SNAPSHOT_OK, body));
        assertThat(chunk.sequence()).isEqualTo(sequence);
        assertThat(chunk.total()).isEqualTo(5_000);
        assertThat(chunk.lastFinal()).isEqualTo(lastFinal);
        assertThat(chunk.certificate()).isEqualTo(certificate);
        assertThat(chunk.bytes()).isEqualTo(bytes);
        byte[] truncated = Arrays.copyOf(body, Math.max(0, body.length - cut));
        assertThatThrownBy(() -> VerifierWire.snapshotChunk(new VerifierWire.Frame(VerifierWire.SNAPSHOT_OK, truncated))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> VerifierWire.snapshotChunk(new VerifierWire.Frame(VerifierWire.ERROR, "no snapshot".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("no snapshot");
    }

    @Test
    void notYet_carriesPositions_andOtherAnswerTypesAreRefused() throws IOException {
        VerifierWire.Entry notYet = VerifierWire.entry(roundTrip(VerifierWire.NOT_YET, VerifierWire.notYet(7, 6)));
        assertThat(notYet.present()).isFalse();
        assertThat(notYet.committed()).isEqualTo(7);
        assertThatThrownBy(() -> VerifierWire.entry(new VerifierWire.Frame(VerifierWire.ERROR, VerifierWire.notYet(1, 1))))
                .isInstanceOf(IOException.class).hasMessageContaining("unexpected answer");
    }

    @Test
    void frameLengthsOutsideTheBound_areRefusedBeforeAllocation() {
        byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};
        assertThatThrownBy(() -> VerifierWire.read(new DataInputStream(new ByteArrayInputStream(huge))))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        byte[] zero = {0, 0, 0, 0};
        assertThatThrownBy(() -> VerifierWire.read(new DataInputStream(new ByteArrayInputStream(zero)))).isInstanceOf(IOException.class);
    }

    private static VerifierWire.Frame roundTrip(byte type, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerifierWire.write(new DataOutputStream(bytes), type, body);
        VerifierWire.Frame frame = VerifierWire.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(frame.type()).isEqualTo(type);
        return frame;
    }
}
