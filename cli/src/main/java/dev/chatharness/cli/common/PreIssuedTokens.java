package dev.chatharness.cli.common;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.chatharness.common.exit.TargetUnreachableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at a pre-issued tokens file before a run: an expired token would otherwise surface as dozens
 * of confusing test failures minutes later. Works on any of our tokens file formats (YAML for the
 * conformance suite, one JWT a line for load runs) by finding every JWT-shaped string in it.
 */
public final class PreIssuedTokens {
    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private PreIssuedTokens() {
    }

    /**
     * @throws UsageException if the file holds no token or a malformed one (exit 2)
     * @throws TargetUnreachableException if a token has expired: the authentication setup failed (exit 3)
     */
    public static void requireUsable(Path file, Instant now) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read tokens file '" + file + "': " + e.getMessage());
        }
        Matcher m = JWT_SHAPE.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
            DecodedJWT jwt;
            try {
                jwt = JWT.decode(m.group());
            } catch (JWTDecodeException e) {
                throw new UsageException("tokens file '" + file + "': token #" + count + " is not a valid JWT");
            }
            Instant exp = jwt.getExpiresAtAsInstant();
            if (exp != null && !exp.isAfter(now)) {
                throw new TargetUnreachableException("pre-issued token #" + count + " in '" + file + "' (sub "
                        + jwt.getSubject() + ", tenant " + jwt.getClaim("tenant_id").asString() + ") expired at " + exp
                        + ": issue fresh tokens for this target");
            }
        }
        if (count == 0) {
            throw new UsageException("tokens file '" + file + "' contains no JWT");
        }
    }
}
