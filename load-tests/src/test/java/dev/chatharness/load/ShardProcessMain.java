package dev.chatharness.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** One injector of {@link ShardMergeTest}, run as its own JVM: {@code TARGET_URL SECRET SHARD REPORT_DIR}. */
public final class ShardProcessMain {

    private ShardProcessMain() {
    }

    public static void main(String[] args) {
        LoadResult result = new LoadRunner().run(LoadOptions.builder()
                .scenario(Scenario.FANOUT)
                .target(URI.create(args[0]))
                .jwtSecret(args[1])
                .shard(Shard.parse(args[2]))
                .reportDir(Path.of(args[3]))
                .rooms(ShardMergeTest.ROOMS).members(ShardMergeTest.MEMBERS).rate(ShardMergeTest.RATE)
                .duration(Duration.ofSeconds(4))
                .grace(Duration.ofSeconds(2))
                .gatlingFanoutRow(false)
                .maxLost(0L)
                .build(), System.out);
        System.exit(result.exitCode());
    }
}
