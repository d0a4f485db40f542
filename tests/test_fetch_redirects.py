"""Redirects and SSRF (RELIABILITY.md table R): every hop is re-validated, private and
loopback destinations are refused before any connection, only http(s) is ever followed."""
from __future__ import annotations

import json
import socket

import httpcore
import pytest

from pipeline.fetch import Fetcher, FetchError, FetchLimits, RawArchive
from pipeline.fetch.guard import AddressBlocked, _GuardedBackend, check_url, is_public_address, resolve_public
from tests.faultserver import ConnectionCounter, FaultServer

FAST = FetchLimits(connect_timeout=0.5, read_timeout=0.5, deadline=1.0, backoff_seconds=0.01)


@pytest.fixture
def fetcher(tmp_path, fault_server):
    with Fetcher(archive=RawArchive(tmp_path / "raw"), limits=FAST,
                 allow_private_hosts={fault_server.host_port}) as f:
        yield f


def fail(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, delay_seconds=0)
    return caught.value


def redirect_to(server, target: str) -> str:
    return server.url("/redirect?to=" + target.replace("&", "%26"))


def test_redirects_are_followed_and_reported(fetcher, fault_server):
    r = fetcher.get(fault_server.url("/chain/5"), delay_seconds=0)
    assert r.body == b"<p>end of chain</p>"
    assert r.final_url == fault_server.url("/chain/0")
    assert r.redirects == [fault_server.url(f"/chain/{n}") for n in (4, 3, 2, 1, 0)]
    assert r.attempts == 1


def test_r1_redirect_loop_stops_after_five_hops(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/loop/a"))
    assert err.error_class == "too_many_redirects"
    assert err.url == fault_server.url("/loop/a")
    assert fault_server.hits("/loop/a") + fault_server.hits("/loop/b") == 6


def test_six_redirects_is_one_too_many(fetcher, fault_server):
    assert fail(fetcher, fault_server.url("/chain/6")).error_class == "too_many_redirects"


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/",   # cloud metadata service
    "http://10.0.0.1/",                           # private network
    "http://192.168.1.1/admin",
    "http://[::1]/",                              # IPv6 loopback
    "http://0.0.0.0/",
    "http://2130706433/",                         # 127.0.0.1 as a decimal number
    "http://[::ffff:127.0.0.1]/",                 # IPv4-mapped IPv6 loopback
    "http://localhost/",
])
def test_r2_redirect_to_a_non_public_address_is_blocked(fetcher, fault_server, target):
    err = fail(fetcher, redirect_to(fault_server, target))
    assert err.error_class == "ssrf_blocked"
    assert err.url == redirect_to(fault_server, target)     # named by the URL we asked for


def test_r2_second_loopback_port_not_allow_listed_gets_no_connection(fetcher, fault_server):
    with ConnectionCounter() as other:
        err = fail(fetcher, redirect_to(fault_server, f"http://127.0.0.1:{other.port}/"))
        direct = fail(fetcher, f"http://127.0.0.1:{other.port}/page")
        assert other.connections == 0              # refused before connect, robots.txt too
    assert err.error_class == direct.error_class == "ssrf_blocked"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://ftp.example.org/notice.pdf",
                                    "gopher://example.org/", "javascript:alert(1)"])
def test_r4_redirect_to_a_non_http_scheme_is_bad_scheme(fetcher, fault_server, target):
    err = fail(fetcher, redirect_to(fault_server, target))
    assert err.error_class == "bad_scheme"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "not a url",
                                 "//example.org/no-scheme", "http:///no-host"])
def test_non_http_urls_are_refused_without_any_request(fetcher, fault_server, url):
    assert fail(fetcher, url).error_class == "bad_scheme"
    assert fault_server.requests == []


def test_r6_credentials_in_a_redirect_are_stripped(fetcher, fault_server):
    target = f"http://user:secret@{fault_server.host_port}/echo"
    r = fetcher.get(redirect_to(fault_server, target), delay_seconds=0)
    echoed = json.loads(r.body)
    assert "authorization" not in echoed["headers"]
    assert "secret" not in r.final_url and r.final_url == fault_server.url("/echo")


def test_303_turns_a_post_into_a_get(fetcher, fault_server):
    target = fault_server.url("/echo")
    r = fetcher.post_json(fault_server.url(f"/redirect?status=303&to={target}"), {"a": 1},
                          delay_seconds=0)
    echoed = json.loads(r.body)
    assert echoed["method"] == "GET" and echoed["body"] == ""
    assert "content-type" not in echoed["headers"]


def test_caller_credentials_are_not_forwarded_to_another_origin(tmp_path, fault_server):
    with FaultServer() as other:
        with Fetcher(archive=RawArchive(tmp_path), limits=FAST,
                     allow_private_hosts={fault_server.host_port, other.host_port}) as f:
            r = f.get(redirect_to(fault_server, other.url("/echo")), delay_seconds=0,
                      headers={"Authorization": "Bearer t0ken", "Cookie": "s=1", "X-Keep": "y"})
    sent = json.loads(r.body)["headers"]
    assert "authorization" not in sent and "cookie" not in sent
    assert sent["x-keep"] == "y"
    assert fault_server.requests_to("/redirect")[0].headers["authorization"] == "Bearer t0ken"


def test_307_keeps_the_post_and_its_body(fetcher, fault_server):
    target = fault_server.url("/echo")
    r = fetcher.post_json(fault_server.url(f"/redirect?status=307&to={target}"), {"a": 1},
                          delay_seconds=0)
    echoed = json.loads(r.body)
    assert echoed["method"] == "POST" and json.loads(echoed["body"]) == {"a": 1}


# -- DNS: the guard judges resolved addresses and connects to the one it judged ----------------

def fake_dns(monkeypatch, answers: dict[str, list[list[str]]]) -> list[str]:
    """Patch getaddrinfo: names in `answers` resolve to successive address lists (the last
    repeats); everything else resolves normally. Returns the list of names asked for."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        if host in answers:
            replies = answers[host]
            addresses = replies.pop(0) if len(replies) > 1 else replies[0]
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, port)) for a in addresses]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_r3_hostname_resolving_to_a_private_address_is_blocked(fetcher, monkeypatch):
    fake_dns(monkeypatch, {"evil.test": [["10.1.2.3"]]})
    err = fail(fetcher, "http://evil.test/")
    assert err.error_class == "ssrf_blocked"
    assert "10.1.2.3" in err.message


def test_r3_one_private_address_among_public_ones_is_enough_to_block(monkeypatch):
    fake_dns(monkeypatch, {"mixed.test": [["93.184.216.34", "127.0.0.1"]]})
    with pytest.raises(AddressBlocked):
        resolve_public("mixed.test", 80, frozenset())


def test_r3_connection_goes_to_the_address_that_was_checked(monkeypatch, fault_server):
    # First answer loopback (allow-listed for this name), every later answer a private
    # address: re-resolving at connect time would be a rebinding hole. The backend must resolve
    # the name once and hand the socket layer the checked IP itself.
    asked = fake_dns(monkeypatch, {"pinned.test": [["127.0.0.1"], ["10.9.9.9"]]})
    backend = _GuardedBackend(frozenset({f"pinned.test:{fault_server.port}"}))
    stream = backend.connect_tcp("pinned.test", fault_server.port, timeout=1.0)
    try:
        sock = stream.get_extra_info("socket")
        assert sock.getpeername()[0] == "127.0.0.1"
    finally:
        stream.close()
    assert asked.count("pinned.test") == 1


def test_unresolvable_name_is_a_connect_error(fetcher, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    assert fail(fetcher, "http://no-such-host.test/").error_class == "connect_error"
    with pytest.raises(httpcore.ConnectError):
        resolve_public("no-such-host.test", 80, frozenset())


# -- the guard's rules as tables ---------------------------------------------------------------

@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True),
    ("151.101.0.81", True),
    ("2606:4700::6810:85e5", True),
    ("127.0.0.1", False),
    ("10.0.0.1", False),
    ("172.16.5.4", False),
    ("192.168.0.1", False),
    ("169.254.169.254", False),
    ("100.64.0.1", False),        # carrier-grade NAT
    ("0.0.0.0", False),
    ("224.0.0.1", False),         # multicast
    ("255.255.255.255", False),
    ("::1", False),
    ("::", False),
    ("fe80::1%eth0", False),      # link-local with a zone id
    ("fc00::1", False),           # unique local
    ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
    ("::ffff:10.0.0.1", False),
    ("not-an-ip", False),
])
def test_is_public_address(address, public):
    assert is_public_address(address) is public


@pytest.mark.parametrize("url, expected", [
    ("https://ico.org.uk/action-weve-taken/enforcement/",
     "https://ico.org.uk/action-weve-taken/enforcement/"),
    ("HTTPS://ICO.org.uk/a?b=1#section", "https://ico.org.uk/a?b=1"),
    ("http://user:pass@example.org/x", "http://example.org/x"),
])
def test_check_url_normalises(url, expected):
    assert str(check_url(url)) == expected


def test_allow_list_entries_must_name_a_port(tmp_path):
    with pytest.raises(ValueError):
        Fetcher(archive=RawArchive(tmp_path), allow_private_hosts={"127.0.0.1"})
