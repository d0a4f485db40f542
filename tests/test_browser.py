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
import urllib.error
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
# What the issue measured on: a common laptop screen. "In sight" means within the first screen or
# one scroll: the element's top is less than two screen heights down the page.
SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 900
IN_SIGHT = 2 * (SCREEN_HEIGHT - 140)   # the browser's own bars take ~140 px of the window
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
                     "--window-size=1366,900", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    driver.set_window_size(SCREEN_WIDTH, SCREEN_HEIGHT)
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
    assert "Information Commissioner" in body or "ICO" in body
    assert browser.find_elements(By.CSS_SELECTOR, "a[href='/enforcement']")
    screenshot(browser, "home")


# --- the journalist's tasks, each from the home page in at most three clicks ------------------------

def top(driver, element) -> float:
    """How far down the page `element` starts, in CSS pixels."""
    return driver.execute_script("return arguments[0].getBoundingClientRect().top + window.scrollY", element)


def assert_in_sight(driver, element, what: str) -> None:
    assert element.is_displayed(), f"{what} is not visible"
    assert top(driver, element) < IN_SIGHT, f"{what} is {top(driver, element):.0f} px down the page"


def no_sideways_scrolling(driver) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def search_from_home(driver, server, words: str) -> None:
    """Home page → type into the one search box → results (one click: the submit)."""
    from selenium.webdriver.common.by import By

    driver.get(server.url("/"))
    box = driver.find_element(By.CSS_SELECTOR, "form.home-search input[type=search]")
    assert_in_sight(driver, box, "the home search box")
    box.send_keys(words)
    driver.find_element(By.CSS_SELECTOR, "form.home-search input[type=submit]").click()
    wait(driver, lambda d: "/search" in d.current_url and "q=" in d.current_url)


def result_case_links(driver) -> dict[str, object]:
    from selenium.webdriver.common.by import By

    return {link.text.replace("\n", ""): link for link in driver.find_elements(
        By.CSS_SELECTOR, "table.rows-and-columns td.col-case_id a")}


def test_task_advanced_provisional_and_final_figures(browser, datasette_server):
    from selenium.webdriver.common.by import By

    search_from_home(browser, datasette_server, "Advanced")                       # click 1
    links = result_case_links(browser)
    case_id = next(text for text in links if text.startswith("advanced-computer-software"))
    assert_in_sight(browser, links[case_id], "the Advanced case in the results")
    links[case_id].click()                                                          # click 2
    wait(browser, lambda d: "/enforcement/cases/" in d.current_url)
    heading = browser.find_element(By.CSS_SELECTOR, ".fact-sheet h1")
    assert heading.text.startswith("Advanced Computer Software Group")
    assert "£3,076,320" in browser.find_element(By.CSS_SELECTOR, ".fact-sheet .headline").text
    rows = browser.find_elements(By.CSS_SELECTOR, ".fact-sheet table.timeline tbody tr")
    stages = [row.find_element(By.CSS_SELECTOR, "td").text for row in rows]
    provisional = rows[stages.index("provisional")]
    final = rows[stages.index("final")]
    assert stages.index("provisional") < stages.index("final"), "provisional comes before final"
    for row, amount in ((provisional, "£6,090,000"), (final, "£3,076,320")):
        cells = [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "td")]
        assert cells[2] == amount, cells
        assert cells[1][:4].isdigit(), f"a date: {cells}"
        assert row.find_elements(By.CSS_SELECTOR, "td:nth-child(4) a"), f"a linked source: {cells}"
        assert len(cells[4]) > 20, f"the sentence: {cells}"
        assert_in_sight(browser, row, f"the {amount} figure")
    assert no_sideways_scrolling(browser), "the fact sheet fits 1366 px"
    browser.find_element(By.CSS_SELECTOR, "details.raw-row summary").click()       # the raw row, one click
    assert browser.find_element(By.CSS_SELECTOR, "details.raw-row table.rows-and-columns").is_displayed()
    browser.execute_script("window.scrollTo(0, 0)")
    screenshot(browser, "task-advanced-fact-sheet")


def test_task_ten_largest_fines_with_failures(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/"))
    browser.find_element(By.LINK_TEXT, "Largest fines").click()                     # click 1
    wait(browser, lambda d: "/largest_fines" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert len(rows) >= 10
    for row in rows[:10]:
        assert_in_sight(browser, row, "one of the ten largest fines")
    amounts = [row.find_element(By.CSS_SELECTOR, "td.col-amount_gbp").text for row in rows[:10]]
    assert all(amount.startswith("£") for amount in amounts), amounts
    values = [int(amount.strip("£").replace(",", "")) for amount in amounts]
    assert values == sorted(values, reverse=True)
    failures = [row.find_element(By.CSS_SELECTOR, "td.col-failures_named").text for row in rows[:10]]
    assert "No multi-factor authentication" in " ".join(failures), failures
    screenshot(browser, "task-largest-fines")


def test_task_the_nhs_cases(browser, datasette_server):
    search_from_home(browser, datasette_server, "NHS")                              # click 1
    links = result_case_links(browser)
    nhs = [text for text in links if text.startswith("advanced-computer-software")]
    assert nhs, list(links)
    assert_in_sight(browser, links[nhs[0]], "the NHS case")
    from selenium.webdriver.common.by import By
    marks = browser.find_elements(By.CSS_SELECTOR, "td.col-matched mark")
    assert marks and marks[0].text.upper() == "NHS"
    assert "**" not in browser.find_element(By.TAG_NAME, "body").text
    screenshot(browser, "task-nhs")


def test_task_ransom_prefix_finds_the_ransomware_cases(browser, datasette_server, demo_db):
    search_from_home(browser, datasette_server, "ransom*")                          # click 1
    found = set(result_case_links(browser))
    with sqlite3.connect(demo_db) as conn:
        expected = {row[0] for row in conn.execute(
            "select distinct cd.case_id from documents_fts join documents d on d.rowid = documents_fts.rowid"
            " join case_documents cd on cd.document_id = d.id where documents_fts match 'ransomware'")}
    conn.close()
    assert expected and expected <= found, (expected, found)
    screenshot(browser, "task-ransom")


def test_task_atom_feed_for_fines_over_100k(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/"))
    inputs = {field.get_attribute("aria-label"): field for field in
              browser.find_elements(By.CSS_SELECTOR, ".home-feeds input.feed-url")}
    field = next(field for label, field in inputs.items() if label.startswith("Fines over"))
    assert_in_sight(browser, field, "the fines feed address")
    url = field.get_attribute("value")
    assert urllib.parse.unquote(urllib.parse.urlsplit(url).query) == "over=£100,000"
    split = urllib.parse.urlsplit(url)
    status, headers, body = datasette_server.get(f"{split.path}?{split.query}")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo and feed.version == "atom10", feed.get("bozo_exception")
    assert feed.feed.author and feed.entries
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated and entry.link.startswith(datasette_server.base_url)
        amount = int(entry.title.rsplit("£", 1)[1].replace(",", ""))
        assert amount >= 100_000, entry.title
    screenshot(browser, "task-feeds")


def test_task_csv_for_excel_starts_with_a_bom(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/"))
    browser.find_element(By.LINK_TEXT, "Largest fines").click()                     # click 1
    wait(browser, lambda d: "/largest_fines" in d.current_url)
    link = browser.find_element(By.LINK_TEXT, "Download CSV for Excel")
    assert_in_sight(browser, link, "the CSV-for-Excel link")
    split = urllib.parse.urlsplit(link.get_attribute("href"))
    status, _, body = datasette_server.get(f"{split.path}?{split.query}")
    assert status == 200 and body.startswith("\ufeff".encode("utf-8") + b"case_id,")
    assert "No multi-factor authentication" in body.decode("utf-8-sig")


def test_column_notes_are_folded_and_the_rows_come_first(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/enforcement/cases"))
    assert not browser.find_element(By.CSS_SELECTOR, "details.about-columns dl").is_displayed()
    first_row = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert_in_sight(browser, first_row, "the first case")
    screenshot(browser, "cases-table")


def test_canned_query_inputs_and_results_come_first(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/enforcement/provisional_vs_final"))
    assert not browser.find_elements(By.CSS_SELECTOR, "textarea#sql-editor, pre#sql-query")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert rows
    assert_in_sight(browser, rows[0], "the first result")
    assert "Provisional vs final fines" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, "canned-query")


def test_chart_page_draws_svg_bars(browser, datasette_server):
    from selenium.webdriver.common.by import By

    browser.get(datasette_server.url("/charts"))
    wait(browser, lambda d: d.execute_script("return document.body.dataset.chartsReady") == "true")
    per_year = datasette_server.get_json("/enforcement/chart_fines_per_year.json?_shape=array")
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart-fines-per-year svg rect.bar")
    assert len(bars) == len(per_year) > 0
    years = [int(row["label"]) for row in per_year]
    assert years == list(range(years[0], years[-1] + 1)), "every year, none skipped"
    widths = [float(bar.get_attribute("width")) for bar in bars]
    largest = max(range(len(per_year)), key=lambda i: per_year[i]["total_gbp"] or 0)
    assert widths[largest] == max(widths)
    values = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#chart-fines-per-year svg text.value")]
    assert "£0" not in [value.split(" ")[0] for value in values if value.startswith("£0 (1")], values
    for chart in ("chart-fines-by-sector", "chart-cases-by-failure"):
        assert browser.find_elements(By.CSS_SELECTOR, f"#{chart} svg rect.bar"), chart
    assert not browser.find_elements(By.CSS_SELECTOR, ".status.error")
    assert no_sideways_scrolling(browser)
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
        "/enforcement/search_documents?q=zzhostile",
        "/enforcement/largest_fines",
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
    status, _, feed_body = server.get("/feeds/new-actions.atom")
    assert status == 200
    entries = [e for e in feedparser.parse(feed_body).entries if e.id.endswith(HOSTILE_CASE)]
    # Entries link to the case page here, never to the stored (hostile) URL.
    assert entries and entries[0].link == server.url(f"/enforcement/cases/{HOSTILE_CASE}")
    assert "javascript:" not in feed_body.decode()
    assert "<script>" in entries[0].title, "the title is text, escaped by the feed, read back intact"


# --- the demo command keeps its sources alive -------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served_demo(tmp_path_factory):
    """`enforcement-monitor demo --port P --mirror-port M` as a person runs it, until the module ends."""
    import subprocess
    import sys
    import time
    import urllib.request

    folder = tmp_path_factory.mktemp("served-demo")
    port, mirror_port = _free_port(), _free_port()
    log = (folder / "demo.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "demo", "--db", str(folder / "enforcement.db"),
         "--port", str(port), "--mirror-port", str(mirror_port)],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    site = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(site + "/-/versions.json", timeout=5):
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the demo did not start serving:\n" + (folder / "demo.log").read_text())
    yield site, f"http://127.0.0.1:{mirror_port}", folder / "enforcement.db"
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def test_task_every_source_link_on_the_demo_site_answers(browser, served_demo):
    import re
    import urllib.request

    from selenium.webdriver.common.by import By

    site, mirror, db_path = served_demo
    with sqlite3.connect(db_path) as conn:
        case_ids = [row[0] for row in conn.execute("select id from cases order by id")]
        document_ids = [row[0] for row in conn.execute("select id from documents order by id")]
    conn.close()
    pages = [f"/enforcement/cases/{urllib.parse.quote(case_id)}" for case_id in case_ids]
    pages += [f"/enforcement/documents/{document_id}" for document_id in document_ids]
    source_links: set[str] = set()
    for page in pages:
        with urllib.request.urlopen(site + page, timeout=30) as response:
            html = response.read().decode()
        source_links |= {link.replace("&amp;", "&") for link in re.findall(r'href="(http://127\.0\.0\.1:\d+/[^"]*)"', html)
                         if not link.startswith(site)}
    assert len(source_links) >= len(document_ids) // 2, "the pages link to their sources"
    broken = []
    for link in sorted(source_links):
        assert link.startswith(mirror), link
        try:
            with urllib.request.urlopen(link, timeout=30) as response:
                if response.status != 200:
                    broken.append((link, response.status))
        except urllib.error.HTTPError as error:
            broken.append((link, error.code))
    assert not broken, broken
    # And in the browser: from the home page, a case, then one of its sources opens.
    browser.get(site + "/")
    browser.find_element(By.LINK_TEXT, "Latest actions").click()                    # click 1
    wait(browser, lambda d: "/latest_actions" in d.current_url)
    browser.find_element(By.CSS_SELECTOR, "td.col-case_id a").click()              # click 2
    wait(browser, lambda d: "/enforcement/cases/" in d.current_url)
    source = browser.find_element(By.CSS_SELECTOR, ".fact-sheet table.documents a[href^='http']")
    href = source.get_attribute("href")
    source.click()                                                                  # click 3
    wait(browser, lambda d: d.current_url.startswith(mirror))
    assert "404" not in browser.title and "not found" not in browser.page_source.lower()[:2000], href
    screenshot(browser, "task-source-link")
