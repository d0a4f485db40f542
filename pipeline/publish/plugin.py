"""The project's Datasette plugin: numbers as people read them, links everywhere, feeds, bounds.

Loaded by `serve` through `--plugins-dir pipeline/publish/plugins` (a one-line module that
imports these hooks), so it needs no installation step and cannot be forgotten. What it does:

- prepare_connection: the per-connection bounds of limits.py (issue: one request must not be
  able to build gigabytes) and the SQL functions `fts_query(text)` (search.py) and
  `parse_gbp(text)` (feeds.py; NULL when unreadable);
- render_cell (HTML only; JSON and CSV keep the raw values): amounts in columns named *_gbp as
  "£3,076,320", case / document / organisation ids as links to their pages, a failures list as
  the failures' names, search snippets with the matches in <mark>. Every value is escaped
  before any markup is added;
- extra_template_vars: the case fact sheet (factsheet.py) for the case page, the ready feeds
  for the home page, and the CSV-for-Excel link;
- register_routes: /feeds/<name>.atom (feeds.py);
- asgi_wrapper: anything but GET/HEAD/OPTIONS gets one-line 405 (the site is read-only, and an
  unknown POST route otherwise answered 500 with a logged traceback); `?_bom=1` on a .csv
  adds the byte-order mark Excel needs to read "£" correctly.

Set the public address used in feed links with the plugin setting `site_url` (metadata
"plugins": {"enforcement-monitor": {"site_url": ...}}) or ENFORCEMENT_MONITOR_SITE_URL; without
either, the address the request came in on is used.
"""
from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from typing import Any, Awaitable, Callable

import markupsafe
from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response

from pipeline.publish import factsheet, feeds, limits, search

PLUGIN_NAME = "enforcement-monitor"
SITE_URL_ENV = "ENFORCEMENT_MONITOR_SITE_URL"
ID_LINKS = {"case_id": "cases", "document_id": "documents", "organisation_id": "organisations"}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
BOM = "\ufeff".encode("utf-8")

# failure code -> label, per database, read once at start-up (the taxonomy is in the database).
_failure_labels: dict[str, dict[str, str]] = {}


def _parse_gbp_or_null(text: str | None) -> int | None:
    try:
        return feeds.parse_gbp(text)
    except feeds.AmountError:
        return None


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    limits.bound_connection(conn)
    conn.create_function("fts_query", 1, search.fts_query, deterministic=True)
    conn.create_function("parse_gbp", 1, _parse_gbp_or_null, deterministic=True)


@hookimpl
def startup(datasette: Any) -> Callable[[], Awaitable[None]]:
    async def load_failure_labels() -> None:
        for name, db in datasette.databases.items():
            if name == "_internal" or not await db.table_exists("failure_types"):
                continue
            results = await db.execute("select code, label from failure_types")
            _failure_labels[name] = {row["code"]: row["label"] for row in results.rows}

    return load_failure_labels


# --- cells -------------------------------------------------------------------------------------

def _is_amount_column(column: str, row: Any) -> bool:
    if column.endswith("_gbp"):
        return True
    # figure_disagreements: case_value/document_value/difference are pounds when field says so.
    if column in ("case_value", "document_value", "difference"):
        try:
            return row["field"] == "amount_gbp"
        except (IndexError, KeyError):
            return False
    return False


def _marked(text: str) -> markupsafe.Markup:
    escaped = str(markupsafe.escape(text))
    return markupsafe.Markup(escaped.replace(search.MARK_START, "<mark>").replace(search.MARK_END, "</mark>"))


def _failure_names(value: str, database: str) -> str | None:
    try:
        codes = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(codes, list):
        return None
    labels = _failure_labels.get(database, {})
    return "; ".join(labels.get(str(code), str(code)) for code in codes)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Any:
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _is_amount_column(column, row):
        return f"£{value:,.0f}"
    if isinstance(value, str) and search.MARK_START in value:
        return _marked(value)
    if column == "failures" and isinstance(value, str) and value.startswith("["):
        return _failure_names(value, database)
    if column == "topic" and isinstance(value, str) and value.startswith("["):
        try:
            return "; ".join(str(topic) for topic in json.loads(value))
        except ValueError:
            return None
    id_column = next((name for name in ID_LINKS if column == name or column.endswith("_" + name)), None)
    if id_column is not None:
        target = ID_LINKS[id_column]
        href = datasette.urls.row(database, target, tilde_encode(str(value)))
        return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
    return None


# --- pages -------------------------------------------------------------------------------------

def site_url(datasette: Any, request: Any) -> str:
    """The public address of this site, for absolute links in feeds and on the home page."""
    configured = (datasette.plugin_config(PLUGIN_NAME) or {}).get("site_url") or os.environ.get(SITE_URL_ENV)
    if configured:
        return str(configured).rstrip("/")
    if request is None:
        return ""
    return f"{request.scheme}://{request.host}"


def _with_bom(url: str) -> str:
    """The CSV address with a byte-order mark, downloaded as a file (Datasette's _dl=1)."""
    return url + ("&" if "?" in url else "?") + "_bom=1&_dl=1"


@hookimpl
def extra_template_vars(template: str, database: str | None, request: Any, datasette: Any) -> dict[str, Any]:
    async def case_fact_sheet(case_id: str) -> dict[str, Any] | None:
        return await factsheet.case_fact_sheet(datasette.get_database(database), case_id)

    base = site_url(datasette, request)
    ready_feeds = [
        {"title": title, "url": f"{base}{datasette.urls.path('/feeds/' + name + '.atom')}{example}",
         "follows": follows}
        for name, title, example, follows in feeds.FEEDS
    ]
    return {
        "case_fact_sheet": case_fact_sheet,
        "ready_feeds": ready_feeds,
        "csv_for_excel": _with_bom,
        "format_gbp": feeds.format_gbp,
        "tilde_encode": tilde_encode,
    }


# --- feeds -------------------------------------------------------------------------------------

CASE_COLUMNS = "c.id, c.organisation, c.action_type, c.status, c.amount_gbp, c.action_date, c.first_seen, c.summary"
ORDER_AND_LIMIT = f"order by coalesce(c.first_seen, c.action_date) desc, c.id limit {feeds.MAX_ENTRIES * 4}"


async def _feed_cases(db: Any, name: str, args: Any) -> tuple[str, list[dict[str, Any]]]:
    """(feed title, case rows) for feed `name`; raises AmountError or ValueError on bad input."""
    params: dict[str, Any]
    if name == "new-actions":
        sql, params, title = f"select {CASE_COLUMNS} from cases c {ORDER_AND_LIMIT}", {}, "New enforcement actions"
    elif name == "fines":
        raw = args.get("over", args.get("min_amount"))
        minimum = feeds.parse_gbp(raw, default=feeds.DEFAULT_MIN_AMOUNT)
        sql = (f"select {CASE_COLUMNS} from cases c where c.action_type = 'monetary_penalty' "
               f"and c.amount_gbp >= :minimum {ORDER_AND_LIMIT}")
        params, title = {"minimum": minimum}, f"Fines of {feeds.format_gbp(minimum)} or more"
    elif name == "search":
        term = (args.get("q") or args.get("term") or "").strip()
        if not term:
            raise ValueError("add the words to follow, e.g. ?q=NHS")
        sql = f"""select {CASE_COLUMNS} from cases c where c.id in (
                    select c2.id from cases_fts join cases c2 on c2.rowid = cases_fts.rowid
                     where cases_fts match fts_query(:term)
                    union
                    select cd.case_id from documents_fts join documents d on d.rowid = documents_fts.rowid
                      join case_documents cd on cd.document_id = d.id
                     where documents_fts match fts_query(:term))
                  {ORDER_AND_LIMIT}"""
        params, title = {"term": term}, f"Enforcement matching “{term[:80]}”"
    elif name == "organisation":
        who = (args.get("name") or args.get("id") or "").strip()
        if not who:
            raise ValueError("add the organisation, e.g. ?name=Advanced")
        sql = f"""select {CASE_COLUMNS} from cases c where c.organisation_id in (
                    select id from organisations where id = :who or lower(name) = lower(:who)
                    union select organisation_id from organisation_aliases
                     where lower(alias) = lower(:who) or normalised_alias = lower(:who))
                  {ORDER_AND_LIMIT}"""
        params, title = {"who": who}, f"Enforcement against {who[:80]}"
    else:
        raise LookupError(name)
    results = await db.execute(sql, params)
    return title, [dict(row) for row in results.rows]


async def feed_view(datasette: Any, request: Any) -> Response:
    name = request.url_vars["name"]
    db = datasette.get_database()
    base = site_url(datasette, request)
    self_url = base + request.path + (f"?{request.query_string}" if request.query_string else "")
    try:
        title, cases = await _feed_cases(db, name, request.args)
    except LookupError:
        known = ", ".join(f"/feeds/{feed[0]}.atom" for feed in feeds.FEEDS)
        return Response.text(f"No feed called {name!r}: the feeds are {known}\n", status=404)
    except ValueError as error:  # AmountError included: one entry that says what to write
        title = f"Enforcement Monitor: {name} feed needs a different parameter"
        entries = [feeds.message_entry("error", f"Cannot make this feed: {error}", str(error), base + "/")]
    else:
        entries = [feeds.case_entry(case, base, datasette.urls.row(db.name, "cases", tilde_encode(case["id"])))
                   for case in cases]
        entries.sort(key=lambda entry: (entry.updated, entry.id), reverse=True)
        entries = entries[:feeds.MAX_ENTRIES]
        if not entries:
            entries = [feeds.message_entry("nothing-yet", "Nothing matches this feed yet",
                                           "Items will appear here when the nightly refresh finds them.", base + "/")]
        title = f"Enforcement Monitor: {title}"
    body = feeds.atom_document(feed_id=f"urn:enforcement-monitor:feed:{name}:{urllib.parse.quote(request.query_string)}",
                              title=title, self_url=self_url, site_url=base + "/", entries=entries)
    return Response(body, status=200, content_type=feeds.CONTENT_TYPE)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/feeds/(?P<name>[^/]+)\.atom$", feed_view)]


# --- requests ----------------------------------------------------------------------------------

@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def wrapped(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") != "http":
                await app(scope, receive, send)
                return
            if scope.get("method", "GET").upper() not in READ_METHODS:
                await _method_not_allowed(send)
                return
            query = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if scope.get("path", "").endswith(".csv") and query.get("_bom", ["0"])[0] in ("1", "on", "true"):
                await app(scope, receive, _prepend_bom(send))
                return
            await app(scope, receive, send)

        return wrapped

    return wrap


async def _method_not_allowed(send: Any) -> None:
    body = b"This site is read-only: only GET and HEAD requests are answered.\n"
    await send({"type": "http.response.start", "status": 405,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD, OPTIONS"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _prepend_bom(send: Any) -> Any:
    state = {"started": False, "csv": False, "bom_sent": False}

    async def sending(message: dict) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            # Datasette sends CSV as text/plain unless ?_dl=1; the .csv path is what counts.
            state["csv"] = message.get("status") == 200
            if state["csv"]:
                headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                message = {**message, "headers": headers}
        elif message["type"] == "http.response.body" and state["csv"] and not state["bom_sent"]:
            state["bom_sent"] = True
            message = {**message, "body": BOM + message.get("body", b"")}
        await send(message)

    return sending
