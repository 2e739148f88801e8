"""Reading REST requests: a JSON object body in UTF-8 (contract section 1.5) and integer query parameters."""
import re

from aiohttp.web_protocol import RequestPayloadError

from .. import jsoncodec
from ..errors import InvalidPayload

_JSON_MEDIA_TYPE = re.compile(r"application/(?:[\w.+-]+\+)?json", re.IGNORECASE)


async def json_object(request):
    """The body as a JSON object; anything else is InvalidPayload (400), never a server error."""
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise InvalidPayload("Content-Encoding is not supported: send the JSON body as it is")
    content_type = request.headers.get("Content-Type")
    if content_type is not None:
        media_type, _, parameters = content_type.partition(";")
        if not _JSON_MEDIA_TYPE.fullmatch(media_type.strip()):
            raise InvalidPayload("the body must be JSON (Content-Type: application/json)")
        charset = re.search(r"charset\s*=\s*\"?([^\";\s]+)", parameters, re.IGNORECASE)
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise InvalidPayload("the body must be UTF-8")
    try:
        raw = await request.read()  # over the application's client_max_size: 413, answered 400 by the middleware
    except RequestPayloadError:
        raise InvalidPayload("the body could not be read") from None
    if not raw:
        raise InvalidPayload("a JSON object body is required")
    try:
        value = jsoncodec.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidPayload("the body is not valid UTF-8") from None
    except ValueError:
        raise InvalidPayload("the body is not valid JSON") from None
    if not isinstance(value, dict):
        raise InvalidPayload("the body must be a JSON object")
    return value


def int_parameter(request, name, default, minimum, maximum=None):
    """A query parameter of decimal digits within [minimum, maximum]; absent gives ``default``."""
    values = request.query.getall(name, [])
    if not values:
        return default
    if len(values) > 1:
        raise InvalidPayload(f"'{name}' is given more than once")
    value = values[0]
    bounds = f"from {minimum}" + (f" to {maximum}" if maximum is not None else "")
    if not re.fullmatch(r"[0-9]{1,30}", value):
        raise InvalidPayload(f"'{name}' must be an integer {bounds}")
    number = int(value)
    if number < minimum or (maximum is not None and number > maximum):
        raise InvalidPayload(f"'{name}' must be an integer {bounds}")
    return number
