package io.kronforce.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPolicyTest {

    private final EgressPolicy publicOnly = EgressPolicy.publicOnly();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "::1",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "febf::1",
                "::ffff:127.0.0.1",
                "::ffff:10.1.2.3",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                "ff02::1",
                "255.255.255.255",
                "64:ff9b::7f00:1",
                "2002:7f00:1::1",
                "localhost"
            })
    void publicOnlyRefusesNonPublicHosts(String host) {
        EgressDeniedException e = assertThrows(EgressDeniedException.class, () -> publicOnly.checkHost(host));
        assertTrue(e.getMessage().contains("non-public"), e.getMessage());
    }

    @Test
    void bracketedIpv6InAUrlIsJudgedByItsAddress() {
        assertThrows(EgressDeniedException.class, () -> publicOnly.check(URI.create("http://[::1]:8080/")));
        assertThrows(EgressDeniedException.class, () -> publicOnly.check(URI.create("http://[::ffff:127.0.0.1]/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888"})
    void publicLiteralsAreAllowedWithoutDns(String host) throws Exception {
        List<InetAddress> addresses = publicOnly.checkHost(host);
        assertTrue(addresses.size() == 1, addresses.toString());
    }

    @Test
    void metadataHostNamesAreRefused() {
        assertThrows(
                EgressDeniedException.class, () -> publicOnly.check(URI.create("http://metadata.google.internal/")));
        assertThrows(EgressDeniedException.class, () -> publicOnly.checkHost("169.254.169.254"));
    }

    @Test
    void urlWithoutHostIsRefused() {
        assertThrows(EgressDeniedException.class, () -> publicOnly.check(URI.create("file:///etc/passwd")));
    }

    @Test
    void cidrEntryOpensExactlyItsRange() {
        EgressPolicy policy = EgressPolicy.parse("127.0.0.1/32, 10.1.0.0/16");
        assertDoesNotThrow(() -> policy.checkHost("127.0.0.1"));
        assertThrows(EgressDeniedException.class, () -> policy.checkHost("127.0.0.2"));
        assertDoesNotThrow(() -> policy.checkHost("10.1.255.255"));
        assertThrows(EgressDeniedException.class, () -> policy.checkHost("10.2.0.0"));
        assertThrows(EgressDeniedException.class, () -> policy.checkHost("::1"));
    }

    @Test
    void oddPrefixLengthsMaskPartialBytes() {
        EgressPolicy policy = EgressPolicy.parse("172.16.0.0/12,fd00::/9");
        assertDoesNotThrow(() -> policy.checkHost("172.31.0.1"));
        assertThrows(EgressDeniedException.class, () -> policy.checkHost("192.168.0.1"));
        assertDoesNotThrow(() -> policy.checkHost("fd7f::1"));
        assertThrows(EgressDeniedException.class, () -> policy.checkHost("fd80::1"));
    }

    @Test
    void ipv6RangeOpensLoopbackV6() {
        assertDoesNotThrow(() -> EgressPolicy.parse("::1/128").check(URI.create("http://[::1]/")));
    }

    @Test
    void hostNameEntryOpensThatNameOnly() {
        EgressPolicy policy = EgressPolicy.parse("LocalHost");
        assertDoesNotThrow(() -> policy.checkHost("localhost"));
        assertDoesNotThrow(() -> policy.check(URI.create("http://LOCALHOST:9/")));
        assertThrows(EgressDeniedException.class, () -> policy.checkHost("127.0.0.1"));
    }

    @Test
    void emptyOrNullAllowListIsPublicOnly() {
        assertThrows(EgressDeniedException.class, () -> EgressPolicy.parse(null).checkHost("127.0.0.1"));
        assertThrows(
                EgressDeniedException.class, () -> EgressPolicy.parse(" , ").checkHost("127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/x",
                "::1/129",
                "not a host",
                "a_b",
                "http://x/",
                "999.1.1.1",
                "10.0.0.0/8/8",
                "1::2::3"
            })
    void parseRejectsGarbageNamingTheEntry(String entry) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EgressPolicy.parse("127.0.0.1," + entry));
        assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
    }
}
