"""Unit tests of the parts that need no network: tokens, settings, payload checks, rate limits, JSON."""
import base64
import json
import os
import sys
import tempfile
import time
import unittest
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from chatserver import config, jsoncodec, validation  # noqa: E402
from chatserver.auth import TokenVerifier, handshake_token  # noqa: E402
from chatserver.config import RateSpec, UsageError  # noqa: E402
from chatserver.errors import AuthError, InvalidPayload, RateLimited, rest_error_headers  # noqa: E402
from chatserver.ratelimit import MESSAGE, TYPING, RateLimiter  # noqa: E402
from chatserver.realtime.engine import forget_closed_sessions  # noqa: E402
from tests.support import SECRET, mint  # noqa: E402


def _b64(value):
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


class TokenTest(unittest.TestCase):
    def setUp(self):
        self.verifier = TokenVerifier(SECRET)

    def refusal(self, token, verifier=None):
        with self.assertRaises(AuthError) as caught:
            (verifier or self.verifier).verify(token)
        return caught.exception.code

    def test_a_valid_token_names_the_user_of_its_tenant(self):
        identity = self.verifier.verify(mint("acme", "alice"))
        self.assertEqual(("acme", "alice"), (identity.user.tenant, identity.user.id))
        self.assertGreater(identity.expires_at, time.time())

    def test_another_secret_or_garbage_is_token_invalid(self):
        self.assertEqual("token_invalid", self.refusal(mint("acme", "alice", secret="other")))
        self.assertEqual("token_invalid", self.refusal("not.a.jwt"))
        self.assertEqual("token_invalid", self.refusal(12))

    def test_alg_none_in_any_spelling_is_token_invalid(self):
        claims = {"sub": "alice", "tenant_id": "acme", "exp": int(time.time()) + 60}
        for alg in ("none", "None", "NONE", "nOnE"):
            for signature in ("", "junk"):
                token = f"{_b64({'alg': alg, 'typ': 'JWT'})}.{_b64(claims)}.{signature}"
                self.assertEqual("token_invalid", self.refusal(token), alg)

    def test_missing_or_mistyped_identity_claims_are_claims_missing(self):
        self.assertEqual("claims_missing", self.refusal(mint("acme", None)))
        self.assertEqual("claims_missing", self.refusal(mint(None, "alice")))
        self.assertEqual("claims_missing", self.refusal(mint(7, "alice")))
        self.assertEqual("claims_missing", self.refusal(mint("acme", "a" * 65)))
        no_exp = mint("acme", "alice", exp=None)
        self.assertEqual("claims_missing", self.refusal(no_exp))

    def test_expired_is_token_expired_and_future_nbf_or_iat_is_token_invalid(self):
        self.assertEqual("token_expired", self.refusal(mint("acme", "alice", ttl=-1)))
        self.assertEqual("token_invalid", self.refusal(mint("acme", "alice", nbf=int(time.time()) + 60)))
        self.assertEqual("token_invalid", self.refusal(mint("acme", "alice", iat=int(time.time()) + 60)))

    def test_issuer_and_audience_are_checked_only_when_configured(self):
        strict = TokenVerifier(SECRET, issuer="iss", audience="aud")
        self.assertEqual("alice", strict.verify(mint("acme", "alice", iss="iss", aud="aud")).user.id)
        self.assertEqual("token_invalid", self.refusal(mint("acme", "alice", iss="evil", aud="aud"), strict))
        self.assertEqual("token_invalid", self.refusal(mint("acme", "alice", iss="iss", aud="evil"), strict))
        self.assertEqual("token_invalid", self.refusal(mint("acme", "alice", aud="aud"), strict))
        self.assertEqual("alice", self.verifier.verify(mint("acme", "alice", iss="any", aud="any")).user.id)

    def test_handshake_token_comes_from_the_auth_payload_or_the_header(self):
        self.assertEqual("t1", handshake_token({"token": "t1"}, "Bearer t2"))
        self.assertEqual("t2", handshake_token(None, "Bearer t2"))
        self.assertEqual("t2", handshake_token({"token": ""}, "bearer t2"))
        for auth, header, code in ((None, None, "token_missing"), ({}, "Basic abc", "token_missing"),
                                   ("str", "Bearer ", "token_missing"), ({"token": 12}, None, "token_invalid")):
            with self.assertRaises(AuthError) as caught:
                handshake_token(auth, header)
            self.assertEqual(code, caught.exception.code, (auth, header))


class SettingsTest(unittest.TestCase):
    def test_defaults_and_every_option(self):
        settings = config.parse(["--jwt-secret", "s"], {})
        self.assertEqual((8080, "127.0.0.1", (), RateSpec(20, 10.0), RateSpec(10, 5.0)),
                         (settings.port, settings.host, settings.allowed_origins, settings.message_rate,
                          settings.typing_rate))
        settings = config.parse(["--port", "0", "--jwt-secret", "s", "--allowed-origins", "http://a:1, https://b/",
                                 "--rate-message", "5:2.5", "--rate-typing", "3:1", "--jwt-issuer", "i",
                                 "--jwt-audience", "a"], {})
        self.assertEqual(("http://a:1", "https://b"), settings.allowed_origins)
        self.assertEqual((RateSpec(5, 2.5), RateSpec(3, 1.0), "i", "a"),
                         (settings.message_rate, settings.typing_rate, settings.jwt_issuer, settings.jwt_audience))

    def test_the_secret_comes_from_the_option_a_file_or_the_environment(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("from-file\n")
        try:
            self.assertEqual("from-file", config.parse(["--jwt-secret-file", f.name], {}).jwt_secret)
        finally:
            os.unlink(f.name)
        self.assertEqual("from-env", config.parse([], {config.SECRET_ENV: "from-env"}).jwt_secret)
        self.assertEqual("opt", config.parse(["--jwt-secret", "opt"], {config.SECRET_ENV: "env"}).jwt_secret)

    def test_bad_options_are_usage_errors_that_say_what_is_wrong(self):
        cases = {
            "secret is required": [],
            "either --jwt-secret or --jwt-secret-file": ["--jwt-secret", "a", "--jwt-secret-file", "b"],
            "cannot read": ["--jwt-secret-file", "/nonexistent/secret"],
            "--rate-message must be CAPACITY:PER_SECOND": ["--jwt-secret", "s", "--rate-message", "fast"],
            "capacity must be at least 1": ["--jwt-secret", "s", "--rate-typing", "0:5"],
            "--port must be 0..65535": ["--jwt-secret", "s", "--port", "70000"],
            "is not an origin": ["--jwt-secret", "s", "--allowed-origins", "evil.example"],
            "unrecognized arguments": ["--jwt-secret", "s", "--nope"],
        }
        for expected, argv in cases.items():
            with self.assertRaises(UsageError) as caught:
                config.parse(argv, {})
            self.assertIn(expected, str(caught.exception), argv)


class PayloadTest(unittest.TestCase):
    def refused(self, check, payload):
        with self.assertRaises(InvalidPayload):
            check(payload)

    def test_body_is_one_to_four_thousand_code_points_of_unicode_text(self):
        self.assertEqual("a" * 4000, validation.body({"body": "a" * 4000}))
        self.assertEqual("👋" * 4000, validation.body({"body": "👋" * 4000}))
        for bad in ("", "a" * 4001, 5, None, ["x"], "x\ud800"):
            self.refused(validation.body, {"body": bad})

    def test_ids_titles_statuses_and_lists(self):
        self.assertEqual("i" * 64, validation.required_id({"id": "i" * 64}, "id"))
        self.refused(lambda p: validation.required_id(p, "id"), {"id": "i" * 65})
        self.assertIsNone(validation.optional_id({}, "clientMessageId"))
        self.assertIsNone(validation.title({}, required=False))
        self.assertEqual("", validation.title({"title": ""}, required=True))
        self.refused(lambda p: validation.title(p, required=True), {})
        self.refused(lambda p: validation.title(p, required=False), {"title": "t" * 201})
        self.refused(validation.status, {"status": "sleeping"})
        self.refused(validation.status, {"status": ["online"]})
        self.assertIsNone(validation.status_text({"status": "busy"}))
        self.refused(validation.status_text, {"statusText": "s" * 201})
        self.assertEqual(["b", "a"], validation.id_list({"participantIds": ["b", "a", "b"]}, "participantIds"))
        self.refused(lambda p: validation.id_list(p, "participantIds"), {"participantIds": "a"})
        self.refused(lambda p: validation.boolean(p, "isTyping"), {"isTyping": "true"})
        self.refused(validation.require_object, [])


class RateLimitTest(unittest.TestCase):
    def test_a_burst_of_exactly_the_capacity_passes_and_the_next_is_refused_until_refill(self):
        now = [100.0]
        limiter = RateLimiter({MESSAGE: RateSpec(3, 2.0), TYPING: RateSpec(1, 1.0)}, clock=lambda: now[0])
        for _ in range(3):
            limiter.take("alice", MESSAGE)
        with self.assertRaises(RateLimited) as caught:
            limiter.take("alice", MESSAGE)
        self.assertEqual(500, caught.exception.retry_after_ms)
        limiter.take("bob", MESSAGE)  # another user's bucket
        limiter.take("alice", TYPING)  # another bucket of the same user
        now[0] += 0.5
        limiter.take("alice", MESSAGE)
        with self.assertRaises(RateLimited):
            limiter.take("alice", MESSAGE)

    def test_full_buckets_are_forgotten(self):
        now = [0.0]
        limiter = RateLimiter({MESSAGE: RateSpec(2, 1.0)}, clock=lambda: now[0])
        limiter.take("alice", MESSAGE)
        limiter.forget_full_buckets()
        self.assertEqual(1, len(limiter))
        now[0] += 1.0
        limiter.forget_full_buckets()
        self.assertEqual(0, len(limiter))

    def test_429_headers_follow_the_ietf_draft(self):
        error = RateLimited("slow down", 1500, "message", 20, 10.0)
        self.assertEqual({"Retry-After": "2", "RateLimit": '"message";r=0;t=2',
                          "RateLimit-Policy": '"message";q=20;w=2'}, rest_error_headers(error))


class SessionSweepTest(unittest.TestCase):
    def test_closed_sessions_are_forgotten_and_open_ones_kept(self):
        eio = SimpleNamespace(sockets={"open": SimpleNamespace(closed=False), "gone": SimpleNamespace(closed=True)})
        forget_closed_sessions(eio)
        self.assertEqual(["open"], list(eio.sockets))


class JsonCodecTest(unittest.TestCase):
    def test_non_json_and_too_deep_documents_are_value_errors(self):
        for text in ("NaN", "[Infinity]", "[" * 100000, "{'a':1}"):
            with self.assertRaises(ValueError):
                jsoncodec.loads(text)
        self.assertEqual({"a": [1]}, jsoncodec.loads('{"a":[1]}'))
        self.assertEqual('{"a":"é"}', jsoncodec.dumps({"a": "é"}, ensure_ascii=False))


if __name__ == "__main__":
    unittest.main()
