package com.themepress.gateway.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The proxies whose {@code X-Forwarded-For} the gateway believes. Anyone can send that header, so
 * without a trusted proxy in front it would let a caller pick the address it is counted under.
 */
public final class TrustedProxies {

    private record Block(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[whole] ^ network[whole]) & (0xff << (8 - rest))) == 0;
        }
    }

    private final List<Block> blocks;

    TrustedProxies(List<String> entries) {
        this.blocks = entries.stream().map(TrustedProxies::parse).toList();
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    private static Block parse(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry.strip() : entry.substring(0, slash).strip());
        if (network == null) {
            throw new IllegalArgumentException("themepress.rate-limit.trusted-proxies: '" + entry + "' is not an IP address or CIDR block");
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("themepress.rate-limit.trusted-proxies: '" + entry + "' has a bad prefix length");
            }
        }
        return new Block(network, bits);
    }

    /** The bytes of an IP literal, or null: never a name lookup (a header value must not cause DNS traffic). */
    static byte @Nullable [] literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = !address.isEmpty() && address.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean ipv6 = address.indexOf(':') >= 0 && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean trusts(byte @Nullable [] address) {
        if (address == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address a request is counted under: the peer's, or, when the peer is a trusted proxy, the
     * right-most {@code X-Forwarded-For} entry that is not (the left-most one if all are).
     */
    String clientAddress(String peer, @Nullable String forwardedFor) {
        if (forwardedFor == null || blocks.isEmpty() || !trusts(literal(peer))) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!trusts(literal(hop))) {
                break;
            }
        }
        return client;
    }
}
