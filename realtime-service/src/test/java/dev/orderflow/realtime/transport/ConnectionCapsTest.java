package dev.orderflow.realtime.transport;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCapsTest {

    @Test
    void capsPerAddressAndInTotalAndForgetsClosedConnections() {
        ConnectionCaps caps = new ConnectionCaps("test", 3, 2);
        assertThat(caps.admit("10.0.0.1")).isTrue();
        assertThat(caps.admit("10.0.0.1")).isTrue();
        assertThat(caps.admit("10.0.0.1")).as("third from one address").isFalse();
        assertThat(caps.admit("10.0.0.2")).isTrue();
        assertThat(caps.admit("10.0.0.3")).as("over the total").isFalse();
        assertThat(caps.open()).isEqualTo(3);
        caps.release("10.0.0.1");
        caps.release("10.0.0.1");
        caps.release("10.0.0.2");
        assertThat(caps.open()).isZero();
        assertThat(caps.addresses()).as("no entry kept for an address with nothing open").isZero();
    }

    @Test
    void theSocketPortClosesAConnectionOverTheCapBeforeReadingIt() {
        ConnectionCaps caps = new ConnectionCaps("test", 100, 2);
        EmbeddedChannel first = new EmbeddedChannel(new ConnectionCaps.Guard(caps));
        EmbeddedChannel second = new EmbeddedChannel(new ConnectionCaps.Guard(caps));
        EmbeddedChannel third = new EmbeddedChannel(new ConnectionCaps.Guard(caps));
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).as("one address, third connection").isFalse();
        first.close();
        assertThat(caps.open()).isEqualTo(1);
        EmbeddedChannel again = new EmbeddedChannel(new ConnectionCaps.Guard(caps));
        assertThat(again.isOpen()).isTrue();
    }
}
