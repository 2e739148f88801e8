"""Token checks shared by the Socket.IO handshake and REST (contract section 2), on PyJWT."""
from dataclasses import dataclass

import jwt

from .errors import AuthError
from .model import User

MAX_USER_ID = 64  # a sub is a user id, and ids have at most 64 characters (section 7.4)
_IDENTITY_CLAIMS = ("exp", "sub", "tenant_id")


@dataclass(frozen=True)
class Identity:
    user: User
    expires_at: float  # the token's exp, seconds since the epoch


class TokenVerifier:
    def __init__(self, secret, issuer=None, audience=None):
        self._secret = secret
        self._issuer = issuer
        self._audience = audience

    def verify(self, token):
        """The identity a token proves, or AuthError with the contract's refusal code."""
        if not isinstance(token, str):
            raise AuthError("token_invalid", "the token is not a string")
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],  # never what the token's own header asks for: no none, no RS/HS confusion
                issuer=self._issuer,
                audience=self._audience,
                # PyJWT checks required claims before the time claims, so a token without tenant_id is
                # claims_missing even when it is also expired; aud is only checked when configured.
                options={"require": list(_IDENTITY_CLAIMS), "verify_aud": self._audience is not None},
            )
        except jwt.ExpiredSignatureError:
            raise AuthError("token_expired", "the token has expired") from None
        except jwt.MissingRequiredClaimError as e:
            if e.claim in _IDENTITY_CLAIMS:
                raise AuthError("claims_missing", f"the token carries no {e.claim}") from None
            raise AuthError("token_invalid", f"the token carries no {e.claim}") from None  # iss or aud
        except Exception:  # every other PyJWT error, and the odd TypeError of a claim of the wrong type
            raise AuthError("token_invalid", "the token is not valid") from None
        return Identity(User(_tenant(claims), _subject(claims)), _expiry(claims))


def _subject(claims):
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > MAX_USER_ID:
        raise AuthError("claims_missing", f"sub must be a user id of 1 to {MAX_USER_ID} characters")
    return sub


def _tenant(claims):
    tenant = claims.get("tenant_id")
    if not isinstance(tenant, str) or not tenant:
        raise AuthError("claims_missing", "tenant_id must be a non-empty string")
    return tenant


def _expiry(claims):
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        raise AuthError("token_invalid", "exp must be a number")
    return float(exp)


def bearer_token(header_value):
    """The token of an ``Authorization: Bearer <jwt>`` header value, or None."""
    if not header_value:
        return None
    scheme, _, token = header_value.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def handshake_token(auth, authorization_header):
    """The token of a Socket.IO handshake: the auth payload's ``token``, else an Authorization header.

    Never the query string (section 2.4): it is not even looked at.
    """
    if isinstance(auth, dict) and auth.get("token") is not None:
        token = auth["token"]
        if not isinstance(token, str):
            raise AuthError("token_invalid", "the auth payload's token is not a string")
        if token:
            return token
    token = bearer_token(authorization_header)
    if token is None:
        raise AuthError("token_missing",
                        "no token: send it as the auth payload {token} or an Authorization: Bearer header")
    return token
