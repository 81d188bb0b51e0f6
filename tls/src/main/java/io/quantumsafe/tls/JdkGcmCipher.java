package io.quantumsafe.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM for one direction of the record layer, on the JDK's cipher (AES-NI and CLMUL), set up per
 * record with a plain {@link GCMParameterSpec}. Bouncy Castle's own adapter builds an
 * {@code AlgorithmParameters} object per record from its provider and hands that to the JDK cipher,
 * which unpacks it again by reflection: that per-record detour showed in the sidecar's profile.
 * The nonce discipline (RFC 8446 section 5.3: per-record nonce from the sequence number) stays in
 * Bouncy Castle's {@code TlsAEADCipher}, which calls {@link #init} with a fresh nonce for every record.
 */
final class JdkGcmCipher implements TlsAEADCipherImpl {
    private final Cipher cipher;
    private final int mode;
    private final int keyBytes;
    private SecretKey key;

    JdkGcmCipher(Cipher cipher, boolean encrypting, int keyBytes) {
        this.cipher = cipher;
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.keyBytes = keyBytes;
    }

    @Override
    public void setKey(byte[] key, int offset, int length) {
        if (length != keyBytes) throw new IllegalStateException("AES-GCM key of " + length + " bytes, expected " + keyBytes);
        this.key = new SecretKeySpec(key, offset, length, "AES");
    }

    @Override
    public void init(byte[] nonce, int macBytes) {
        try {
            cipher.init(mode, key, new GCMParameterSpec(macBytes * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM init failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return cipher.getOutputSize(inputLength);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
            throws IOException {
        try {
            if (additionalData != null && additionalData.length > 0) cipher.updateAAD(additionalData);
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }
}
