package io.quantumsafe.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsKemConfig;
import org.bouncycastle.tls.crypto.TlsKemDomain;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JceAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsMLKemDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK-backed ML-KEM and AES-GCM agree byte for byte with Bouncy Castle's own implementations. */
class JdkBackedCryptoTest {
    private final RecordCryptoProvider.JdkBackedCrypto crypto =
            (RecordCryptoProvider.JdkBackedCrypto) new RecordCryptoProvider(new BouncyCastleProvider()).create(new SecureRandom());

    @ParameterizedTest
    @ValueSource(ints = {NamedGroup.MLKEM512, NamedGroup.MLKEM768, NamedGroup.MLKEM1024})
    void mlKem_runsOnTheJdk_andInteroperatesWithBouncyCastle(int group) throws Exception {
        TlsKemDomain jdkClient = crypto.createKemDomain(new TlsKemConfig(group, false));
        TlsKemDomain jdkServer = crypto.createKemDomain(new TlsKemConfig(group, true));
        assertThat(jdkClient).isInstanceOf(JdkMlKemDomain.class);
        assertThat(jdkServer).isInstanceOf(JdkMlKemDomain.class);
        TlsKemDomain bcClient = new JceTlsMLKemDomain(crypto, new TlsKemConfig(group, false));
        TlsKemDomain bcServer = new JceTlsMLKemDomain(crypto, new TlsKemConfig(group, true));
        assertAgree(jdkClient.createKem(), bcServer.createKem());
        assertAgree(bcClient.createKem(), jdkServer.createKem());
        assertAgree(jdkClient.createKem(), jdkServer.createKem());
    }

    /** Client key share out, server ciphertext back, as in a TLS 1.3 key_share exchange. */
    private static void assertAgree(TlsAgreement client, TlsAgreement server) throws Exception {
        server.receivePeerValue(client.generateEphemeral());
        client.receivePeerValue(server.generateEphemeral());
        byte[] clientSecret = client.calculateSecret().extract();
        byte[] serverSecret = server.calculateSecret().extract();
        assertThat(clientSecret).hasSize(32).isEqualTo(serverSecret);
    }

    @Test
    void malformedKeyShare_wrongLengthOrCoefficientsNotBelowQ_isAnIllegalParameterAlert() throws Exception {
        TlsAgreement server = crypto.createKemDomain(new TlsKemConfig(NamedGroup.MLKEM768, true)).createKem();
        byte[] share = crypto.createKemDomain(new TlsKemConfig(NamedGroup.MLKEM768, false)).createKem().generateEphemeral();
        assertThatThrownBy(() -> server.receivePeerValue(Arrays.copyOf(share, share.length - 1)))
                .isInstanceOfSatisfying(TlsFatalAlert.class, e -> assertThat(e.getAlertDescription()).isEqualTo(AlertDescription.illegal_parameter));
        assertThatThrownBy(() -> server.receivePeerValue(new byte[0])).isInstanceOf(TlsFatalAlert.class);
        byte[] outOfRange = share.clone();
        Arrays.fill(outOfRange, 0, outOfRange.length - 32, (byte) 0xFF); // 12-bit coefficients of 4095, not below q = 3329
        assertThatThrownBy(() -> server.receivePeerValue(outOfRange))
                .isInstanceOfSatisfying(TlsFatalAlert.class, e -> assertThat(e.getAlertDescription()).isEqualTo(AlertDescription.illegal_parameter));
    }

    @Test
    void aesGcm_matchesBouncyCastlesAdapter_andRejectsATamperedRecord() throws Exception {
        byte[] key = new byte[16];
        byte[] nonce = new byte[12];
        byte[] aad = {23, 3, 3, 0, 40};
        byte[] plaintext = "a TLS 1.3 record's plaintext".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new SecureRandom().nextBytes(key);
        new SecureRandom().nextBytes(nonce);
        TlsAEADCipherImpl ours = crypto.createAEADCipher("AES/GCM/NoPadding", "AES", 16, true);
        TlsAEADCipherImpl theirs = new JceAEADCipherImpl(crypto, crypto.getHelper(), "AES/GCM/NoPadding", "AES", 16, true);
        assertThat(ours).isInstanceOf(JdkGcmCipher.class);
        byte[] sealed = seal(ours, key, nonce, aad, plaintext);
        assertThat(sealed).isEqualTo(seal(theirs, key, nonce, aad, plaintext));

        TlsAEADCipherImpl opener = crypto.createAEADCipher("AES/GCM/NoPadding", "AES", 16, false);
        opener.setKey(key, 0, key.length);
        opener.init(nonce, 16);
        byte[] opened = new byte[opener.getOutputSize(sealed.length)];
        assertThat(opener.doFinal(aad, sealed, 0, sealed.length, opened, 0)).isEqualTo(plaintext.length);
        assertThat(opened).isEqualTo(plaintext);

        sealed[3] ^= 1;
        opener.init(nonce, 16);
        assertThatThrownBy(() -> opener.doFinal(aad, sealed, 0, sealed.length, new byte[sealed.length], 0))
                .isInstanceOfSatisfying(TlsFatalAlert.class, e -> assertThat(e.getAlertDescription()).isEqualTo(AlertDescription.bad_record_mac));
    }

    private static byte[] seal(TlsAEADCipherImpl cipher, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws Exception {
        cipher.setKey(key, 0, key.length);
        cipher.init(nonce, 16);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int n = cipher.doFinal(aad, plaintext, 0, plaintext.length, out, 0);
        return Arrays.copyOf(out, n);
    }
}
