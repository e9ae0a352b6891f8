package com.themepress.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for processes a test starts, and for addresses where nothing listens. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A loopback port nothing listens on at the moment of the call. The socket that found it is
     * closed again, so another process could take the port first; on loopback that is rare enough.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
