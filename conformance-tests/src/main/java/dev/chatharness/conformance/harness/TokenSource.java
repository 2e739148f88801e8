package dev.chatharness.conformance.harness;

import dev.chatharness.common.token.TokenMinter;
import java.util.Optional;

/** Where the suite gets its users and tokens. */
public interface TokenSource {

    /** Two tenants of three users each; fresh ones for every call when tokens are minted. */
    Tenants tenants();

    /** The minter when the target's secret is shared; empty with pre-issued tokens. */
    Optional<TokenMinter> minter();
}
