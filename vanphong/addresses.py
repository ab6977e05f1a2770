"""The address a request comes from, for login lockouts, API limits and the audit log.

`REMOTE_ADDR` is the peer of the web server. Behind a reverse proxy that is the proxy,
so the client's address is read from `X-Forwarded-For` — but only when the peer is one
of `VANPHONG_TRUSTED_PROXIES`: anyone else could write any address in that header and
so escape a lockout (or lock out someone else's address).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(text: str, proxies: list[Network]) -> bool:
    address = _address(text)
    return address is not None and any(address in network for network in proxies)


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the last hop of `X-Forwarded-For` that is not a trusted
    proxy, when the request came through one; otherwise the peer's address."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxies: list[Network] = settings.VANPHONG_TRUSTED_PROXIES
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    client = peer
    for hop in reversed([h for h in hops if h]):
        if _address(hop) is None:
            break  # a proxy wrote garbage: trust nothing further left
        client = hop
        if not _trusted(hop, proxies):
            break
    return client
