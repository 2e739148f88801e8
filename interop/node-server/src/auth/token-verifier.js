// Turns a JWT into the user it speaks for, or refuses it with one of the contract's codes (§2.1, §2.5-§2.10).
// The socket handshake and REST share this one check.
import jwt from "jsonwebtoken";
import { fault } from "../faults.js";

const MAX_ID = 64;

/** A refused token; `code` is token_missing, token_invalid, token_expired or claims_missing (§2.11). */
export class AuthError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * The user a token speaks for: the pair (tenant, sub) of §3.1, and when the token stops being valid.
 * @typedef {{tenant: string, sub: string, expMs: number}} Principal
 */

export class TokenVerifier {
  /** @param {{secret: string, issuer: string|null, audience: string|null}} settings */
  constructor({ secret, issuer, audience }) {
    this.secret = secret;
    this.issuer = issuer;
    this.audience = audience;
  }

  /**
   * @param {string|null|undefined} token
   * @returns {Principal}
   * @throws {AuthError}
   */
  verify(token) {
    if (!fault.is("missing-token-invalid") && (token === undefined || token === null || token === "")) {
      throw new AuthError("token_missing", "no token");
    }
    if (fault.is("malformed-token-missing") && (typeof token !== "string" || token.split(".").length !== 3)) {
      throw new AuthError("token_missing", "no token");
    }
    if (typeof token !== "string") {
      throw new AuthError("token_invalid", "the token is not a string");
    }
    let claims;
    try {
      claims = jwt.verify(token, this.secret, this.#verifyOptions());
    } catch (e) {
      if (e instanceof jwt.TokenExpiredError && !fault.is("expired-token-invalid")) {
        throw new AuthError("token_expired", "the token has expired");
      }
      // JsonWebTokenError (bad signature, other algorithm, malformed, wrong iss/aud) and NotBeforeError
      throw new AuthError("token_invalid", "the token does not verify");
    }
    if (typeof claims !== "object" || claims === null) {
      throw new AuthError("token_invalid", "the token's payload is not a JSON object");
    }
    // jsonwebtoken checks nbf but not an iat in the future (§2.9)
    if (!fault.is("nbf-ignored") && typeof claims.iat === "number" && claims.iat > Date.now() / 1000) {
      throw new AuthError("token_invalid", "the token was issued in the future");
    }
    const { sub, tenant_id: tenant, exp } = claims;
    if (!isId(sub) || !isId(tenant)) {
      throw new AuthError("claims_missing", `sub and tenant_id must be strings of 1 to ${MAX_ID} characters`);
    }
    // jsonwebtoken verifies exp only when present: requiring it is ours to do (§2.7)
    if (typeof exp !== "number" && !fault.is("exp-not-required")) {
      throw new AuthError("claims_missing", "the token has no exp");
    }
    return { tenant, sub, expMs: typeof exp === "number" ? exp * 1000 : Number.POSITIVE_INFINITY };
  }

  #verifyOptions() {
    const options = {
      algorithms: ["HS256"], // never "none", never another algorithm, whatever the header says (§2.1)
      clockTolerance: 0,
    };
    if (fault.is("hmac-family-accepted")) {
      delete options.algorithms; // jsonwebtoken's default for a string secret: HS256, HS384 and HS512
    }
    if (fault.is("expiry-leeway")) {
      options.clockTolerance = 1;
    }
    if (fault.is("nbf-ignored")) {
      options.ignoreNotBefore = true;
    }
    if (this.issuer !== null) {
      options.issuer = this.issuer;
    }
    if (this.audience !== null && !fault.is("audience-unchecked")) {
      options.audience = this.audience;
    }
    return options;
  }
}

function isId(value) {
  return typeof value === "string" && value.length >= 1 && value.length <= MAX_ID;
}

/** The token of an `Authorization: Bearer <jwt>` header, or null. */
export function bearerToken(header) {
  if (typeof header !== "string") {
    return null;
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}
