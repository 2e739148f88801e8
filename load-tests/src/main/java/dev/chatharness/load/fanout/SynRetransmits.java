package dev.chatharness.load.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * This machine's count of retransmitted TCP handshakes (Linux's {@code TCPSynRetrans}), read before and after a
 * run. A connect whose handshake the target drops (most often because its accept queue, the listen backlog, is
 * full) is retried by the kernel after 1 s, then 3 s, and so on: a storm whose connects take seconds while the
 * target's CPU is not exhausted usually shows them here, and nowhere else. The counter is machine-wide, so other
 * processes' connects count too; on a load-generator machine they are few.
 */
public final class SynRetransmits {

    private static final Path NETSTAT = Path.of("/proc/net/netstat");
    private static final String SECTION = "TcpExt:";
    private static final String COUNTER = "TCPSynRetrans";

    private SynRetransmits() {
    }

    /** The counter now, or -1 where this machine does not expose it (not Linux, or no /proc). */
    public static long read() {
        return read(NETSTAT);
    }

    /** How many handshakes were retransmitted since {@code before} (a {@link #read()}), or null when unknown. */
    public static Long since(long before) {
        long now = read();
        return before < 0 || now < before ? null : now - before;
    }

    /** Reads {@code netstat}, a file of /proc/net/netstat's shape: a line of names, then one of values, per section. */
    static long read(Path netstat) {
        try {
            List<String> lines = Files.readAllLines(netstat);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith(SECTION) && lines.get(i + 1).startsWith(SECTION)) {
                    List<String> names = Arrays.asList(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    int at = names.indexOf(COUNTER);
                    return at < 0 || at >= values.length ? -1 : Long.parseLong(values[at]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }
}
