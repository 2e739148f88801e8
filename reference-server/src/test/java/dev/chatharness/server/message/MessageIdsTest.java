package dev.chatharness.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
    void anIdIsAnOrdinaryUuidString() {
        String id = MessageIds.next();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
    }
}
