package dev.chatharness.cli.staging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two nodes of interop/node-server and the Redis they share: their data, rate limits and message order always,
 * their broadcasts only with the socket.io Redis adapter (off: the deployment that forgot it).
 */
final class TwoNodes implements AutoCloseable {

    private final RedisServer redis;
    private final List<NodeTarget> nodes = new ArrayList<>();

    private TwoNodes(RedisServer redis) {
        this.redis = redis;
    }

    static TwoNodes start(Path dir, boolean sharedAdapter) {
        NodeTarget.install();
        TwoNodes two = new TwoNodes(RedisServer.start(dir.resolve("redis")));
        try {
            for (int i = 0; i < 2; i++) {
                two.nodes.add(NodeTarget.start(dir.resolve("node" + i + ".log"), Deployment.SECRET, two.redis.url(),
                        sharedAdapter));
            }
            return two;
        } catch (RuntimeException | Error e) {
            two.close();
            throw e;
        }
    }

    List<Integer> ports() {
        return nodes.stream().map(NodeTarget::port).toList();
    }

    @Override
    public void close() {
        nodes.forEach(NodeTarget::close);
        redis.close();
    }
}
