package com.themepress.runtime.sandbox;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/** The IPv4 subnets of the networks instances live on, so that calls coming from them can be told apart. */
@Component
public class SandboxSubnets {

    private record Subnet(int address, int mask) {
        boolean contains(int ip) {
            return (ip & mask) == address;
        }
    }

    private final List<Subnet> subnets = new CopyOnWriteArrayList<>();
    private final List<Integer> gateways = new CopyOnWriteArrayList<>();

    /**
     * @param cidr e.g. {@code 172.18.0.0/16}; anything else (IPv6, garbage) is ignored
     * @param gateway the host's own address on that network, which is not an instance's
     */
    void add(String cidr, String gateway) {
        Integer host = gateway == null ? null : ipv4(gateway);
        if (host != null && !gateways.contains(host)) {
            gateways.add(host);
        }
        int slash = cidr.indexOf('/');
        Integer address = slash < 0 ? null : ipv4(cidr.substring(0, slash));
        if (address == null) {
            return;
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        Subnet subnet = new Subnet(address & mask, mask);
        if (!subnets.contains(subnet)) {
            subnets.add(subnet);
        }
    }

    /** Whether the address is an instance's (inside a sandbox subnet, not the host's gateway). */
    public boolean contains(String address) {
        Integer ip = ipv4(address);
        return ip != null && !gateways.contains(ip) && subnets.stream().anyMatch(s -> s.contains(ip));
    }

    private static Integer ipv4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (!(address instanceof Inet4Address)) {
                return null;
            }
            byte[] b = address.getAddress();
            return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
