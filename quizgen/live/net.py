"""Which address the game listens on and prints: the local network's, not the world's.

The machine's IPv4 addresses are read from its interfaces (Linux: one ioctl
per interface; elsewhere: the host name's addresses), without sending any
packet; :func:`pick` prefers a private-range address (the classroom's
network) over any other, and falls back to loopback.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys
from collections.abc import Iterable


def pick(addresses: Iterable[str]) -> str:
    """The address to offer students: private first, never loopback or link-local
    unless nothing else exists."""
    found = []
    for text in addresses:
        try:
            addr = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if not (addr.is_loopback or addr.is_link_local or addr.is_unspecified):
            found.append(addr)
    found.sort(key=lambda a: (not a.is_private, int(a)))
    return str(found[0]) if found else "127.0.0.1"


def addresses() -> list[str]:
    """This machine's IPv4 addresses, best effort."""
    out: list[str] = []
    if sys.platform.startswith("linux"):
        import fcntl

        siocgifaddr = 0x8915
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                try:
                    packed = fcntl.ioctl(
                        probe.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15])
                    )
                except OSError:
                    continue
                out.append(socket.inet_ntoa(packed[20:24]))
    if not out:
        with contextlib.suppress(OSError):
            out = [
                str(i[4][0]) for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            ]
    return out


def lan_address() -> str:
    return pick(addresses())
