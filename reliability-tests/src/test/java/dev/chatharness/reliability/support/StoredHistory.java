package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a restarted server holds, checked against what it acknowledged before: per conversation, every participant
 * reads the same history over REST; {@code seq} runs 1..n without a gap or a repeat; every acked message is there
 * with its id, seq and body; and a reconnecting socket's {@code join-conversation} reports {@code lastSeq} = n.
 */
public final class StoredHistory {
    private StoredHistory() {
    }

    /** Outcome: how many acked messages were found, and how many messages are stored in all. */
    public record Verdict(int ackedChecked, int stored, List<String> problems, List<String> storedNotAcked) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Verdict verify(String baseUrl, ChatTraffic traffic) {
        Rest rest = new Rest(baseUrl);
        List<String> problems = new ArrayList<>();
        Map<String, List<AckedMessage>> ackedByConversation = traffic.acked().stream()
                .collect(Collectors.groupingBy(AckedMessage::conversationId));
        int checked = 0;
        int stored = 0;
        List<String> unackedBodies = new ArrayList<>();
        Set<String> ackedIds = traffic.acked().stream().map(AckedMessage::id).collect(Collectors.toSet());
        for (ChatTraffic.Conversation c : traffic.conversations()) {
            List<JsonNode> reference = null;
            for (ChatTraffic.User reader : c.participants()) {
                List<JsonNode> history = rest.history(reader.token(), c.id());
                if (reference == null) {
                    reference = history;
                } else if (!history.equals(reference)) {
                    problems.add(c.id() + ": " + reader.id() + " reads a different history (" + history.size()
                            + " vs " + reference.size() + " messages)");
                }
            }
            stored += reference.size();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < reference.size(); i++) {
                JsonNode m = reference.get(i);
                if (m.get("seq").asLong() != i + 1) {
                    problems.add(c.id() + ": position " + (i + 1) + " holds seq " + m.get("seq") + " (gap or repeat)");
                    break;
                }
                if (!ackedIds.contains(m.get("id").asText())) {
                    unackedBodies.add(m.get("body").asText());
                }
                if (!ids.add(m.get("id").asText())) {
                    problems.add(c.id() + ": message " + m.get("id") + " appears twice");
                }
            }
            Map<String, JsonNode> byId = reference.stream().collect(Collectors.toMap(m -> m.get("id").asText(), m -> m,
                    (a, b) -> a));
            for (AckedMessage a : ackedByConversation.getOrDefault(c.id(), List.of())) {
                JsonNode m = byId.get(a.id());
                if (m == null) {
                    problems.add(c.id() + ": acked message " + a + " is LOST");
                } else if (m.get("seq").asLong() != a.seq() || !m.get("body").asText().equals(a.body())) {
                    problems.add(c.id() + ": acked message " + a + " stored differently: " + m);
                } else {
                    checked++;
                }
            }
            for (ChatTraffic.User member : c.participants()) {
                try (LiveSocket socket = LiveSocket.connect(baseUrl, member.token())) {
                    long lastSeq = socket.ok("join-conversation", Map.of("conversationId", c.id())).get("lastSeq").asLong();
                    if (lastSeq != reference.size()) {
                        problems.add(c.id() + ": " + member.id() + " reconnected and joined with lastSeq " + lastSeq
                                + " but the history holds " + reference.size());
                    }
                }
            }
        }
        return new Verdict(checked, stored, problems, unackedBodies);
    }
}
