package io.parley.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports nobody listens on right now, for a child process to take. */
public final class FreePorts {

    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** {@code count} different free ports on the loopback interface. */
    public static List<Integer> onLoopback(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // Every socket stays open until all are chosen, so that the ports differ.
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find " + count + " free local port(s)", e);
        } finally {
            sockets.forEach(FreePorts::close);
        }
    }

    /** Whether nobody listens on {@code port} of the loopback interface right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release local port " + socket.getLocalPort(), e);
        }
    }
}
