"""Politeness and incrementality: robots.txt, Crawl-delay, per-host delay, conditional GET,
body-hash comparison, validators handed back (never saved by the fetcher), archive first.

Delays are measured where they matter: as gaps between request arrivals at the server."""
from __future__ import annotations

import gzip
import hashlib

import pytest

from pipeline.fetch import Fetcher, FetchError, FetchLimits, HttpState, RawArchive
from tests.faultserver import LAST_MODIFIED

FAST = FetchLimits(connect_timeout=0.5, read_timeout=0.5, deadline=1.0, backoff_seconds=0.01)
# Arrival times are taken after the server thread parses the request, not at send: on a loaded
# machine that jitter reached ~0.05 s. The tolerance still tells a delay honoured (gaps of 0.2-0.3 s)
# from none (a few ms) and 0.3 s from a 0.1 s Crawl-delay.
TOLERANCE = 0.08


@pytest.fixture
def make_fetcher(tmp_path, fault_server):
    made: list[Fetcher] = []

    def make(**kwargs) -> Fetcher:
        kwargs.setdefault("archive", RawArchive(tmp_path / "raw"))
        kwargs.setdefault("limits", FAST)
        kwargs.setdefault("allow_private_hosts", {fault_server.host_port})
        made.append(Fetcher(**kwargs))
        return made[-1]

    yield make
    for fetcher in made:
        fetcher.close()


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:])]


# -- robots.txt ----------------------------------------------------------------------------

def test_robots_disallow_is_obeyed_and_robots_fetched_once(make_fetcher, fault_server):
    fault_server.robots_txt = "User-agent: *\nDisallow: /private\n"
    f = make_fetcher()
    with pytest.raises(FetchError) as caught:
        f.get(fault_server.url("/private/report"), delay_seconds=0)
    assert caught.value.error_class == "robots_disallowed"
    assert fault_server.hits("/private/report") == 0
    assert f.get(fault_server.url("/page"), delay_seconds=0).status == 200
    assert f.get(fault_server.url("/page?again=1"), delay_seconds=0).status == 200
    assert fault_server.hits("/robots.txt") == 1


def test_robots_group_for_our_agent_applies(make_fetcher, fault_server):
    fault_server.robots_txt = ("User-agent: enforcement-monitor\nDisallow: /\n\n"
                               "User-agent: *\nAllow: /\n")
    with pytest.raises(FetchError) as caught:
        make_fetcher().get(fault_server.url("/page"), delay_seconds=0)
    assert caught.value.error_class == "robots_disallowed"
    # Another agent is let in by the same file.
    assert make_fetcher(user_agent="otherbot/2.0").get(fault_server.url("/page"),
                                                       delay_seconds=0).status == 200


def test_robots_applies_to_post_json(make_fetcher, fault_server):
    fault_server.robots_txt = "User-agent: *\nDisallow: /echo\n"
    with pytest.raises(FetchError) as caught:
        make_fetcher().post_json(fault_server.url("/echo"), {"q": 1}, delay_seconds=0)
    assert caught.value.error_class == "robots_disallowed"
    assert fault_server.hits("/echo") == 0


def test_robots_checked_on_every_redirect_hop(make_fetcher, fault_server):
    fault_server.robots_txt = "User-agent: *\nDisallow: /echo\n"
    with pytest.raises(FetchError) as caught:
        make_fetcher().get(fault_server.url("/redirect?to=/echo"), delay_seconds=0)
    assert caught.value.error_class == "robots_disallowed"
    assert fault_server.hits("/echo") == 0


@pytest.mark.parametrize("robots_status", [404, 500])
def test_missing_or_broken_robots_allows_everything(make_fetcher, fault_server, robots_status):
    fault_server.route("/robots.txt", lambda h, q: h.reply(robots_status, b"nope"))
    assert make_fetcher().get(fault_server.url("/page"), delay_seconds=0).status == 200
    assert fault_server.hits("/robots.txt") == 1          # one attempt, no retries


def test_crawl_delay_is_honoured_between_request_starts(make_fetcher, fault_server):
    fault_server.robots_txt = "User-agent: *\nCrawl-delay: 0.3\n"
    f = make_fetcher()
    for n in range(3):
        f.get(fault_server.url(f"/page?n={n}"), delay_seconds=0)
    arrivals = fault_server.arrivals()                    # robots.txt, then 3 pages
    assert len(arrivals) == 4
    assert all(gap >= 0.3 - TOLERANCE for gap in gaps(arrivals[1:]))


def test_per_host_delay_is_honoured(make_fetcher, fault_server):
    f = make_fetcher()
    for n in range(3):
        f.get(fault_server.url(f"/page?n={n}"), delay_seconds=0.25)
    assert all(gap >= 0.25 - TOLERANCE for gap in gaps(fault_server.arrivals()))


def test_the_larger_of_delay_and_crawl_delay_wins(make_fetcher, fault_server):
    fault_server.robots_txt = "User-agent: *\nCrawl-delay: 0.1\n"
    f = make_fetcher()
    for n in range(3):
        f.get(fault_server.url(f"/page?n={n}"), delay_seconds=0.3)
    assert all(gap >= 0.3 - TOLERANCE for gap in gaps(fault_server.arrivals("/page")))


def test_huge_crawl_delay_is_capped(make_fetcher, fault_server):
    fault_server.robots_txt = "User-agent: *\nCrawl-delay: 86400\n"
    f = make_fetcher(limits=FetchLimits(connect_timeout=0.5, read_timeout=0.5, deadline=1.0,
                                        max_crawl_delay=0.2))
    f.get(fault_server.url("/page?n=1"), delay_seconds=0)
    f.get(fault_server.url("/page?n=2"), delay_seconds=0)
    first, second = fault_server.arrivals("/page")
    assert second - first >= 0.2 - TOLERANCE


def test_retries_wait_out_the_per_host_delay_too(make_fetcher, fault_server):
    make_fetcher().get(fault_server.url("/flaky?status=503&times=2"), delay_seconds=0.2)
    assert all(gap >= 0.2 - TOLERANCE for gap in gaps(fault_server.arrivals("/flaky")))


# -- conditional GET and state ------------------------------------------------------------

def test_t14_304_when_the_etag_still_matches(make_fetcher, fault_server):
    # Night 1: a plain 200 teaches us the validators...
    night1 = make_fetcher()
    first = night1.get(fault_server.url("/etag"), delay_seconds=0)
    [stored] = night1.take_state_updates()
    assert stored.etag == '"v1"' and stored.content_sha256 == first.sha256

    # ...night 2 sends them back and gets a 304.
    f = make_fetcher(known_state=lambda url: stored if url == stored.url else None)
    r = f.get(fault_server.url("/etag"), delay_seconds=0)
    second_request = fault_server.requests_to("/etag")[-1]
    assert second_request.headers["if-none-match"] == '"v1"'     # asserted server-side
    assert r.not_modified and r.status == 304 and r.body == b""
    assert r.sha256 == first.sha256          # points at the body we already archived
    [update] = f.take_state_updates()
    assert (update.url, update.etag, update.content_sha256, update.last_status) == (
        stored.url, '"v1"', first.sha256, 304)


def test_304_from_last_modified(make_fetcher, fault_server):
    stored = HttpState(url=fault_server.url("/last-modified"), last_modified=LAST_MODIFIED)
    r = make_fetcher(known_state=lambda url: stored).get(stored.url, delay_seconds=0)
    assert r.not_modified
    assert fault_server.requests_to("/last-modified")[0].headers["if-modified-since"] == \
        LAST_MODIFIED


def test_unconditional_get_sends_no_validators(make_fetcher, fault_server):
    stored = HttpState(url=fault_server.url("/etag"), etag='"v1"')
    r = make_fetcher(known_state=lambda url: stored).get(stored.url, delay_seconds=0,
                                                          conditional=False)
    assert r.status == 200 and not r.not_modified
    assert "if-none-match" not in fault_server.requests_to("/etag")[0].headers


def test_t15_lying_etag_with_a_changed_body_is_seen_as_changed(make_fetcher, fault_server):
    url = fault_server.url("/lying-etag")
    first = make_fetcher().get(url, delay_seconds=0)
    stored = HttpState(url=url, etag='"always-the-same"', content_sha256=first.sha256)
    second = make_fetcher(known_state=lambda u: stored).get(url, delay_seconds=0)
    assert second.status == 200 and not second.not_modified
    assert second.body != first.body
    assert not second.unchanged
    assert second.sha256 == hashlib.sha256(second.body).hexdigest() != first.sha256


def test_200_with_the_same_body_hash_is_unchanged(make_fetcher, fault_server):
    url = fault_server.url("/etag")
    first = make_fetcher().get(url, delay_seconds=0)
    stored = HttpState(url=url, etag='"an-old-etag"', content_sha256=first.sha256)
    again = make_fetcher(known_state=lambda u: stored).get(url, delay_seconds=0)
    assert again.status == 200 and again.unchanged and again.body == first.body


def test_state_updates_are_handed_back_not_saved(make_fetcher, fault_server):
    asked: list[str] = []

    def known_state(url: str) -> HttpState | None:
        asked.append(url)
        return None

    f = make_fetcher(known_state=known_state)
    r = f.get(fault_server.url("/etag"), delay_seconds=0)
    with pytest.raises(FetchError):
        f.get(fault_server.url("/status/404"), delay_seconds=0)
    updates = f.take_state_updates()
    assert [u.url for u in updates] == [fault_server.url("/etag")]   # failures learn nothing
    assert updates[0].etag == '"v1"' and updates[0].content_sha256 == r.sha256
    assert updates[0].last_status == 200 and updates[0].last_checked == r.fetched_at
    assert f.take_state_updates() == []               # taken once
    assert asked == [fault_server.url("/etag"), fault_server.url("/status/404")]


# -- archive first ----------------------------------------------------------------------------

def test_body_is_archived_pristine_before_it_is_returned(make_fetcher, fault_server, tmp_path):
    archive = RawArchive(tmp_path / "raw")
    seen_at_return: list[bool] = []

    class WatchingArchive(RawArchive):
        """Records, at put() time, that the caller has not got the response yet."""

        def put(self, body: bytes) -> str:
            sha = super().put(body)
            seen_at_return.append(self.has(sha))
            return sha

    f = make_fetcher(archive=WatchingArchive(archive.root))
    r = f.get(fault_server.url("/gzip-page"), delay_seconds=0)
    assert seen_at_return == [True]
    path = tmp_path / "raw" / r.sha256[:2] / r.sha256[2:4] / f"{r.sha256}.gz"
    assert gzip.decompress(path.read_bytes()) == r.body        # identical decoded bytes
    assert archive.get(r.sha256) == r.body


def test_failed_fetch_archives_nothing(make_fetcher, fault_server, tmp_path):
    f = make_fetcher()
    for path in ("/short-body", "/status/500", "/wrong-encoding"):
        with pytest.raises(FetchError):
            f.get(fault_server.url(path), delay_seconds=0)
    assert not list((tmp_path / "raw").rglob("*.gz"))
