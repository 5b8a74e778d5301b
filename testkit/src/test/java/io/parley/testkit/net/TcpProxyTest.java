package io.parley.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerBehindAProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::echoForever, "echo");
        server.setDaemon(true);
        server.start();
        proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "ping")).isEqualTo("ping");
        }
        assertThat(proxy.accepted()).isEqualTo(1);
    }

    @Test
    void aCutResetsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "a")).isEqualTo("a");
            proxy.cut();
            assertThatThrownBy(() -> roundTrip(before, "b")).isInstanceOf(IOException.class);
        }
        try (Socket during = connect()) {
            assertThatThrownBy(() -> roundTrip(during, "c")).isInstanceOf(IOException.class);
        }
        assertThat(proxy.refused()).isEqualTo(1);

        proxy.restore();
        try (Socket after = connect()) {
            assertThat(roundTrip(after, "d")).isEqualTo("d");
        }
    }

    @Test
    void aDelayStillDeliversEverything() throws IOException {
        proxy.delay(Duration.ofMillis(20));
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "slow")).isEqualTo("slow");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Writes {@code text} and reads as many bytes back; an ended or reset stream is an IOException. */
    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(sent);
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] back = new byte[sent.length];
        int total = 0;
        while (total < back.length) {
            int read = in.read(back, total, back.length - total);
            if (read < 0) {
                throw new IOException("the proxy ended the connection");
            }
            total += read;
        }
        return new String(back, StandardCharsets.UTF_8);
    }

    private void echoForever() {
        while (!echo.isClosed()) {
            try {
                Socket client = echo.accept();
                Thread pump = new Thread(() -> echo(client), "echo-client");
                pump.setDaemon(true);
                pump.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // the proxy reset it: that is what the test does
        }
    }
}
