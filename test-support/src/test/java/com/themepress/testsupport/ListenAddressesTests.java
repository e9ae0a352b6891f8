package com.themepress.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** Reads back where a socket of this test listens, from the kernel's tables. */
class ListenAddressesTests {

    @Test
    void aLoopbackSocketIsSeenOnLoopbackOnly() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(ListenAddresses.of(socket.getLocalPort())).containsExactly(InetAddress.getByName("127.0.0.1"));
        }
    }

    @Test
    void aWildcardSocketIsSeenOnTheWildcard() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));
            assertThat(ListenAddresses.of(socket.getLocalPort())).isNotEmpty().allMatch(InetAddress::isAnyLocalAddress);
        }
    }

    @Test
    void aClosedPortListensNowhere() {
        assertThat(ListenAddresses.of(FreePorts.next())).isEmpty();
    }
}
