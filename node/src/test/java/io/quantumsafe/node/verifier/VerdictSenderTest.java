package io.quantumsafe.node.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.node.config.NetworkInit;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.tls.ca.Certificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict queue towards one validator that never takes them is bounded, and the oldest give way. */
class VerdictSenderTest {
    static final char[] PASSWORD = "verdict-sender-test".toCharArray();

    /** Four loopback addresses from {@code port}: written into the configuration files, never dialled. */
    private static List<InetSocketAddress> addresses(int port) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) out.add(new InetSocketAddress("127.0.0.1", port + i));
        return out;
    }

    @Test
    void aValidatorThatNeverTakesVerdicts_holdsAtMostTheBound_andTheOldestAreDropped(@TempDir Path dir) throws Exception {
        PqcEngine engine = PqcEngine.create();
        NetworkInit.run(dir, new NetworkInit.Options(4, 0, 42, addresses(1), addresses(5), List.of("dc"), PASSWORD, KdfParameters.FAST_FOR_TESTS,
                250, "none").withVerifiers(1, addresses(9)), engine);
        PrivateKey key = KeyStore.open(dir.resolve("verifier-0"), engine).load("tls", PASSWORD);
        PqTlsContext tls = PqTlsContext.forClient(new TlsIdentity(Certificates.fromPem(Files.readString(dir.resolve("verifier-0/tls.pem"))), key),
                TlsTrust.of(Certificates.fromPem(Files.readString(dir.resolve("ca/ca.pem")))),
                TlsSettings.defaults(ClientAuth.REQUIRED).withHostnameVerification(false));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // free once closed: every delivery is refused and retried
        }
        int sent = VerdictSender.queuedMax + 10;
        try (VerdictSender sender = new VerdictSender(new VerifierLink("validator-0", new InetSocketAddress("127.0.0.1", closedPort), tls))) {
            for (int i = 0; i < sent; i++) sender.send(VerifierWire.ATTESTATION, new byte[] {(byte) i});
            assertThat(sender.queued()).isLessThanOrEqualTo(VerdictSender.queuedMax);
            // At most one verdict is out of the queue, being retried; every other one beyond the bound was dropped.
            assertThat(sender.dropped()).isBetween(9L, 10L);
            assertThat(sender.queued() + sender.dropped()).isBetween((long) sent - 1, (long) sent);
            assertThat(sender.delivered()).isZero();
        }
    }
}
