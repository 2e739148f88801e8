package dev.chatharness.conformance.harness;

import dev.chatharness.common.token.TokenMinter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Fresh random tenants and users for every test, with tokens minted from the shared secret. */
final class MintingTokenSource implements TokenSource {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] NAMES = {"alice", "bob", "carol"};

    private final TokenMinter minter;

    MintingTokenSource(String secret, Optional<String> issuer, Optional<String> audience) {
        this.minter = new TokenMinter(secret, issuer, audience, Clock.systemUTC());
    }

    @Override
    public Tenants tenants() {
        String run = randomId();
        List<String> subs = new ArrayList<>();
        for (String name : NAMES) {
            subs.add(name + "-" + run);
        }
        return new Tenants(tenant("tenant-a-" + randomId(), subs), tenant("tenant-b-" + randomId(), subs));
    }

    private Tenant tenant(String tenantId, List<String> subs) {
        List<User> users = new ArrayList<>();
        for (String sub : subs) {
            users.add(new User(tenantId, sub, minter.token(tenantId, sub)));
        }
        return new Tenant(tenantId, users);
    }

    @Override
    public Optional<TokenMinter> minter() {
        return Optional.of(minter);
    }

    /** 12 hex characters: unique per run, short enough to keep ids readable in reports. */
    static String randomId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
