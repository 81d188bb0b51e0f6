package io.quantumsafe.tls.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class RecordBufferingServerSocketTest {
    @Test
    void acceptedSocket_readsThroughOneBuffer_andATimeoutLosesNoBytes() throws Exception {
        try (RecordBufferingServerSocket listener = new RecordBufferingServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 Socket accepted = listener.accept()) {
                InputStream in = accepted.getInputStream();
                assertThat(in).isInstanceOf(BufferedInputStream.class).isSameAs(accepted.getInputStream());
                OutputStream out = client.getOutputStream();
                out.write(new byte[] {1, 2, 3, 4, 5, 6});
                out.flush();
                assertThat(in.readNBytes(5)).containsExactly(1, 2, 3, 4, 5); // a record header, as BCJSSE asks for it

                accepted.setSoTimeout(50); // the sidecar's idle tick
                assertThat(in.read()).isEqualTo(6);
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                out.write(new byte[] {7, 8});
                out.flush();
                accepted.setSoTimeout(10_000);
                assertThat(in.readNBytes(2)).containsExactly(7, 8);
                client.shutdownOutput();
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }
}
