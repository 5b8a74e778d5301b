package io.parley.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private final AddressPolicy publicOnly = AddressPolicy.allowing(List.of());

    @Test
    void internal_addresses_are_refused_with_the_range_they_fall_in() throws UnknownHostException {
        for (String internal : List.of("127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.100.100.200", "0.0.0.0", "::1", "::", "fd00:ec2::254",
                "fc00::1", "fe80::1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "224.0.0.1", "255.255.255.255")) {
            assertThat(publicOnly.refusal(InetAddress.getByName(internal))).as(internal)
                    .hasValueSatisfying(reason -> assertThat(reason).contains("internal address"));
        }
    }

    @Test
    void public_addresses_pass() throws UnknownHostException {
        for (String external : List.of("93.184.215.14", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2606:4700::1111")) {
            assertThat(publicOnly.refusal(InetAddress.getByName(external))).as(external).isEmpty();
        }
    }

    @Test
    void an_allow_listed_network_passes_and_only_it() throws UnknownHostException {
        AddressPolicy shopNetwork = AddressPolicy.allowing(List.of("10.20.0.0/16", " fd12:3456::/32 "));
        assertThat(shopNetwork.refusal(InetAddress.getByName("10.20.3.4"))).isEmpty();
        assertThat(shopNetwork.refusal(InetAddress.getByName("fd12:3456::9"))).isEmpty();
        assertThat(shopNetwork.refusal(InetAddress.getByName("10.21.0.1"))).isPresent();
        assertThat(shopNetwork.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();
    }

    @Test
    void a_network_that_is_not_one_says_how_to_write_it() {
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("shop.internal")))
                .hasMessageContaining("e.g. 10.1.0.0/16");
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("10.0.0.0/33")))
                .hasMessageContaining("prefix length must be 0-32");
    }
}
