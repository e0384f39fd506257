package io.latent4j.viz;

import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} headers a loopback-only server answers. Checking the name, not just the
 * socket, stops DNS rebinding: a web page on evil.example whose name is made to resolve to
 * 127.0.0.1 still sends {@code Host: evil.example}.
 */
final class LoopbackHosts {
    private static final Set<String> NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private LoopbackHosts() {
    }

    /** Whether {@code host} (a Host header: name with optional port) names a loopback address. */
    static boolean allowed(String host) {
        if (host == null) {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            String port = name.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return NAMES.contains(name);
    }
}
