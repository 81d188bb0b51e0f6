package io.quantumsafe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.junit.jupiter.api.Test;

/**
 * The record-level rule behind {@link HalfClose}, on the records a real cipher would have decrypted:
 * only a TLS 1.3 warning-level close_notify, only on a thread that asked, turns into nothing and the
 * callback; everything after it is ignored; everything else passes unchanged.
 */
class HalfClosingCipherTest {
    static final TlsDecodeResult closeNotify = record(ContentType.alert, AlertLevel.warning, AlertDescription.close_notify);
    static final TlsDecodeResult data = record(ContentType.application_data, 1, 2, 3);

    @Test
    void aTls13CloseNotify_onAReaderThatAskedForHalfClose_becomesNothing_andRunsTheCallbackOnce_andLaterRecordsAreIgnored() throws Exception {
        HalfClosingCipher cipher = new HalfClosingCipher(new Decrypted(true, closeNotify, data, closeNotify));
        AtomicInteger calls = new AtomicInteger();
        HalfClose.whileReading(calls::incrementAndGet, () -> {
            TlsDecodeResult first = decode(cipher);
            assertThat(first.contentType).isEqualTo(ContentType.application_data);
            assertThat(first.len).isZero();
            assertThat(decode(cipher).len).as("data after close_notify is ignored").isZero();
            assertThat(decode(cipher).len).isZero();
            return null;
        });
        assertThat(calls).hasValue(1);
        assertThat(HalfClose.current()).as("the callback is the reading block's only").isNull();
    }

    @Test
    void withoutAReaderThatAsked_underTls12_orForAnyOtherAlert_recordsPassUnchanged() throws Exception {
        assertThat(decode(new HalfClosingCipher(new Decrypted(true, closeNotify)))).isSameAs(closeNotify);
        AtomicInteger calls = new AtomicInteger();
        HalfClose.whileReading(calls::incrementAndGet, () -> {
            assertThat(decode(new HalfClosingCipher(new Decrypted(false, closeNotify)))).as("TLS 1.2").isSameAs(closeNotify);
            TlsDecodeResult fatal = record(ContentType.alert, AlertLevel.fatal, AlertDescription.close_notify);
            assertThat(decode(new HalfClosingCipher(new Decrypted(true, fatal)))).isSameAs(fatal);
            TlsDecodeResult other = record(ContentType.alert, AlertLevel.warning, AlertDescription.user_canceled);
            assertThat(decode(new HalfClosingCipher(new Decrypted(true, other)))).isSameAs(other);
            assertThat(decode(new HalfClosingCipher(new Decrypted(true, data)))).isSameAs(data);
            return null;
        });
        assertThat(calls).hasValue(0);
    }

    @Test
    void sendCloseNotify_encryptsItsTwoBytesAsAnAlertRecord_onlyUnderTls13_andOnlyWhileItWrites() throws Exception {
        Decrypted tls13 = new Decrypted(true), tls12 = new Decrypted(false);
        HalfClosingCipher cipher13 = new HalfClosingCipher(tls13), cipher12 = new HalfClosingCipher(tls12);
        byte[] alert = {AlertLevel.warning, AlertDescription.close_notify};
        HalfClose.sendCloseNotify(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException("one write of the whole alert");
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws java.io.IOException {
                cipher13.encodePlaintext(0, ContentType.application_data, ProtocolVersion.TLSv12, 5, bytes, off, len);
                cipher12.encodePlaintext(0, ContentType.application_data, ProtocolVersion.TLSv12, 5, bytes, off, len);
            }
        });
        cipher13.encodePlaintext(1, ContentType.application_data, ProtocolVersion.TLSv12, 5, alert, 0, 2);
        assertThat(tls13.encoded).as("the alert while sending close_notify, then the same bytes as plain data").containsExactly(ContentType.alert, ContentType.application_data);
        assertThat(tls12.encoded).containsExactly(ContentType.application_data);
    }

    private static TlsDecodeResult decode(TlsCipher cipher) throws java.io.IOException {
        return cipher.decodeCiphertext(0, ContentType.application_data, ProtocolVersion.TLSv12, new byte[0], 0, 0);
    }

    private static TlsDecodeResult record(short type, int... bytes) {
        byte[] buf = new byte[bytes.length + 3];
        for (int i = 0; i < bytes.length; i++) buf[2 + i] = (byte) bytes[i];
        return new TlsDecodeResult(buf, 2, bytes.length, type);
    }

    /** What Bouncy Castle's AEAD cipher hands back after checking a record's tag, in order. */
    private static final class Decrypted implements TlsCipher {
        private final boolean tls13;
        private final Deque<TlsDecodeResult> records = new ArrayDeque<>();

        Decrypted(boolean tls13, TlsDecodeResult... records) {
            this.tls13 = tls13;
            this.records.addAll(java.util.List.of(records));
        }

        @Override
        public TlsDecodeResult decodeCiphertext(long seq, short type, ProtocolVersion version, byte[] ciphertext, int off, int len) {
            return records.removeFirst();
        }

        @Override
        public boolean usesOpaqueRecordTypeDecode() { return tls13; }

        @Override
        public boolean usesOpaqueRecordTypeEncode() { return tls13; }

        @Override
        public int getCiphertextDecodeLimit(int plaintextLimit) { return plaintextLimit; }

        @Override
        public int getCiphertextEncodeLimit(int plaintextLimit) { return plaintextLimit; }

        @Override
        public int getPlaintextDecodeLimit(int ciphertextLimit) { return ciphertextLimit; }

        @Override
        public int getPlaintextEncodeLimit(int ciphertextLimit) { return ciphertextLimit; }

        /** The inner content types this cipher was asked to encrypt. */
        final java.util.List<Short> encoded = new java.util.ArrayList<>();

        @Override
        public TlsEncodeResult encodePlaintext(long seq, short type, ProtocolVersion version, int header, byte[] plaintext, int off, int len) {
            encoded.add(type);
            return new TlsEncodeResult(plaintext, off, len, type);
        }

        @Override
        public void rekeyDecoder() {}

        @Override
        public void rekeyEncoder() {}
    }
}
