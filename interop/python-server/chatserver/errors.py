"""Every error a client can be answered with, and the one place that turns them into answers: the
Socket.IO ack, the Socket.IO ``error`` event and the REST body and status (contract section 4)."""
import math


class ChatError(Exception):
    """A refusal with a contract error code; ``message`` is for people, only ``code`` is contract."""

    code = "internal"
    status = 500

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvalidPayload(ChatError):
    code = "invalid_payload"
    status = 400


class NotFound(ChatError):
    """Also what a conversation of another tenant, or one the user takes no part in, answers (section 3)."""

    code = "not_found"
    status = 404


class Forbidden(ChatError):
    code = "forbidden"
    status = 403


class TokenExpired(ChatError):
    """An event that arrived after the socket's token expired (section 2.12): the socket is being closed."""

    code = "token_expired"
    status = 401


class Internal(ChatError):
    code = "internal"
    status = 500


class RateLimited(ChatError):
    code = "rate_limited"
    status = 429

    def __init__(self, message, retry_after_ms, bucket, capacity, per_second):
        super().__init__(message)
        self.retry_after_ms = max(1, int(math.ceil(retry_after_ms)))
        self.bucket = bucket
        self.capacity = capacity
        self.per_second = per_second


class AuthError(Exception):
    """A refused token: ``code`` is one of token_missing, token_invalid, token_expired, claims_missing."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _detail(error):
    detail = {"code": error.code, "message": error.message}
    if isinstance(error, RateLimited):
        detail["retryAfterMs"] = error.retry_after_ms
    return detail


class Answer:
    """How a client event is answered: ``ack`` if it asked for one, else ``error_event`` (None on success)."""

    __slots__ = ("ack", "error_event")

    def __init__(self, ack, error_event):
        self.ack = ack
        self.error_event = error_event

    @staticmethod
    def ok(data):
        return Answer({"ok": True, "data": data}, None)

    @staticmethod
    def failed(error, event):
        """``event`` is the event's name, or None when the packet was too broken to have one (section 4.3)."""
        event_payload = _detail(error)
        event_payload["event"] = event
        return Answer({"ok": False, "error": _detail(error)}, event_payload)


def token_expired_event():
    """Sent to a live socket when its token expires (section 2.12), just before it is disconnected."""
    return {"code": "token_expired", "message": "the token expired; connect again with a fresh one"}


def connect_refusal(auth_error):
    """The CONNECT_ERROR payload of a refused handshake (section 2.11)."""
    return {"message": "unauthorized", "data": {"code": auth_error.code}}


def rest_error_body(code, message):
    return {"error": {"code": code, "message": message}}


def rest_error_headers(error):
    """Headers a REST error carries besides its body: rate-limit fields on 429 (section 9.5)."""
    if not isinstance(error, RateLimited):
        return {}
    seconds = max(1, int(math.ceil(error.retry_after_ms / 1000)))
    window = max(1, int(math.ceil(error.capacity / error.per_second)))
    return {
        "Retry-After": str(seconds),
        "RateLimit": f'"{error.bucket}";r=0;t={seconds}',
        "RateLimit-Policy": f'"{error.bucket}";q={error.capacity};w={window}',
    }


UNAUTHORIZED_HEADERS = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
