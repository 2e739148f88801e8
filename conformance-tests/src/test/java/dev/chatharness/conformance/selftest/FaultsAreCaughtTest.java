package dev.chatharness.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.TestOutcome;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.faults.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The proof that the suite works: each deliberate defect of the reference server must make at least
 * one test of its expected group fail. Only that group runs per fault, to keep this quick.
 */
/* With -Dchat.target the run is about that target (ExternalTargetTest), not about the suite itself. */
@DisabledIfSystemProperty(named = "chat.target", matches = ".+")
class FaultsAreCaughtTest {

    /** Which group must catch each fault. */
    static final Map<Fault, String> EXPECTED_GROUP = new EnumMap<>(Map.ofEntries(
            Map.entry(Fault.CROSS_TENANT_BROADCAST, ConformanceTags.ISOLATION),
            Map.entry(Fault.CROSS_TENANT_PRESENCE, ConformanceTags.ISOLATION),
            Map.entry(Fault.JOIN_WITHOUT_MEMBERSHIP, ConformanceTags.AUTHORIZATION),
            Map.entry(Fault.READ_OTHER_TENANT_CONVERSATION, ConformanceTags.ISOLATION),
            Map.entry(Fault.ACCEPT_EXPIRED_TOKEN, ConformanceTags.AUTH),
            Map.entry(Fault.ACCEPT_ALG_NONE, ConformanceTags.AUTH),
            Map.entry(Fault.ACCEPT_WRONG_SIGNATURE, ConformanceTags.AUTH),
            Map.entry(Fault.NO_RATE_LIMIT, ConformanceTags.RATELIMIT),
            Map.entry(Fault.RATE_LIMIT_PER_SOCKET, ConformanceTags.RATELIMIT),
            Map.entry(Fault.BROADCAST_RATE_LIMITED_MESSAGE, ConformanceTags.RATELIMIT),
            Map.entry(Fault.REMOVED_PARTICIPANT_STILL_RECEIVES, ConformanceTags.AUTHORIZATION),
            Map.entry(Fault.ECHO_TO_SENDER, ConformanceTags.EVENTS),
            Map.entry(Fault.OUT_OF_ORDER_DELIVERY, ConformanceTags.DELIVERY),
            Map.entry(Fault.DUPLICATE_CLIENT_MESSAGE_ID, ConformanceTags.DELIVERY),
            Map.entry(Fault.FORBIDDEN_REVEALS_EXISTENCE, ConformanceTags.ISOLATION),
            Map.entry(Fault.NO_EXPIRY_DISCONNECT, ConformanceTags.AUTH),
            Map.entry(Fault.ORIGIN_NOT_CHECKED, ConformanceTags.SECURITY),
            Map.entry(Fault.TOKEN_IN_QUERY_ACCEPTED, ConformanceTags.SECURITY),
            Map.entry(Fault.EDIT_BY_NON_AUTHOR, ConformanceTags.AUTHORIZATION),
            Map.entry(Fault.MISSING_TENANT_CLAIM_ACCEPTED, ConformanceTags.AUTH),
            Map.entry(Fault.BAD_PAYLOAD_DISCONNECTS, ConformanceTags.ROBUSTNESS),
            Map.entry(Fault.NO_USER_OFFLINE, ConformanceTags.EVENTS)));

    @Test
    void every_fault_of_the_reference_server_is_caught_by_its_group() {
        assertThat(EXPECTED_GROUP.keySet()).as("faults with an expected group (map every new Fault here)")
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Fault.class));
        List<String> missed = new ArrayList<>();
        int caught = 0;
        for (Fault fault : Fault.values()) {
            String group = EXPECTED_GROUP.get(fault);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ConformanceResult result;
            try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SelfTestTargets.SECRET)
                    .jwtIssuer(SelfTestTargets.ISSUER).jwtAudience(SelfTestTargets.AUDIENCE).faults(Set.of(fault)).build());
                 PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                result = ConformanceRunner.run(SelfTestTargets.profileWithIssuer(server), Set.of(group),
                        Path.of("target/conformance-faults/" + fault.name().toLowerCase()), progress);
            }
            List<TestOutcome> catches = result.failures().stream().filter(f -> f.group().equals(group)).toList();
            if (catches.isEmpty()) {
                missed.add(fault + " (group " + group + ", " + result.status() + ": " + result.message() + ")");
                System.out.println("MISSED " + fault + " in group " + group + "\n" + log.toString(StandardCharsets.UTF_8));
            } else {
                caught++;
                System.out.println("caught " + fault + " [" + group + "] by " + catches.size() + " test(s), first: "
                        + catches.get(0).line());
            }
        }
        System.out.println("faults caught: " + caught + "/" + Fault.values().length);
        assertThat(missed).as("faults caught: " + caught + "/" + Fault.values().length + "; missed").isEmpty();
    }
}
