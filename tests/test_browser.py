"""What a journalist sees: headless Chromium against the real Datasette serving the demo database.

Driven with Selenium through the system chromium and chromedriver (Debian packages `chromium`
and `chromium-driver`, which `make test` installs when missing); CHROMIUM_BINARY and
CHROMEDRIVER_BINARY point elsewhere (CI uses the runner's Chrome). The driver path is always
given, so Selenium Manager never downloads anything. Screenshots go to test-artifacts/.

Without a browser these tests are skipped locally, and fail in CI (CI=true), where a missing
browser is a broken set-up rather than a choice.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import urllib.parse
from pathlib import Path

import feedparser
import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_BINARY") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BINARY") or "/usr/bin/chromedriver"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BROWSER_FOUND = Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()
MISSING = (f"headless browser not found (chromium at {CHROMIUM}, chromedriver at {CHROMEDRIVER}): "
           "install the Debian packages chromium and chromium-driver (`make test` does, as root), "
           "or set CHROMIUM_BINARY and CHROMEDRIVER_BINARY")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not BROWSER_FOUND and not IN_CI, reason=MISSING),
]

WAIT_SECONDS = 20
# Every payload, if it ever ran, would set window.__xss: the tests look for that, and for alerts.
HOSTILE_TITLE = '<script>window.__xss = 1; alert("title")</script>Hostile <b>title</b>'
HOSTILE_IMG = '<img src=x onerror="window.__xss = 2; alert(2)">'
HOSTILE_SVG = '<svg onload="window.__xss = 3; alert(3)"></svg>Hostile sector'
HOSTILE_LINK = 'javascript:window.__xss=4;alert(4)'
HOSTILE_CASE = "zz-hostile-case"


@pytest.fixture(scope="module")
def browser():
    if not BROWSER_FOUND:
        pytest.fail(MISSING)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="em-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--disable-default-apps", "--disable-extensions",
                     "--window-size=1280,1600", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait(driver, condition, seconds: float = WAIT_SECONDS):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def screenshot(driver, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def assert_no_script_ran(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"an alert opened: {text!r}")
    except NoAlertPresentException:
        pass
    assert driver.execute_script("return window.__xss === undefined"), "an injected script ran"


def test_home_page_introduces_the_site(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/"))
    assert "Enforcement Monitor" in browser.title
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Open Government Licence v3.0" in body
    assert "Information Commissioner" in body
    assert browser.find_elements(By.CSS_SELECTOR, "a[href='/enforcement']")
    screenshot(browser, "home")


def test_searching_for_advanced_finds_the_case(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/enforcement/cases"))
    box = browser.find_element(By.CSS_SELECTOR, "input#_search")
    box.send_keys("Advanced")
    box.submit()
    wait(browser, lambda d: "_search=Advanced" in d.current_url)
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td")]
    assert any(text.startswith("Advanced Computer Software Group") for text in cells), cells[:20]
    screenshot(browser, "search-advanced")


def test_case_page_leads_to_every_article(browser, demo_db, datasette_server):
    from selenium.webdriver.common.by import By

    with sqlite3.connect(demo_db) as conn:
        case_id, documents = conn.execute(
            "select c.id, count(*) from cases c join case_documents cd on cd.case_id = c.id"
            " where c.organisation like 'Advanced Computer Software%' group by c.id"
            " order by c.amount_gbp desc limit 1").fetchone()
    conn.close()
    browser.get(datasette_server.url("/enforcement/cases/" + urllib.parse.quote(case_id, safe="")))
    browser.find_element(By.LINK_TEXT, "every article and notice").click()
    wait(browser, lambda d: "/case_coverage" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert len(rows) == documents
    screenshot(browser, "case-coverage")


def test_canned_query_renders_rows(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/enforcement/provisional_vs_final"))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert rows, "the query shows rows"
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns th")]
    assert "change_gbp" in headers and "provisional_amount_gbp" in headers
    assert "Provisional vs final fines" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, "canned-query")


def test_atom_feed_link_is_offered_and_parses(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/enforcement/new_cases_feed"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a")
             if ".atom" in (a.get_attribute("href") or "")]
    assert links, "the query page offers its Atom feed"
    path = urllib.parse.urlsplit(links[0])
    status, _, body = datasette_server.get(path.path + (f"?{path.query}" if path.query else ""))
    assert status == 200
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries and all(entry.title for entry in feed.entries)


def test_chart_page_draws_svg_bars(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/charts"))
    wait(browser, lambda d: d.execute_script("return document.body.dataset.chartsReady") == "true")
    per_year = datasette_server.get_json("/enforcement/chart_fines_per_year.json?_shape=array")
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart-fines-per-year svg rect.bar")
    assert len(bars) == len(per_year) > 0
    widths = [float(bar.get_attribute("width")) for bar in bars]
    largest = max(range(len(per_year)), key=lambda i: per_year[i]["total_gbp"] or 0)
    assert widths[largest] == max(widths)
    for chart in ("chart-fines-by-sector", "chart-cases-by-failure"):
        assert browser.find_elements(By.CSS_SELECTOR, f"#{chart} svg rect.bar"), chart
    assert not browser.find_elements(By.CSS_SELECTOR, ".status.error")
    screenshot(browser, "charts")


@pytest.fixture(scope="module")
def hostile_server(demo_db, start_datasette, tmp_path_factory):
    """Datasette on a copy of the demo database with hostile scraped content added."""
    db_path = tmp_path_factory.mktemp("hostile") / "enforcement.db"
    shutil.copyfile(demo_db, db_path)
    conn = sqlite3.connect(db_path)
    with conn:
        now = "2026-11-23T02:17:00Z"
        document_id = conn.execute(
            "insert into documents (url, source, kind, title, outlet, published, fetched_at, first_seen,"
            " last_seen, content_sha256, summary, text) values (?, 'hostile', 'article', ?, ?, '2026-11-20',"
            " ?, ?, ?, ?, ?, ?)",
            ("https://hostile.example/article", HOSTILE_TITLE, HOSTILE_IMG, now, now, now, "0" * 64,
             HOSTILE_SVG, f"Hostile zzhostile text {HOSTILE_IMG} {HOSTILE_TITLE} {HOSTILE_LINK}"),
        ).lastrowid
        conn.execute(
            "insert into cases (id, organisation, action_type, status, amount_gbp, action_date, year, sector,"
            " summary, ico_url, document_count, first_seen, updated_at) values"
            " (?, ?, 'monetary_penalty', 'final', 123456, '2026-11-20', 2026, ?, ?, ?, 1, ?, ?)",
            (HOSTILE_CASE, HOSTILE_TITLE, HOSTILE_SVG, f"zzhostile {HOSTILE_IMG}", HOSTILE_LINK, now, now),
        )
        conn.execute("insert into case_documents (case_id, document_id, role, linked_at) values (?, ?, 'coverage', ?)",
                     (HOSTILE_CASE, document_id, now))
        conn.execute("insert into evidence (case_id, document_id, field, value, sentence) values (?, ?, 'amount_gbp', ?, ?)",
                     (HOSTILE_CASE, document_id, HOSTILE_IMG, HOSTILE_TITLE))
    conn.close()
    return start_datasette(db_path), document_id


def hostile_pages(document_id: int) -> list[str]:
    case = urllib.parse.quote(HOSTILE_CASE)
    return [
        f"/enforcement/documents/{document_id}",
        f"/enforcement/cases/{case}",
        "/enforcement/cases?_search=zzhostile",
        "/enforcement/documents?_sort_desc=id",
        "/enforcement/search?q=zzhostile",
        f"/enforcement/case_evidence?case_id={case}",
        "/enforcement/latest_actions",
        "/charts",
    ]


def test_hostile_content_is_shown_as_text_and_never_runs(browser, hostile_server):
    from selenium.webdriver.common.by import By

    server, document_id = hostile_server
    for number, path in enumerate(hostile_pages(document_id)):
        browser.get(server.url(path))
        if path == "/charts":
            wait(browser, lambda d: d.execute_script("return document.body.dataset.chartsReady") == "true")
            labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#chart-fines-by-sector svg text.label")]
            assert any("<svg" in label for label in labels), labels
        assert_no_script_ran(browser)
        page_text = browser.find_element(By.TAG_NAME, "body").text
        assert "<script>" in page_text or "<img" in page_text or "<svg" in page_text, path
        # No element the payload would have created, and no javascript: link anywhere.
        assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x'], svg[onload], img[onerror]"), path
        assert not [a for a in browser.find_elements(By.CSS_SELECTOR, "a")
                    if (a.get_attribute("href") or "").strip().lower().startswith("javascript:")], path
        assert not [s for s in browser.find_elements(By.TAG_NAME, "script")
                    if "__xss" in (s.get_attribute("innerHTML") or "")], path
        screenshot(browser, f"hostile-{number}")


def test_hostile_content_is_escaped_in_the_html(hostile_server):
    server, document_id = hostile_server
    _, _, body = server.get(f"/enforcement/documents/{document_id}")
    html = body.decode()
    assert "&lt;script&gt;window.__xss" in html
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    status, _, feed_body = server.get("/enforcement/new_cases_feed.atom")
    assert status == 200
    entries = [e for e in feedparser.parse(feed_body).entries if e.id.endswith(HOSTILE_CASE)]
    assert entries and entries[0].link.startswith("https://"), "a javascript: link never goes out"
    assert "<script>" in entries[0].title, "the title is text, escaped by the feed, read back intact"
