package com.themepress.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a TCP port is listening on, as the kernel reports them ({@code /proc/net/tcp} and
 * {@code tcp6}, what {@code ss -ltn} reads): the proof that a service bound where its settings say, which
 * a misspelled property would not be.
 */
public final class ListenAddresses {

    private static final String LISTEN = "0A";

    private ListenAddresses() {
    }

    /** Every local address with a socket listening on {@code port}; empty when nothing listens. */
    public static List<InetAddress> of(int port) {
        List<InetAddress> addresses = new ArrayList<>();
        read(Path.of("/proc/net/tcp"), port, addresses);
        read(Path.of("/proc/net/tcp6"), port, addresses);
        return addresses;
    }

    private static void read(Path table, int port, List<InetAddress> into) {
        if (!Files.isReadable(table)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) { // the first is the column header
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                    into.add(address(local[0]));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + table, e);
        }
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
