package dev.chatharness.conformance.harness;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.conformance.ProfileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pre-issued tokens for staging, where the secret is not shared. The file (YAML or JSON) lists two
 * tenants with at least three users each; the tenant and user ids are read from the tokens' claims:
 * <pre>
 * tenants:
 *   - tokens: [eyJ..., eyJ..., eyJ...]   # tenant A: three users
 *   - tokens: [eyJ..., eyJ..., eyJ...]   # tenant B
 * </pre>
 * Every test then creates its own conversations, so runs never depend on each other.
 */
final class FileTokenSource implements TokenSource {

    private final Tenants tenants;

    FileTokenSource(Path file) {
        this.tenants = read(file);
    }

    @Override
    public Tenants tenants() {
        return tenants;
    }

    @Override
    public Optional<TokenMinter> minter() {
        return Optional.empty();
    }

    private static Tenants read(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ProfileException("tokensFile '" + file + "' is not valid YAML/JSON: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.path("tenants");
        if (list == null || !list.isArray() || list.size() != 2) {
            throw new ProfileException("tokensFile '" + file + "' must have 'tenants' with exactly two entries");
        }
        List<Tenant> parsed = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            JsonNode tokens = list.get(t).path("tokens");
            if (!tokens.isArray() || tokens.size() < 3) {
                throw new ProfileException("tokensFile '" + file + "': tenants[" + t + "].tokens must list at least three tokens");
            }
            List<User> users = new ArrayList<>();
            String tenantId = null;
            for (int u = 0; u < tokens.size(); u++) {
                String where = "tokensFile '" + file + "': tenants[" + t + "].tokens[" + u + "]";
                DecodedJWT jwt;
                try {
                    jwt = JWT.decode(tokens.get(u).asText());
                } catch (JWTDecodeException e) {
                    throw new ProfileException(where + " is not a JWT: " + e.getMessage(), e);
                }
                String tenant = jwt.getClaim("tenant_id").asString();
                if (jwt.getSubject() == null || tenant == null) {
                    throw new ProfileException(where + " lacks the sub or tenant_id claim");
                }
                if (tenantId != null && !tenantId.equals(tenant)) {
                    throw new ProfileException(where + " is for tenant '" + tenant + "' but the entry's first token is for '"
                            + tenantId + "'");
                }
                tenantId = tenant;
                users.add(new User(tenant, jwt.getSubject(), tokens.get(u).asText()));
            }
            parsed.add(new Tenant(tenantId, users));
        }
        if (parsed.get(0).id().equals(parsed.get(1).id())) {
            throw new ProfileException("tokensFile '" + file + "': the two tenants must differ, both are '" + parsed.get(0).id() + "'");
        }
        return new Tenants(parsed.get(0), parsed.get(1));
    }
}
