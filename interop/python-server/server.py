#!/usr/bin/python3
"""Chat v2 server on python-socketio: /usr/bin/python3 server.py --port 0 --jwt-secret S (--help for all).

Only Debian's packages are used (python3-socketio, python3-aiohttp, python3-jwt), which are installed for
Debian's own interpreter, /usr/bin/python3; this file checks for them before anything else.
"""
import sys

PACKAGES = "apt-get install -y python3-socketio python3-aiohttp python3-jwt"
# The server wraps parts of these libraries (see chatserver/realtime), written against Debian 12's versions.
MAJOR_VERSIONS = {"python-socketio": "5", "python-engineio": "4", "aiohttp": "3", "PyJWT": "2"}


def _missing_packages():
    try:
        import aiohttp  # noqa: F401
        import engineio  # noqa: F401
        import jwt  # noqa: F401
        import socketio  # noqa: F401
    except ImportError as e:
        return (f"the Python package '{e.name}' is missing for {sys.executable}. Install Debian's packages with "
                f"'{PACKAGES}' and start the server with /usr/bin/python3 (a pyenv or virtualenv python3 does not "
                f"see them)")
    from importlib import metadata

    for distribution, major in MAJOR_VERSIONS.items():
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            return f"cannot tell the version of {distribution}; install it with '{PACKAGES}'"
        if version.split(".")[0] != major:
            return f"{distribution} {version} is installed, this server needs {major}.x (Debian 12: '{PACKAGES}')"
    return None


if __name__ == "__main__":
    problem = _missing_packages()
    if problem:
        print(f"server.py: {problem}", file=sys.stderr)
        sys.exit(2)
    from chatserver.app import main

    sys.exit(main(sys.argv[1:]))
