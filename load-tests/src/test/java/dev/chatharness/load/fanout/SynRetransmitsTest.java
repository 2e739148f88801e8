package dev.chatharness.load.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynRetransmitsTest {

    @TempDir
    Path dir;

    @Test
    void reads_the_counter_by_its_name_in_the_TcpExt_section() throws IOException {
        Path netstat = dir.resolve("netstat");
        Files.writeString(netstat, """
                TcpExt: SyncookiesSent ListenOverflows ListenDrops TCPSynRetrans TCPOrigDataSent
                TcpExt: 0 185515 185515 108354 42
                IpExt: InNoRoutes TCPSynRetrans
                IpExt: 0 7
                """);
        assertThat(SynRetransmits.read(netstat)).isEqualTo(108354);
    }

    @Test
    void a_machine_without_the_counter_reads_as_unknown() throws IOException {
        Path netstat = dir.resolve("netstat");
        Files.writeString(netstat, "TcpExt: SyncookiesSent ListenOverflows\nTcpExt: 0 3\n");
        assertThat(SynRetransmits.read(netstat)).isEqualTo(-1);
        assertThat(SynRetransmits.read(dir.resolve("absent"))).isEqualTo(-1);
        assertThat(SynRetransmits.since(-1)).isNull();
    }
}
