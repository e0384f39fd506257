package io.latent4j.viz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackHostsTest {
    @Test
    void loopbackNamesWithOrWithoutAPortAreAllowed() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.1:9100", "localhost", "LocalHost:80", "[::1]", "[::1]:9000"}) {
            assertTrue(LoopbackHosts.allowed(host), host);
        }
    }

    @Test
    void anyOtherNameIsRefused() {
        for (String host : new String[] {null, "", "evil.example", "evil.example:9100", "127.0.0.1.evil.example",
                "localhost.evil.example", "127.0.0.1:", "127.0.0.1:abc", "127.0.0.1:123456", "10.0.0.1", "::1",
                "[::1]x", "0.0.0.0"}) {
            assertFalse(LoopbackHosts.allowed(host), String.valueOf(host));
        }
    }
}
