package io.parley.testkit.net;

import io.parley.testkit.process.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on the loopback interface in front of a real dependency (PostgreSQL, a broker, an HTTP service), for
 * fault tests that must not stop the machine's shared dependency: point the service under test at {@link #port()}
 * and then {@link #cut()} (every open connection reset, new ones reset at once, as a crashed server looks),
 * {@link #restore()}, or {@link #delay(Duration)} every forwarded chunk.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread acceptor;

    private TcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.acceptor = daemon("tcp-proxy-" + listener.getLocalPort() + "-accept", this::acceptLoop);
    }

    /** A proxy on a free loopback port forwarding to {@code host:port}, accepting at once. */
    public static TcpProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(FreePorts.LOOPBACK), 0));
            TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), listener);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a proxy port in front of " + host + ":" + port, e);
        }
    }

    /** The loopback port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection and every new one until {@link #restore()}: the dependency looks down. */
    public void cut() {
        cut.set(true);
        open.forEach(TcpProxy::reset);
    }

    /** Forwards new connections again. */
    public void restore() {
        cut.set(false);
    }

    /** Holds every forwarded chunk, both ways, for {@code perChunk} (zero for none). */
    public void delay(Duration perChunk) {
        delay.set(perChunk);
    }

    /** Resets every open connection once; new connections go through (a network blip). */
    public void resetConnections() {
        open.forEach(TcpProxy::reset);
    }

    /** Connections accepted and forwarded so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections reset on arrival because the proxy was cut. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing: nothing to recover
        }
        open.forEach(TcpProxy::reset);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut.get()) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            connect(client);
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, (int) Duration.ofSeconds(5).toMillis());
        } catch (IOException e) {
            // the real dependency is away: the client sees what it would see without the proxy, a dead connection
            reset(client);
            reset(upstream);
            return;
        }
        accepted.incrementAndGet();
        open.add(client);
        open.add(upstream);
        String name = "tcp-proxy-" + listener.getLocalPort() + "-" + client.getPort();
        daemon(name + "-up", () -> pump(client, upstream)).start();
        daemon(name + "-down", () -> pump(upstream, client)).start();
    }

    /** Copies {@code from} to {@code to} until either side ends, then closes both, so the peer sees the end too. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                Duration hold = delay.get();
                if (!hold.isZero()) {
                    Thread.sleep(hold.toMillis());
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // one side went away or was reset: closing both below tells the other side
        } finally {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Closes with an RST rather than a FIN, as a crashed peer does. */
    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException alreadyGone) {
            // nothing to reset
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
