package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.RuntimeError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4SubnetTest {
    @ParameterizedTest
    @CsvSource({"172.18.0.0/24,172.18.0.0/24", "172.18.0.77/24,172.18.0.0/24", "10.1.2.3/8,10.0.0.0/8",
            "192.168.1.1,192.168.1.1/32", "0.0.0.0/0,0.0.0.0/0", "255.255.255.255/31,255.255.255.254/31"})
    void parsesAndNormalises(String text, String expected) {
        assertEquals(expected, Ipv4Subnet.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "a.b.c.d/8", "1.2.3.4/-1",
            "::1/128", " 1.2.3.4/24x"})
    void rejectsGarbage(String text) {
        RuntimeError e = assertThrows(RuntimeError.class, () -> Ipv4Subnet.parse(text));
        assertEquals(400, e.status());
    }

    @ParameterizedTest
    @CsvSource({"172.17.0.0/16,172.17.5.0/24,true", "172.17.0.0/16,172.18.0.0/24,false", "10.0.0.0/8,10.255.0.0/16,true",
            "192.168.0.0/24,192.168.1.0/24,false", "192.168.0.0/23,192.168.1.0/24,true", "1.2.3.4/32,1.2.3.4/32,true",
            "0.0.0.0/0,8.8.8.8/32,true"})
    void overlapIsSymmetric(String a, String b, boolean expected) {
        assertEquals(expected, Ipv4Subnet.parse(a).overlaps(Ipv4Subnet.parse(b)));
        assertEquals(expected, Ipv4Subnet.parse(b).overlaps(Ipv4Subnet.parse(a)));
    }

    @Test
    void addressArithmetic() {
        Ipv4Subnet s = Ipv4Subnet.parse("172.18.0.0/24");
        assertEquals(256, s.size());
        assertEquals("172.18.0.1", Ipv4.format(s.firstHost()));
        assertEquals("172.18.0.255", Ipv4.format(s.address(255)));
        assertEquals(77, s.offsetOf(Ipv4.parse("172.18.0.77")));
        assertEquals(false, s.contains(Ipv4.parse("172.18.1.0")));
        assertThrows(IllegalArgumentException.class, () -> s.address(256));
        // high addresses are unsigned: no sign trouble above 128.0.0.0
        Ipv4Subnet high = Ipv4Subnet.parse("200.1.0.0/16");
        assertEquals("200.1.255.254", Ipv4.format(high.address(65534)));
        assertEquals(65534, high.offsetOf(Ipv4.parse("200.1.255.254")));
    }

    @ParameterizedTest
    @CsvSource({"172.18.0.2,02:42:ac:12:00:02", "10.0.0.1,02:42:0a:00:00:01", "192.168.255.254,02:42:c0:a8:ff:fe"})
    void macFollowsDockersScheme(String ip, String mac) {
        assertEquals(mac, MacAddress.fromIp(ip));
    }
}
