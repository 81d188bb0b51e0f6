package io.quantumsafe.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class BindPolicyTest {
    @Test
    void loopbackPrivateAndUniqueLocal_areAllowed() {
        for (String host : new String[] {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "fd12:3456::1", "fe80::1"}) {
            assertThatCode(() -> BindPolicy.check(new InetSocketAddress(host, 7000), "peer_listen", false)).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void publicAndWildcard_areRefused_unlessExplicitlyAllowed() {
        for (String host : new String[] {"8.8.8.8", "0.0.0.0", "2001:db8::1", "172.32.0.1"}) {
            assertThatThrownBy(() -> BindPolicy.check(new InetSocketAddress(host, 7000), "api_listen", false)).as(host)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("allow_public_bind");
            assertThatCode(() -> BindPolicy.check(new InetSocketAddress(host, 7000), "api_listen", true)).doesNotThrowAnyException();
        }
        assertThat(BindPolicy.isPrivate(new InetSocketAddress("fc00::1", 1).getAddress())).isTrue();
    }
}
