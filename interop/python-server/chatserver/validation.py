"""Payload checks (contract sections 4.5 and 7): a value of the wrong type or out of its limits is
``invalid_payload``. Lengths count Unicode code points, as JSON Schema's maxLength does; a string that is
not Unicode text (a lone surrogate, which JSON's \\u escapes can smuggle in) is refused too, since it could
never be sent back as UTF-8.
"""
from .errors import InvalidPayload

MAX_ID = 64
MAX_BODY = 4000
MAX_TITLE = 200
MAX_STATUS_TEXT = 200
MAX_PARTICIPANTS = 1000  # not a contract figure: a bound on one request's work
STATUSES = ("online", "away", "busy")
_MISSING = object()


def require_object(payload, what="the payload"):
    if not isinstance(payload, dict):
        raise InvalidPayload(f"{what} must be a JSON object")
    return payload


def _text(value, name, min_len, max_len, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not min_len <= len(value) <= max_len:
        kind = "a string or null" if nullable else "a string"
        raise InvalidPayload(f"'{name}' must be {kind} of {min_len} to {max_len} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidPayload(f"'{name}' is not valid Unicode text (lone surrogate)") from None
    return value


def id_value(value, name):
    return _text(value, name, 1, MAX_ID)


def required_id(payload, name):
    return id_value(payload.get(name), name)


def optional_id(payload, name):
    return _text(payload.get(name), name, 1, MAX_ID, nullable=True)


def body(payload):
    return _text(payload.get("body"), "body", 1, MAX_BODY)


def title(payload, required):
    value = payload.get("title", _MISSING)
    if value is _MISSING:
        if required:
            raise InvalidPayload("'title' is required (a string of at most 200 characters, or null)")
        return None
    return _text(value, "title", 0, MAX_TITLE, nullable=True)


def status(payload):
    value = payload.get("status")
    if not isinstance(value, str) or value not in STATUSES:
        raise InvalidPayload("'status' must be one of online, away, busy")
    return value


def status_text(payload):
    return _text(payload.get("statusText"), "statusText", 0, MAX_STATUS_TEXT, nullable=True)


def boolean(payload, name):
    value = payload.get(name)
    if not isinstance(value, bool):
        raise InvalidPayload(f"'{name}' must be true or false")
    return value


def id_list(payload, name):
    value = payload.get(name)
    if not isinstance(value, list) or len(value) > MAX_PARTICIPANTS:
        raise InvalidPayload(f"'{name}' must be an array of at most {MAX_PARTICIPANTS} user ids")
    ids = [id_value(item, name + "[]") for item in value]
    return list(dict.fromkeys(ids))  # a repeated id is listed once, in the order first given
