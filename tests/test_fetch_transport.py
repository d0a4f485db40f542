"""Transport, HTTP-status and size faults (RELIABILITY.md tables T and S) against a real
loopback server that misbehaves on purpose. Each test names the fault, asserts the error class
the run summary will show, and where it matters what the server saw (hits, bytes sent)."""
from __future__ import annotations

import hashlib
import json
import logging
import time
import tracemalloc
from dataclasses import replace

import pytest

from pipeline.fetch import DEFAULT_USER_AGENT, Fetcher, FetchError, FetchLimits, RawArchive
from tests.faultserver import FullBacklogListener, closed_port, gzip_bomb

MIB = 1024 * 1024
# Small bounds so every fault shows up in well under a second.
FAST = FetchLimits(connect_timeout=0.5, read_timeout=0.5, deadline=1.0, backoff_seconds=0.01,
                   max_bytes=1 * MIB)


@pytest.fixture
def fetcher(tmp_path, fault_server):
    with Fetcher(archive=RawArchive(tmp_path / "raw"), limits=FAST,
                 allow_private_hosts={fault_server.host_port}) as f:
        yield f


def fail(fetcher: Fetcher, url: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, delay_seconds=0, **kwargs)
    return caught.value


def test_healthy_page(fetcher, fault_server, tmp_path):
    r = fetcher.get(fault_server.url("/page"), delay_seconds=0)
    assert r.status == 200
    assert b"A healthy page." in r.body
    assert r.headers["content-type"] == "text/html; charset=utf-8"   # lower-case keys
    assert r.content_type == "text/html"
    assert r.sha256 == hashlib.sha256(r.body).hexdigest()
    assert r.url == r.final_url == fault_server.url("/page")
    assert r.attempts == 1 and not r.not_modified and not r.unchanged
    assert r.fetched_at.endswith("Z")


def test_user_agent_is_named_with_a_contact_url(fetcher, fault_server):
    fetcher.get(fault_server.url("/page"), delay_seconds=0)
    agents = {r.headers["user-agent"] for r in fault_server.requests}
    assert agents == {DEFAULT_USER_AGENT}          # robots.txt and the page alike
    assert DEFAULT_USER_AGENT.startswith("enforcement-monitor/")
    assert "(+https://github.com/enforcement-monitor/enforcement-monitor)" in DEFAULT_USER_AGENT


def test_user_agent_can_be_overridden(tmp_path, fault_server):
    with Fetcher(archive=RawArchive(tmp_path), limits=FAST, user_agent="other-bot/1.0",
                 allow_private_hosts={fault_server.host_port}) as f:
        echoed = json.loads(f.get(fault_server.url("/echo"), delay_seconds=0).body)
    assert echoed["headers"]["user-agent"] == "other-bot/1.0"


def test_t1_connection_refused_is_retried_then_connect_error(tmp_path, caplog):
    port = closed_port()
    with Fetcher(archive=RawArchive(tmp_path), limits=FAST,
                 allow_private_hosts={f"127.0.0.1:{port}"}) as f:
        with caplog.at_level(logging.WARNING, logger="pipeline.fetch.client"):
            err = fail(f, f"http://127.0.0.1:{port}/x")
    assert err.error_class == "connect_error"
    assert err.status is None
    retries = [r for r in caplog.records if "retry" in r.getMessage()]
    assert len(retries) == 2                       # 2 retries = 3 attempts


def test_t2_connect_hang_is_connect_timeout(tmp_path):
    with FullBacklogListener() as hang:
        with Fetcher(archive=RawArchive(tmp_path), limits=replace(FAST, connect_timeout=0.2),
                     allow_private_hosts={f"127.0.0.1:{hang.port}"}) as f:
            err = fail(f, f"http://127.0.0.1:{hang.port}/x")
    assert err.error_class == "connect_timeout"        # robots.txt and 3 attempts, all hung


def test_t3_headers_never_sent_is_read_timeout(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/hang"))
    assert err.error_class == "read_timeout"
    assert fault_server.hits("/hang") == 3         # a read timeout is worth retrying


def test_t4_slow_drip_is_stopped_by_the_wall_clock_deadline(fetcher, fault_server):
    # One byte every 0.1 s never trips the 0.5 s read timeout: only the deadline can stop it.
    err = fail(fetcher, fault_server.url("/slow-drip?interval=0.1"))
    assert err.error_class == "deadline_exceeded"
    assert err.status == 200
    assert fault_server.hits("/slow-drip") == 1    # not retried: it would drip again
    assert 0 < fault_server.bytes_sent["/slow-drip"] < 1000


def test_t4_header_drip_is_stopped_by_the_wall_clock_deadline(fetcher, fault_server):
    """Issue 14 #3: a status line, then one header byte every 0.2 s (under the 0.5 s read
    timeout) must be cut off at the deadline, not waited on for ever."""
    def header_drip(h, q):
        h.send_bytes(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100000):
            if h.server.fault.stopping.wait(0.2):
                break
            h.send_bytes(b"X")
        h.hard_close()

    fault_server.route("/header-drip", header_drip)
    started = time.monotonic()
    err = fail(fetcher, fault_server.url("/header-drip"))
    assert err.error_class == "deadline_exceeded"
    assert "response head" in err.message
    assert time.monotonic() - started < 3 * FAST.deadline
    assert fault_server.hits("/header-drip") == 1    # not retried: it would drip again


def test_t5_content_length_larger_than_body_is_incomplete_not_a_short_page(
        fetcher, fault_server, tmp_path):
    err = fail(fetcher, fault_server.url("/short-body"))
    assert err.error_class == "incomplete_body"
    assert fault_server.hits("/short-body") == 3
    assert not list((tmp_path / "raw").rglob("*.gz"))   # nothing archived


def test_t6_broken_chunking_is_incomplete(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/broken-chunked"))
    assert err.error_class == "incomplete_body"


def test_t7_reset_mid_body_is_retried_then_connection_reset(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/reset"))
    assert err.error_class == "connection_reset"
    assert fault_server.hits("/reset") == 3


def test_t8_garbage_instead_of_http_is_protocol_error(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/garbage"))
    assert err.error_class == "protocol_error"
    assert fault_server.hits("/garbage") == 1


def test_t9_429_with_small_retry_after_waits_then_succeeds(fetcher, fault_server):
    path = "/flaky?status=429&times=1&retry_after=1"
    r = fetcher.get(fault_server.url(path), delay_seconds=0)
    assert r.status == 200 and r.attempts == 2
    first, second = fault_server.arrivals("/flaky")
    assert second - first >= 0.95                  # Retry-After: 1 honoured


def test_t9_429_with_huge_retry_after_gives_up_at_once(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/status/429?retry_after=86400"))
    assert err.error_class == "rate_limited"
    assert err.status == 429
    assert "next run" in str(err)
    assert fault_server.hits("/status/429") == 1


def test_retry_after_as_http_date_beyond_the_limit(fetcher, fault_server):
    far_future = "Fri,%2031%20Dec%202100%2023:59:59%20GMT"
    err = fail(fetcher, fault_server.url(f"/status/503?retry_after={far_future}"))
    assert err.error_class == "rate_limited"
    assert fault_server.hits("/status/503") == 1


def test_429_without_retry_after_backs_off_then_rate_limited(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/status/429"))
    assert err.error_class == "rate_limited"
    assert fault_server.hits("/status/429") == 3


def test_t10_persistent_503_three_attempts_then_http_5xx(fetcher, fault_server, tmp_path):
    err = fail(fetcher, fault_server.url("/status/503"))
    assert err.error_class == "http_5xx"
    assert err.status == 503
    assert "3 attempts" in str(err)
    assert fault_server.hits("/status/503") == 3
    assert not list((tmp_path / "raw").rglob("*.gz"))   # error pages are not data


def test_t11_503_then_200_succeeds_on_the_second_attempt(fetcher, fault_server):
    r = fetcher.get(fault_server.url("/flaky?status=503&times=1"), delay_seconds=0)
    assert r.status == 200 and r.attempts == 2
    assert b"recovered" in r.body


@pytest.mark.parametrize("code", [404, 410, 403])
def test_t12_4xx_is_not_retried(fetcher, fault_server, code):
    err = fail(fetcher, fault_server.url(f"/status/{code}"))
    assert err.error_class == "http_4xx"
    assert err.status == code
    assert fault_server.hits(f"/status/{code}") == 1


def test_error_is_one_readable_line(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/status/404"))
    text = str(err)
    assert "\n" not in text
    assert text.startswith("http_4xx: ")
    assert fault_server.url("/status/404") in text
    assert (err.error_class, err.url, err.status) == (
        "http_4xx", fault_server.url("/status/404"), 404)


def test_s1_honest_huge_content_length_rejected_before_reading(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/huge-length"))
    assert err.error_class == "too_large"
    assert "Content-Length" in err.message
    assert fault_server.hits("/huge-length") == 1
    # The server could only push what the socket buffers took before we hung up.
    assert fault_server.bytes_sent["/huge-length"] < 32 * MIB


def test_s2_endless_chunked_body_stops_at_the_cap(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/endless-chunked"))
    assert err.error_class == "too_large"
    assert fault_server.bytes_sent["/endless-chunked"] < 64 * MIB


def test_s3_gzip_bomb_trips_the_decoded_cap_with_bounded_memory(fetcher, fault_server):
    gzip_bomb()                                    # build the server's payload outside the trace
    tracemalloc.start()
    try:
        err = fail(fetcher, fault_server.url("/gzip-bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.error_class == "too_large"
    assert "decoded" in err.message
    assert peak < 16 * MIB                         # the bomb inflates to 100 MiB


def test_gzip_body_is_decoded(fetcher, fault_server):
    r = fetcher.get(fault_server.url("/gzip-page"), delay_seconds=0)
    assert r.body.decode("utf-8") == "<p>compressed £ page</p>"
    assert fault_server.requests_to("/gzip-page")[0].headers["accept-encoding"] == "gzip, deflate"


def test_s4_wrong_content_encoding_is_decode_error(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/wrong-encoding"))
    assert err.error_class == "decode_error"


def test_max_bytes_per_call_overrides_the_default(fetcher, fault_server):
    err = fail(fetcher, fault_server.url("/page"), max_bytes=10)
    assert err.error_class == "too_large"


def test_post_json_sends_json_and_archives_the_reply(fetcher, fault_server):
    r = fetcher.post_json(fault_server.url("/echo"), {"rootPageId": 17222, "pageNumber": 1},
                          delay_seconds=0)
    echoed = json.loads(r.body)
    assert echoed["method"] == "POST"
    assert json.loads(echoed["body"]) == {"rootPageId": 17222, "pageNumber": 1}
    assert echoed["headers"]["content-type"] == "application/json"
    assert echoed["headers"]["accept"] == "application/json"
    assert fetcher.archive.get(r.sha256) == r.body
    assert fetcher.take_state_updates() == []      # no validators for a search


def test_post_json_is_retried_like_get(fetcher, fault_server):
    r = fetcher.post_json(fault_server.url("/flaky?status=502&times=2"), {}, delay_seconds=0)
    assert r.attempts == 3
    assert [q.method for q in fault_server.requests_to("/flaky")] == ["POST"] * 3
