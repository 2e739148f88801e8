package dev.chatharness.server.common;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fixed set of locks picked by key hash: work on one key is serialized, work on different keys mostly runs in
 * parallel (two keys share a lock only when their hashes collide), and memory stays bounded whatever the keys.
 */
public final class StripedLocks {
    private final ReentrantLock[] locks;

    public StripedLocks(int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two, got " + stripes);
        }
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(String key, Supplier<T> work) {
        ReentrantLock lock = locks[spread(key.hashCode()) & (locks.length - 1)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
