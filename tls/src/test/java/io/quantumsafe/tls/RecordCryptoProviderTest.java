package io.quantumsafe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class RecordCryptoProviderTest {
    private final JcaJceHelper helper = new RecordCryptoProvider(new BouncyCastleProvider()).create(new SecureRandom()).getHelper();

    @Test
    void recordLayerPrimitives_comeFromTheJdk() throws Exception {
        assertThat(helper.createCipher("AES/GCM/NoPadding").getProvider().getName()).isEqualTo("SunJCE");
        assertThat(helper.createMac("HmacSHA384").getProvider().getName()).isEqualTo("SunJCE");
        assertThat(helper.createMessageDigest("SHA-256").getProvider().getName()).isEqualTo("SUN");
        assertThat(helper.createDigest("SHA-384").getProvider().getName()).isEqualTo("SUN");
    }

    @Test
    void everythingElse_staysWithBouncyCastle() throws Exception {
        assertThat(helper.createCipher("ChaCha20-Poly1305").getProvider().getName()).isEqualTo("BC");
        assertThat(helper.createKeyPairGenerator("ML-KEM").getProvider().getName()).isEqualTo("BC");
        assertThat(helper.createSignature("ML-DSA-65").getProvider().getName()).isEqualTo("BC");
        assertThat(helper.createMessageDigest("SHA3-256").getProvider().getName()).isEqualTo("BC");
    }
}
