"""BLAKE2b, without loading OpenSSL.

`import hashlib` loads `_hashlib` (OpenSSL bindings, about 3 ms) to offer its
algorithms, but hashlib's own `blake2b` is always CPython's built-in
`_blake2` module: the same function, so the same digests, imported here
directly. Where an interpreter lacks `_blake2`, hashlib's is used.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython build has it
    from hashlib import blake2b

__all__ = ["blake2b"]
