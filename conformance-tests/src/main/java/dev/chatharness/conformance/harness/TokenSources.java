package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetProfile;

/** Picks the token source a profile asks for. */
public final class TokenSources {

    private TokenSources() {
    }

    /** Minted tokens with the profile's secret, or the pre-issued tokens of its tokens file. */
    public static TokenSource of(TargetProfile profile) {
        if (profile.jwtSecret().isPresent()) {
            return new MintingTokenSource(profile.jwtSecret().get(), profile.jwtIssuer(), profile.jwtAudience());
        }
        return new FileTokenSource(profile.tokensFile().orElseThrow());
    }
}
