package dev.chatharness.load.setup;

import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.load.Shard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates this shard's rooms on the target through the contract's REST API. With a JWT secret every run uses a
 * fresh random tenant and fresh user ids, so runs never see each other's data; with a tokens file the users are
 * the file's, in order.
 */
public final class RoomPlanner {

    private final TargetClient target;

    public RoomPlanner(TargetClient target) {
        this.target = target;
    }

    public RoomPlan planWithSecret(TokenMinter minter, String runId, int rooms, int members, Shard shard,
                                   Duration tokenLifetime) throws IOException {
        String tenant = "load-" + runId + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<RoomPlan.Room> planned = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            if (!shard.owns(r)) {
                continue;
            }
            List<String> users = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                String user = "u-" + runId + "-" + r + "-" + m;
                users.add(user);
                tokens.add(minter.token(tenant, user, tokenLifetime));
            }
            planned.add(room(r, members, users, tokens));
        }
        return new RoomPlan(planned, members);
    }

    public RoomPlan planWithTokens(Path file, int rooms, int members, Shard shard) throws IOException {
        List<TokensFile.Token> tokens = TokensFile.read(file);
        long needed = (long) rooms * members;
        if (tokens.size() < needed) {
            throw new IllegalArgumentException(file + " holds " + tokens.size() + " tokens; " + rooms + " rooms of "
                    + members + " members need " + needed);
        }
        List<RoomPlan.Room> planned = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            if (!shard.owns(r)) {
                continue;
            }
            List<TokensFile.Token> slice = tokens.subList(r * members, (r + 1) * members);
            String tenant = slice.get(0).tenantId();
            if (slice.stream().anyMatch(t -> !java.util.Objects.equals(t.tenantId(), tenant))) {
                throw new IllegalArgumentException(file + ": the tokens of room " + r + " (lines " + (r * members + 1)
                        + ".." + ((r + 1) * members) + " of tokens) must share one tenant_id");
            }
            planned.add(room(r, members, slice.stream().map(TokensFile.Token::userId).toList(),
                    slice.stream().map(TokensFile.Token::jwt).toList()));
        }
        return new RoomPlan(planned, members);
    }

    private RoomPlan.Room room(int r, int members, List<String> users, List<String> tokens) throws IOException {
        String conversationId = target.createConversation(tokens.get(0), "load room " + r, users.subList(1, users.size()));
        List<Member> list = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            list.add(new Member(r, m, r * members + m, users.get(m), tokens.get(m), conversationId));
        }
        return new RoomPlan.Room(r, conversationId, list);
    }
}
