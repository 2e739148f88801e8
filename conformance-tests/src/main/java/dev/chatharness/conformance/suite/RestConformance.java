package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.harness.ChatApi;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§10 REST")
@Order(10)
@ExtendWith(TargetExtension.class)
class RestConformance {

    @Test
    @Tag(ConformanceTags.EVENTS)
    @DisplayName("§10 POST /conversations answers 201 with the Conversation, creator included; GET /conversations/{id} returns it")
    void create_and_get_conversation(Target target) {
        Scene scene = new Scene(target);
        JsonNode created = target.api().createConversation(scene.a0, "team", scene.a1);
        assertThat(created.path("participantIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        assertThat(created.path("title").asText()).isEqualTo("team");
        JsonNode fetched = target.api().getConversation(scene.a1, created.path("id").asText());
        assertThat(fetched.path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(fetched.path("createdAt").asText()).isEqualTo(created.path("createdAt").asText());
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @DisplayName("§10 GET /conversations lists only the caller's conversations")
    void list_contains_only_mine(Target target) {
        Scene scene = new Scene(target);
        String mine = scene.conversation(scene.a0, scene.a1);
        String notMine = scene.conversation(scene.a1, scene.a2);
        List<String> ids = new ArrayList<>();
        target.api().listConversations(scene.a0).path("items").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).as("conversations listed for " + scene.a0).contains(mine).doesNotContain(notMine);
    }

    @Test
    @Tag(ConformanceTags.EVENTS)
    @DisplayName("§10 POST .../participants answers 200 with the Conversation; DELETE .../participants/{userId} answers 204")
    void add_and_remove_participant(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        JsonNode added = target.api().addParticipant(scene.a0, conversation, scene.a2);
        assertThat(added.path("participantIds")).extracting(JsonNode::asText).contains(scene.a2.userId());
        target.api().getConversation(scene.a2, conversation);
        target.api().removeParticipant(scene.a0, conversation, scene.a2);
        assertThat(target.api().tryGetConversation(scene.a2, conversation).status())
                .as("GET by the removed participant").isEqualTo(404);
        assertThat(target.api().getConversation(scene.a0, conversation).path("participantIds"))
                .extracting(JsonNode::asText).doesNotContain(scene.a2.userId());
    }

    @Test
    @Tag(ConformanceTags.EVENTS)
    @DisplayName("§10 POST .../messages 201, PATCH .../messages/{mid} 200, POST .../read 200 Receipt, DELETE 204")
    void message_endpoints_answer_per_contract(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        JsonNode posted = target.api().postMessage(scene.a0, conversation, "over rest");
        String id = posted.path("id").asText();
        JsonNode edited = target.api().editMessage(scene.a0, conversation, id, "edited over rest");
        assertThat(edited.path("body").asText()).isEqualTo("edited over rest");
        assertThat(edited.path("editedAt").isTextual()).as("editedAt after PATCH: " + Json.brief(edited)).isTrue();
        JsonNode receipt = target.api().markRead(scene.a1, conversation, id);
        assertThat(receipt.path("userId").asText()).isEqualTo(scene.a1.userId());
        target.api().deleteMessage(scene.a0, conversation, id);
        JsonNode left = target.api().listMessages(scene.a0, conversation, 0, 100);
        assertThat(left.path("items")).as("messages after DELETE").noneMatch(m -> id.equals(m.path("id").asText()));
    }

    @Test
    @Tag(ConformanceTags.DELIVERY)
    @DisplayName("§10 GET .../messages accepts limit up to 100 and returns at most that many, by seq")
    void message_list_limit(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        for (int i = 0; i < 3; i++) {
            target.api().postMessage(scene.a0, conversation, "m" + i);
        }
        RestResponse hundred = target.api().tryListMessages(scene.a0, conversation, 0, 100);
        assertThat(ChatApi.expect(hundred, 200, "message-list.json").path("items")).hasSize(3);
        JsonNode one = target.api().listMessages(scene.a0, conversation, 0, 1);
        assertThat(one.path("items")).extracting(m -> m.path("seq").asLong()).containsExactly(1L);
    }
}
