package io.quantumsafe.tls.sidecar;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.client.AuditSink;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PQ TLS terminating proxy: TLS 1.3 with X25519MLKEM768 in, plaintext out to the app next to
 * it. One virtual thread per direction per connection, a bounded number of connections (a
 * connection over the bound is closed at once and counted), certificate reload without dropping
 * connections, a status listener, and one audit event per connection.
 */
public final class Sidecar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sidecar.class);
    static final int acceptBacklog = 512;

    private final SidecarConfig config;
    private final ReloadingTls tls;
    private final SidecarMetrics metrics;
    private final AuditSink audit;
    private final Clock clock;
    private final String nodeName;
    private final ServerSocket listener;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Semaphore slots;
    private final StatusServer status;
    private final Thread acceptor;
    private volatile boolean closing;

    private Sidecar(SidecarConfig config, char[] password, AuditSink audit, Clock clock) throws IOException {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.nodeName = hostName();
        this.metrics = new SidecarMetrics(audit);
        this.tls = new ReloadingTls(config, password, metrics);
        this.slots = new Semaphore(config.maxConnections());
        this.listener = new RecordBufferingServerSocket();
        listener.setReuseAddress(true);
        try {
            listener.bind(config.listen(), acceptBacklog);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + config.listen() + ": " + e.getMessage() + " (is the port in use?)", e);
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> Thread.ofPlatform().daemon(true).name("qsafe-sidecar-timer").unstarted(runnable));
        scheduler.setRemoveOnCancelPolicy(true);
        long reload = config.reloadInterval().toMillis();
        scheduler.scheduleWithFixedDelay(tls::checkForChanges, reload, reload, TimeUnit.MILLISECONDS);
        StatusServer statusServer = null;
        try {
            if (config.status() != null) statusServer = new StatusServer(config.status(), this::health, metrics::scrape);
        } catch (BindException e) {
            listener.close();
            scheduler.shutdownNow();
            throw new IOException("cannot listen for status on " + config.status() + ": " + e.getMessage() + " (is the port in use?)", e);
        }
        this.status = statusServer;
        this.acceptor = Thread.ofPlatform().name("qsafe-sidecar-accept").start(this::acceptLoop);
        log.info("sidecar listening on {} -> {} ({}, certificate {} expires {})", listener.getLocalSocketAddress(), config.upstream(),
                config.policy().wireName(), tls.certificate().getSubjectX500Principal(), tls.certificate().getNotAfter());
    }

    /**
     * Validates the configuration (files, key password, certificate/key match, expiry, ports) and
     * starts serving. Every problem is an exception whose message tells the operator what to fix.
     */
    public static Sidecar start(SidecarConfig config, char[] password, AuditSink audit) throws IOException {
        return new Sidecar(config, password, audit, Clock.systemUTC());
    }

    public int port() { return listener.getLocalPort(); }

    public int statusPort() { return status == null ? -1 : status.port(); }

    public SidecarMetrics metrics() { return metrics; }

    /** The certificate new connections are served. */
    public X509Certificate certificate() { return tls.certificate(); }

    /** Checks the certificate files now rather than at the next interval; true if a new one was loaded. */
    public boolean reloadNow() { return tls.checkForChanges(); }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closing) log.error("accept failed: {}", e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                metrics.rejected();
                audit(rejection(socket));
                closeQuietly(socket);
                continue;
            }
            metrics.opened();
            Thread.ofVirtual().name("sidecar-connection").start(() -> {
                ObjectNode event = null;
                try {
                    event = new ProxyConnection(this, socket).run();
                } finally {
                    // Released before the event is emitted, so that whoever reads the event sees the
                    // connection gone from the metrics and its slot free.
                    metrics.closed();
                    slots.release();
                    if (event != null) audit(event);
                }
            });
        }
    }

    private ObjectNode rejection(Socket socket) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("timestamp", clock.instant().toString());
        event.put("component", "pqc-sidecar");
        event.put("operation", "handshake");
        event.put("algorithm", "none");
        event.put("duration_ms", 0.0);
        event.put("status", "REFUSED");
        event.put("client_id", "anonymous");
        event.put("payload_size", 0);
        event.put("remote_address", String.valueOf(socket.getRemoteSocketAddress()));
        event.put("error", "at capacity: " + config.maxConnections() + " connections");
        event.put("node", nodeName);
        return event;
    }

    private String health() {
        return "{\"status\":\"up\",\"active_connections\":" + metrics.activeConnections() + ",\"certificate_not_after\":\""
                + tls.certificate().getNotAfter().toInstant() + "\",\"policy\":\"" + config.policy().wireName() + "\"}";
    }

    /** Stops accepting, gives open connections up to the close timeout to finish, then stops. */
    @Override
    public void close() {
        closing = true;
        closeQuietly(listener);
        try {
            acceptor.join(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + config.closeTimeout().toNanos();
            while (metrics.activeConnections() > 0 && System.nanoTime() < deadline) {
                if (slots.tryAcquire(config.maxConnections(), 100, TimeUnit.MILLISECONDS)) {
                    slots.release(config.maxConnections());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (status != null) status.close();
        scheduler.shutdownNow();
    }

    SidecarConfig config() { return config; }

    ReloadingTls tls() { return tls; }

    ScheduledExecutorService scheduler() { return scheduler; }

    Clock clock() { return clock; }

    String nodeName() { return nodeName; }

    void audit(ObjectNode event) {
        if (audit != null) audit.offer(event);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort.
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
