package dev.chatharness.load.setup;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-issued tokens, for a target whose secret the load generator must not hold: one JWT a line, blank lines and
 * lines starting with {@code #} ignored. Room r uses lines {@code r*M .. r*M+M-1}; the first of them creates the
 * room. The user id is the token's {@code sub}; the signature is not checked here (the target checks it).
 */
public final class TokensFile {

    /** A token with the claims the planner needs. */
    public record Token(String jwt, String userId, String tenantId) {
    }

    private TokensFile() {
    }

    public static List<Token> read(Path file) throws IOException {
        List<Token> tokens = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            String jwt = line.trim();
            if (jwt.isEmpty() || jwt.startsWith("#")) {
                continue;
            }
            try {
                var decoded = JWT.decode(jwt);
                if (decoded.getSubject() == null) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": token has no sub claim");
                }
                tokens.add(new Token(jwt, decoded.getSubject(), decoded.getClaim("tenant_id").asString()));
            } catch (JWTDecodeException e) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": not a JWT", e);
            }
        }
        return tokens;
    }
}
