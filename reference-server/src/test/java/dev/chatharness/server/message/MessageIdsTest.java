package dev.chatharness.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The message table's id index is cheap to insert into only while new ids sort after the ones before them, as the
 * database compares them: as strings. Also within one millisecond, where thousands of messages can fall.
 */
class MessageIdsTest {

    @Test
    void idsMadeOneAfterAnotherSortInThatOrderAsStrings() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(MessageIds.next());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void idsMadeOnSeveralThreadsAtOnceNeverCollide() throws Exception {
        // Jetty's threads store messages of different conversations at once; two equal ids would refuse a message.
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        ids.add(MessageIds.next());
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : made) {
                all.addAll(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdIsAnOrdinaryUuidString() {
        String id = MessageIds.next();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
    }
}
