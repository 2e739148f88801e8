package dev.chatharness.socketio.engine;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable ids for sessions and sockets (a polling sid is the session's only credential): 120 random bits,
 * URL-safe base64.
 *
 * <p>One generator per thread: the default {@code SecureRandom} on Linux (NativePRNG) serializes every caller on
 * one global lock, and a profile of 1,000 sockets connecting at once showed threads queueing there for tens of
 * milliseconds on a busy 2-core machine.
 */
public final class RandomIds {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomIds::newGenerator);

    private RandomIds() {
    }

    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG"); // seeded from the system's entropy, its own state per thread
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
