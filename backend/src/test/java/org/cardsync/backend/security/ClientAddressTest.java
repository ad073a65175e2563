package org.cardsync.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The address sign-in failures are counted against. */
class ClientAddressTest {
    @Test
    void ipv6Addresses_inOneSlash64_countAsOneClient() {
        assertThat(ClientAddress.group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientAddress.group("2001:db8:1:2::1"))
                .isNotEqualTo(ClientAddress.group("2001:db8:1:3::1"));
    }

    @Test
    void networks_areTheIpv4Slash24_andTheIpv6Slash48() {
        assertThat(ClientAddress.networkOf(ClientAddress.group("198.51.100.7")))
                .isEqualTo(ClientAddress.networkOf(ClientAddress.group("198.51.100.200")))
                .isNotEqualTo(ClientAddress.networkOf(ClientAddress.group("198.51.101.7")));
        // the 65,536 /64s of one /48, which an ISP may hand a single home
        assertThat(ClientAddress.networkOf(ClientAddress.group("2001:db8:1:2::1")))
                .isEqualTo(ClientAddress.networkOf(ClientAddress.group("2001:db8:1:ffff::1")))
                .isNotEqualTo(ClientAddress.networkOf(ClientAddress.group("2001:db8:2:2::1")));
        assertThat(ClientAddress.networkOf("unknown")).isEqualTo("unknown");
    }

    @Test
    void ipv4Addresses_countEachOnTheirOwn() {
        assertThat(ClientAddress.group("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.group("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    }
}
