"""fetch: the one polite HTTP client (robots, delays, retries, limits, conditional GET) and
the raw archive every fetched body is saved to before parsing.

See docs/ARCHITECTURE.md for the contract; client.py for how a request is made.
"""
from .archive import RawArchive
from .client import Fetcher
from .errors import ERROR_CLASSES, FetchError
from .limits import DEFAULT_USER_AGENT, FetchLimits
from .response import HttpState, Response

__all__ = [
    "DEFAULT_USER_AGENT", "ERROR_CLASSES", "FetchError", "FetchLimits", "Fetcher",
    "HttpState", "RawArchive", "Response",
]
