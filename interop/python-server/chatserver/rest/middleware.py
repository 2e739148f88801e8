"""What every REST answer goes through: the token check of everything under /api/v2 (section 2.13), the
errors turned into ``{"error":{code,message}}`` with a contract status (section 4.6), and CORS for the
allow-listed Origins so that a page served from one of them can call the API."""
import logging

from aiohttp import web

from .. import jsoncodec
from ..auth import bearer_token
from ..errors import UNAUTHORIZED_HEADERS, AuthError, ChatError, rest_error_body, rest_error_headers

log = logging.getLogger("chatserver.rest")
API_PREFIX = "/api/v2"
SOCKET_PATH = "/socket.io/"
USER = "chat.user"  # the request key of the authenticated User


def json_response(status, value=None, headers=None):
    if value is None:
        return web.Response(status=status, headers=headers)
    body = jsoncodec.dumps(value, ensure_ascii=False).encode("utf-8")
    return web.Response(status=status, body=body, content_type="application/json", charset="utf-8", headers=headers)


def _error(status, code, message, headers=None):
    return json_response(status, rest_error_body(code, message), headers)


def _from_http_exception(exc):
    """aiohttp's own refusals, in the contract's statuses: an unknown route or method is 404 not_found."""
    if exc.status in (404, 405):
        return _error(404, "not_found", "no such resource")
    if 400 <= exc.status < 500:
        return _error(400, "invalid_payload", exc.reason or "bad request")
    return _error(500, "internal", "internal error")


def _authenticate(verifier, request):
    token = bearer_token(request.headers.get("Authorization"))
    if token is None:
        raise AuthError("token_missing", "send the token as Authorization: Bearer <jwt>")
    return verifier.verify(token).user


def _in_api(path):
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def api_middleware(verifier, origins):
    @web.middleware
    async def middleware(request, handler):
        if request.path == SOCKET_PATH:
            return await handler(request)  # Engine.IO answers for itself
        origin = request.headers.get("Origin")
        cors = bool(origin) and origin in origins.allowed
        try:
            if request.method == "OPTIONS" and cors and _in_api(request.path):
                response = web.Response(status=204, headers={
                    "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE",
                    "Access-Control-Allow-Headers": "Authorization, Content-Type",
                    "Access-Control-Max-Age": "600",
                })
            else:
                if _in_api(request.path):
                    request[USER] = _authenticate(verifier, request)
                response = await handler(request)
        except AuthError as refusal:
            response = _error(401, refusal.code, refusal.message, UNAUTHORIZED_HEADERS)
        except ChatError as error:
            response = _error(error.status, error.code, error.message, rest_error_headers(error))
        except web.HTTPException as exc:
            response = _from_http_exception(exc)
        except Exception:
            log.exception("%s %s failed", request.method, request.path)
            response = _error(500, "internal", "internal error")
        if request.headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity"):
            # such a body is refused unread, and aiohttp cannot skip what it cannot decode: say the connection ends
            response.force_close()
        if cors:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Expose-Headers"] = "Retry-After, RateLimit, RateLimit-Policy"
            response.headers["Vary"] = "Origin"
        return response

    return middleware
