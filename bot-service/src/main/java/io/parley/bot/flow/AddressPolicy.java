package io.parley.bot.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a flow's HTTP step may connect to. Tenant admins write the URLs and the customer reads the response,
 * so an internal address would let a tenant read the deployment's own network: loopback, private, link-local (cloud
 * metadata at 169.254.169.254 included), unique-local, shared (carrier-grade NAT, where one cloud's metadata lives)
 * and reserved ranges are refused, unless the deployment allow-lists a network ({@code parley.bot.http-allowed-networks}).
 * It is checked on every address a name resolves to, for the URL and for every redirect.
 */
public final class AddressPolicy {

    /** Networks no tenant URL may reach unless allow-listed. IPv4-mapped IPv6 addresses read as IPv4 (the JDK's). */
    private static final List<Network> REFUSED = Network.parseAll(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "64:ff9b::/96", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"));

    private final List<Network> allowed;

    private AddressPolicy(List<Network> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The policy with these networks allowed even though internal, e.g. {@code 127.0.0.1/32} for a local test shop. */
    public static AddressPolicy allowing(List<String> networks) {
        return new AddressPolicy(Network.parseAll(networks));
    }

    /** Why {@code address} may not be connected to; empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return REFUSED.stream().filter(network -> network.contains(address)).findFirst()
                .map(network -> address.getHostAddress() + " is an internal address (" + network + "); a flow's"
                        + " HTTP step may only call public addresses unless parley.bot.http-allowed-networks lists it");
    }

    /** A network in CIDR notation. */
    record Network(byte[] prefix, int bits, String text) {

        static List<Network> parseAll(List<String> cidrs) {
            return cidrs.stream().map(String::strip).filter(cidr -> !cidr.isEmpty()).map(Network::parse).toList();
        }

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network: write an IP address with an"
                        + " optional prefix length, e.g. 10.1.0.0/16 or fd00::/8");
            }
            byte[] prefix;
            try {
                prefix = InetAddress.getByName(host).getAddress(); // an IP literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network: " + e.getMessage(), e);
            }
            int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "': prefix length must be 0-" + prefix.length * 8);
            }
            return new Network(prefix, bits, cidr);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(bytes, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (bytes[whole] & mask) == (prefix[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
