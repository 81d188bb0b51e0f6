package io.quantumsafe.bench.tls;

import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Thread CPU time per full handshake, client and server apart, for the four cases of
 * {@link HandshakeLoad}, interleaved. CPU time moves far less than wall time on a shared machine,
 * and pinned to one core ({@code taskset -c 0}) it cannot hide work in overlap, so it tells what the
 * hybrid adds in work. The server handles each connection on a platform thread (thread CPU time
 * of virtual threads is not available).
 *
 * <pre>java -cp cli/target/qsafe.jar io.quantumsafe.bench.tls.HandshakeCpu 1000</pre>
 */
public final class HandshakeCpu {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HandshakeCpu() {}

    private record Endpoint(HandshakeLoad.Case c, PqTlsContext client, SSLServerSocket listener, BlockingQueue<Long> serverCpu) {}

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        PqcEngine engine = PqcEngine.create();
        List<Endpoint> endpoints = new ArrayList<>();
        for (HandshakeLoad.Case c : HandshakeLoad.CASES) endpoints.add(start(engine, c));
        for (int i = 0; i < Math.max(300, handshakes / 4); i++) for (Endpoint e : endpoints) handshake(e);
        long[][] client = new long[endpoints.size()][handshakes];
        long[][] server = new long[endpoints.size()][handshakes];
        for (int i = 0; i < handshakes; i++) {
            for (int k = 0; k < endpoints.size(); k++) {
                long before = THREADS.getCurrentThreadCpuTime();
                server[k][i] = handshake(endpoints.get(k));
                client[k][i] = THREADS.getCurrentThreadCpuTime() - before;
            }
        }
        System.out.println("| key exchange | certificate | client CPU ms | server CPU ms | sum |\n|---|---|---:|---:|---:|");
        for (int k = 0; k < endpoints.size(); k++) {
            double c = median(client[k]);
            double s = median(server[k]);
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f |%n", endpoints.get(k).c().group(),
                    endpoints.get(k).c().certificate().displayName(), c, s, c + s);
        }
        for (Endpoint e : endpoints) e.listener().close();
    }

    private static Endpoint start(PqcEngine engine, HandshakeLoad.Case c) throws IOException {
        HandshakeLoad.Contexts contexts = c.contexts(engine);
        PqTlsContext server = contexts.server(), client = contexts.client();
        SSLServerSocket listener = server.bind(new InetSocketAddress("127.0.0.1", 0), 64);
        BlockingQueue<Long> serverCpu = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            while (!listener.isClosed()) {
                try (SSLSocket socket = server.configureAccepted(listener.accept())) {
                    long before = THREADS.getCurrentThreadCpuTime();
                    server.handshake(socket, TIMEOUT);
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    serverCpu.add(THREADS.getCurrentThreadCpuTime() - before);
                } catch (IOException e) {
                    serverCpu.add(-1L); // the client side reports the failure
                }
            }
        });
        return new Endpoint(c, client, listener, serverCpu);
    }

    /** One handshake as the client sees it (connect included); returns the server's CPU for it. */
    private static long handshake(Endpoint e) throws Exception {
        try (SSLSocket socket = e.client().connect("127.0.0.1", e.listener().getLocalPort(), TIMEOUT)) {
            HandshakeInfo info = e.client().handshake(socket, TIMEOUT);
            if (socket.getInputStream().read() != 1) throw new IOException("server did not answer");
            if (!info.namedGroup().equals(e.c().group())) throw new IllegalStateException("agreed " + info.namedGroup());
        }
        long cpu = e.serverCpu().take();
        if (cpu < 0) throw new IOException("the server's handshake failed");
        return cpu;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
