package io.quantumsafe.tls;

import java.io.IOException;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;

/**
 * A connection's record cipher with {@link HalfClose}: in TLS 1.3 (records with an inner content
 * type) a decrypted close_notify on a thread that asked for half-close becomes an empty application
 * data record, which Bouncy Castle accepts and ignores, and the thread's callback runs. Every later
 * record decrypts (its tag is still checked) to nothing, as RFC 8446 section 6.1 asks for data after
 * a close_notify. And {@link HalfClose#sendCloseNotify} writes a close_notify as a record of inner type
 * alert without Bouncy Castle closing anything. Everything else is the wrapped cipher's.
 */
final class HalfClosingCipher implements TlsCipher {
    private final TlsCipher cipher;
    private boolean peerClosed;

    HalfClosingCipher(TlsCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public TlsDecodeResult decodeCiphertext(long sequence, short recordType, ProtocolVersion version, byte[] ciphertext, int offset, int length)
            throws IOException {
        TlsDecodeResult decoded = cipher.decodeCiphertext(sequence, recordType, version, ciphertext, offset, length);
        if (peerClosed) return nothing(decoded);
        if (decoded.contentType == ContentType.alert && HalfClose.isCloseNotify(decoded.buf, decoded.off, decoded.len)
                && cipher.usesOpaqueRecordTypeDecode()) {
            Runnable onCloseNotify = HalfClose.current();
            if (onCloseNotify != null) {
                peerClosed = true;
                onCloseNotify.run();
                return nothing(decoded);
            }
        }
        return decoded;
    }

    private static TlsDecodeResult nothing(TlsDecodeResult decoded) {
        return new TlsDecodeResult(decoded.buf, decoded.off, 0, ContentType.application_data);
    }

    @Override
    public int getCiphertextDecodeLimit(int plaintextLimit) { return cipher.getCiphertextDecodeLimit(plaintextLimit); }

    @Override
    public int getCiphertextEncodeLimit(int plaintextLimit) { return cipher.getCiphertextEncodeLimit(plaintextLimit); }

    @Override
    public int getPlaintextDecodeLimit(int ciphertextLimit) { return cipher.getPlaintextDecodeLimit(ciphertextLimit); }

    @Override
    public int getPlaintextEncodeLimit(int ciphertextLimit) { return cipher.getPlaintextEncodeLimit(ciphertextLimit); }

    @Override
    public TlsEncodeResult encodePlaintext(long sequence, short contentType, ProtocolVersion version, int headerAllocation, byte[] plaintext,
                                          int offset, int length) throws IOException {
        // Cheapest test first: this runs for every record written.
        if (length == 2 && contentType == ContentType.application_data && HalfClose.isCloseNotify(plaintext, offset, length)
                && HalfClose.sendingCloseNotify() && cipher.usesOpaqueRecordTypeEncode()) {
            contentType = ContentType.alert; // the inner type is encrypted, so on the wire this is exactly a TLS 1.3 close_notify
        }
        return cipher.encodePlaintext(sequence, contentType, version, headerAllocation, plaintext, offset, length);
    }

    @Override
    public void rekeyDecoder() throws IOException { cipher.rekeyDecoder(); }

    @Override
    public void rekeyEncoder() throws IOException { cipher.rekeyEncoder(); }

    @Override
    public boolean usesOpaqueRecordTypeDecode() { return cipher.usesOpaqueRecordTypeDecode(); }

    @Override
    public boolean usesOpaqueRecordTypeEncode() { return cipher.usesOpaqueRecordTypeEncode(); }
}
