package io.quantumsafe.tls.sidecar;

import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.tls.ca.Certificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's TLS context, rebuilt when its certificate, key or CA files change. Connections in
 * flight keep the context they started with; new ones get the new one. A broken new file keeps the
 * old context serving and says why.
 */
final class ReloadingTls {
    private static final Logger log = LoggerFactory.getLogger(ReloadingTls.class);
    /** Certificates, keys and CA bundles are far below this. */
    private static final long fileBytesMax = 1024 * 1024;

    record Loaded(PqTlsContext context, X509Certificate certificate, byte[] filesDigest) {}

    private final SidecarConfig config;
    private final char[] password;
    private final SidecarMetrics metrics;
    private volatile Loaded current;

    ReloadingTls(SidecarConfig config, char[] password, SidecarMetrics metrics) {
        this.config = config;
        this.password = password.clone();
        this.metrics = metrics;
        this.current = load();
        metrics.certificateNotAfter(current.certificate().getNotAfter().toInstant().getEpochSecond());
    }

    PqTlsContext context() { return current.context(); }

    X509Certificate certificate() { return current.certificate(); }

    /** Reloads if any file changed; returns true if a new context was installed. */
    boolean checkForChanges() {
        byte[] digest;
        try {
            digest = filesDigest();
        } catch (IllegalArgumentException e) {
            log.warn("certificate reload skipped: {}", e.getMessage());
            metrics.reload("failed");
            return false;
        }
        if (MessageDigest.isEqual(digest, current.filesDigest())) return false;
        try {
            Loaded next = load();
            current = next;
            metrics.reload("ok");
            metrics.certificateNotAfter(next.certificate().getNotAfter().toInstant().getEpochSecond());
            log.info("reloaded certificate {} (expires {})", next.certificate().getSubjectX500Principal(), next.certificate().getNotAfter());
            return true;
        } catch (RuntimeException e) {
            metrics.reload("failed");
            log.error("new certificate or key not loaded, still serving the previous one: {}", e.getMessage());
            return false;
        }
    }

    private Loaded load() {
        byte[] digest = filesDigest();
        List<X509Certificate> chain = Certificates.fromPem(read(config.certificate(), "certificate"));
        X509Certificate leaf = chain.getFirst();
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException("certificate " + config.certificate() + " expired at " + leaf.getNotAfter() + "; issue a new one");
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException("certificate " + config.certificate() + " is not valid before " + leaf.getNotBefore());
        }
        PrivateKey key = KeyFile.decrypt(read(config.key(), "key"), password).key();
        TlsIdentity identity = new TlsIdentity(chain, key);
        TlsTrust trust = config.caCertificates() == null ? null
                : new TlsTrust(Certificates.fromPem(read(config.caCertificates(), "CA certificate")), config.allowedPeers());
        TlsSettings settings = new TlsSettings(config.policy(), config.clientAuth(), config.protocols(), false);
        return new Loaded(PqTlsContext.forServer(identity, trust, settings), leaf, digest);
    }

    private byte[] filesDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(read(config.certificate(), "certificate").getBytes(StandardCharsets.UTF_8));
            sha.update(read(config.key(), "key").getBytes(StandardCharsets.UTF_8));
            if (config.caCertificates() != null) sha.update(read(config.caCertificates(), "CA certificate").getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file, String what) {
        try {
            if (Files.size(file) > fileBytesMax) throw new IllegalArgumentException(what + " file " + file + " is larger than " + fileBytesMax + " bytes");
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
