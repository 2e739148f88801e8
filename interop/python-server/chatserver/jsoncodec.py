"""The server's one JSON codec, used by REST and, through python-socketio's ``json=`` option, by the
Engine.IO and Socket.IO packet parsers.

Strict where the standard library is lenient: ``NaN``/``Infinity`` are not JSON, and a document nested
so deeply that the parser gives up is a ValueError like any other malformed input (the library only
catches ValueError, so a RecursionError would escape it).
"""
import json


def _not_json(constant):
    raise ValueError(f"{constant} is not a JSON value")


def loads(text, **kwargs):
    kwargs.setdefault("parse_constant", _not_json)
    try:
        return json.loads(text, **kwargs)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def dumps(value, **kwargs):
    kwargs.setdefault("separators", (",", ":"))
    kwargs["allow_nan"] = False
    return json.dumps(value, **kwargs)
