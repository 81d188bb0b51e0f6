package io.quantumsafe.tls;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.tls.ca.CertificateAuthority;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A CA and identities issued by it, for tests. */
final class TestPki {
    static final PqcEngine ENGINE = PqcEngine.create();

    final CertificateAuthority ca;

    TestPki(Algorithm caAlgorithm, String name) {
        this.ca = CertificateAuthority.create(ENGINE, ENGINE.generateKeyPair(caAlgorithm), name, Duration.ofDays(30), Clock.systemUTC());
    }

    TlsIdentity identity(Algorithm algorithm, String commonName, CertificateAuthority.Usage... usages) {
        KeyPair keys = ENGINE.generateKeyPair(algorithm);
        var certificate = ca.issue(keys.publicKey(), commonName, List.of(commonName, "localhost", "127.0.0.1"), Set.of(usages),
                Duration.ofDays(7));
        return new TlsIdentity(List.of(certificate, ca.certificate()), keys.privateKey());
    }

    TlsTrust trust() {
        return TlsTrust.of(List.of(ca.certificate()));
    }
}
