"""Command-line settings, the same as the reference server's ``./chat-harness serve`` where they overlap."""
import argparse
import math
import os
import re
from dataclasses import dataclass

SECRET_ENV = "CHAT_HARNESS_JWT_SECRET"
MAX_PAYLOAD_BYTES = 1_000_000  # contract section 1.4


class UsageError(Exception):
    """A bad command line: the message says what to fix; the process exits 2."""


@dataclass(frozen=True)
class RateSpec:
    """A token bucket: ``capacity`` events at once, refilled at ``per_second``."""

    capacity: int
    per_second: float

    @staticmethod
    def parse(text, option):
        match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+(?:\.\d+)?)\s*", text or "")
        if not match:
            raise UsageError(f"{option} must be CAPACITY:PER_SECOND, e.g. 20:10 (got {text!r})")
        capacity, per_second = int(match.group(1)), float(match.group(2))
        if capacity < 1 or not (per_second > 0 and math.isfinite(per_second)):
            raise UsageError(f"{option}: capacity must be at least 1 and the refill rate above 0 (got {text!r})")
        return RateSpec(capacity, per_second)

    def __str__(self):
        rate = int(self.per_second) if self.per_second.is_integer() else self.per_second
        return f"{self.capacity}:{rate}"


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    jwt_secret: str
    jwt_issuer: str = None
    jwt_audience: str = None
    allowed_origins: tuple = ()
    message_rate: RateSpec = RateSpec(20, 10.0)
    typing_rate: RateSpec = RateSpec(10, 5.0)
    max_payload_bytes: int = MAX_PAYLOAD_BYTES


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _parser():
    parser = _Parser(
        prog="server.py",
        description="Chat v2 server on python-socketio (asyncio, aiohttp); everything is kept in memory.",
        epilog=f"The JWT secret comes from --jwt-secret, --jwt-secret-file or the environment variable {SECRET_ENV}.",
    )
    parser.add_argument("--port", type=int, default=8080, help="port to listen on; 0 picks a free one (default 8080)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--jwt-secret", metavar="S", help="HS256 secret shared with the token issuer")
    parser.add_argument("--jwt-secret-file", metavar="F",
                        help="file holding the HS256 secret (surrounding whitespace is ignored)")
    parser.add_argument("--jwt-issuer", metavar="ISS", help="require this 'iss' claim")
    parser.add_argument("--jwt-audience", metavar="AUD", help="require this 'aud' claim")
    parser.add_argument("--allowed-origins", metavar="A,B", default="",
                        help="Origins allowed on Socket.IO handshakes (comma-separated); with none, every handshake "
                             "that carries an Origin header is refused")
    parser.add_argument("--rate-message", metavar="CAP:PER_S", default="20:10",
                        help="per-user bucket shared by message and message-edited, sockets and REST (default 20:10)")
    parser.add_argument("--rate-typing", metavar="CAP:PER_S", default="10:5",
                        help="per-user bucket for typing (default 10:5)")
    return parser


def _origins(text):
    origins = []
    for item in (text or "").split(","):
        origin = item.strip()
        if not origin:
            continue
        if origin.endswith("/") and origin.count("/") == 3:
            origin = origin[:-1]  # browsers send no trailing slash
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s]+", origin):
            raise UsageError(f"--allowed-origins: {item.strip()!r} is not an origin (scheme://host[:port])")
        origins.append(origin)
    return tuple(origins)


def _secret(args, environ):
    if args.jwt_secret is not None and args.jwt_secret_file is not None:
        raise UsageError("give either --jwt-secret or --jwt-secret-file, not both")
    if args.jwt_secret_file is not None:
        try:
            with open(args.jwt_secret_file, encoding="utf-8") as f:
                secret = f.read().strip()
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"--jwt-secret-file: cannot read {args.jwt_secret_file}: {e}") from None
        if not secret:
            raise UsageError(f"--jwt-secret-file: {args.jwt_secret_file} is empty")
        return secret
    secret = args.jwt_secret if args.jwt_secret is not None else environ.get(SECRET_ENV)
    if not secret:
        raise UsageError(f"a JWT secret is required: --jwt-secret S, --jwt-secret-file F or {SECRET_ENV}")
    return secret


def parse(argv, environ=None):
    """Settings from the command line; raises UsageError (``--help`` exits 0 through argparse)."""
    environ = os.environ if environ is None else environ
    args = _parser().parse_args(argv)
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0..65535 (got {args.port})")
    return Settings(
        host=args.host,
        port=args.port,
        jwt_secret=_secret(args, environ),
        jwt_issuer=args.jwt_issuer or None,
        jwt_audience=args.jwt_audience or None,
        allowed_origins=_origins(args.allowed_origins),
        message_rate=RateSpec.parse(args.rate_message, "--rate-message"),
        typing_rate=RateSpec.parse(args.rate_typing, "--rate-typing"),
    )
