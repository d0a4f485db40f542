"""Render tools/demo_mirror/cases.py into the offline mirror tree (pipeline/demo/mirror/).

Run it from the repository root after changing cases.py (and after make_pdfs.py, so attachment
sizes are right):

    .venv/bin/python -m tools.demo_mirror.make_pdfs
    .venv/bin/python -m tools.demo_mirror.build_mirror

A maintainer's tool, not part of the installed package; tests/test_demo_mirror.py checks that
running both reproduces the committed mirror byte for byte.

The output is committed: the demo and the tests read the rendered files through the mirror
server and never run this module. Each page copies the shape of the real page it stands for
(see pipeline/demo/README.md): the ICO's JSON search API pages (with a promoted card and a paging
hole), current-layout and pre-2024 detail pages, ICO news pages, an RSS 2.0 WordPress feed, an
Atom feed, a Google News search feed whose links redirect, and article pages wrapped in the
navigation, cookie banners, related-article lists and comments that real sites carry.
Absolute links use the `{{base_url}}` placeholder, which the server fills in.
"""
from __future__ import annotations

import json
import logging
import shutil
from datetime import datetime, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path

from pipeline.demo.mirror_server import BASE_URL_PLACEHOLDER as BASE, MIRROR_ROOT
from tools.demo_mirror.cases import (
    ARTICLES,
    ENFORCEMENT,
    FEEDS,
    NEWS,
    PROMOTED_JOBS_ROW,
    PUBLISHERS,
    EnforcementCase,
    NewsItem,
    PressArticle,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 25                       # the real API's page size
ENFORCEMENT_ROOT, NEWS_ROOT = 17222, 2816
# Page 2 of the enforcement register in `newest` order is a hole (the real API has them): its
# rows are only reachable through `oldest` order or the sitemap.
HOLE_PAGES = {ENFORCEMENT_ROOT: {"newest": {2}}}
PROMOTED_POSITION = 3                # where the /about-the-ico/jobs/ card sits on page 1
GENERATED_DIRS = ("api", "action-weve-taken", "about-the-ico", "press", "rss")
GENERATED_FILES = ("robots.txt", "sitemap.xml", "redirects.json", "index.html")


def day(value: str) -> datetime:
    """'7 August 2024' -> datetime."""
    return datetime.strptime(value, "%d %B %Y")


def iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# --------------------------------------------------------------------------------------------
# The ICO search API
# --------------------------------------------------------------------------------------------
def api_row(item: EnforcementCase | NewsItem) -> dict:
    meta = [item.date, item.type]
    if isinstance(item, EnforcementCase) and item.sector:
        meta.append(item.sector)
    return {
        "id": item.page_id,
        "title": item.title,
        "url": item.url,
        "filterItemMetaData": ", ".join(meta),
        "createdDateTime": item.created,
        "description": item.description,
    }


def search_pages(rows: list[dict], dates: list[datetime], *, promoted: dict | None,
                 holes: dict[str, set[int]]) -> dict[str, dict[int, dict]]:
    """Pages per order, as the API would answer them. Holes are simply not written."""
    total = len(rows) + (1 if promoted else 0)
    total_pages = max(1, -(-total // PAGE_SIZE))
    pagination = {"totalResults": total, "totalPages": total_pages}
    pages: dict[str, dict[int, dict]] = {}
    for order, reverse in (("newest", True), ("oldest", False)):
        ordered = [row for _, row in sorted(zip(dates, rows), key=lambda pair: pair[0], reverse=reverse)]
        if promoted:
            ordered.insert(PROMOTED_POSITION, promoted)
        pages[order] = {}
        for number in range(1, total_pages + 1):
            if number in holes.get(order, set()):
                continue
            chunk = ordered[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
            pages[order][number] = {"results": chunk, "pagination": pagination}
    return pages


# --------------------------------------------------------------------------------------------
# ICO pages
# --------------------------------------------------------------------------------------------
ICO_HEADER = """<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-banner" class="bg-neutral-100" role="region" aria-label="Cookies on ico.org.uk">
  <p>We use necessary cookies to make our site work. We would also like to set optional analytics cookies to help us improve it.</p>
  <button type="button">Accept analytics cookies</button> <button type="button">Reject analytics cookies</button>
  <a href="/global/cookies/">Cookie settings</a>
</div>
<header class="site-header">
  <a href="/" class="logo">ICO</a>
  <nav aria-label="Main"><ul>
    <li><a href="/for-the-public/">For the public</a></li>
    <li><a href="/for-organisations/">For organisations</a></li>
    <li><a href="/make-a-complaint/">Make a complaint</a></li>
    <li><a href="/action-weve-taken/">Action we've taken</a></li>
    <li><a href="/about-the-ico/">About the ICO</a></li>
  </ul></nav>
  <form action="/search/" role="search"><label for="q">Search</label><input id="q" name="q"></form>
</header>"""

ICO_FOOTER = """<footer class="site-footer">
  <nav aria-label="Footer"><ul>
    <li><a href="/global/privacy-notice/">Privacy notice</a></li>
    <li><a href="/global/cookies/">Cookies</a></li>
    <li><a href="/global/accessibility/">Accessibility</a></li>
    <li><a href="/global/copyright-and-re-use-of-materials/">Copyright</a></li>
    <li><a href="/cy/">Cymraeg</a></li>
  </ul></nav>
  <p>Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF</p>
</footer>"""


def cms_long_date(created: str) -> str:
    """DC.Date's long form, e.g. 'Wednesday, July 08, 2026'."""
    return iso(created).strftime("%A, %B %d, %Y")


def pdf_size(mirror: Path, path: str) -> int:
    file = mirror / path.lstrip("/")
    return file.stat().st_size if file.is_file() else 0


def enforcement_page(case: EnforcementCase, mirror: Path) -> str:
    if case.legacy:
        return legacy_enforcement_page(case, mirror)
    facts = [("Date", case.date), ("Type", case.type)] + ([("Sector", case.sector)] if case.sector else [])
    fact_items = "\n".join(f"      <li><span>{label}</span> <strong>{escape(value)}</strong></li>"
                           for label, value in facts)
    paragraphs = "\n".join(f"      <p>{escape(p)}</p>" for p in case.summary)
    further = []
    for a in case.attachments:
        if a.location:
            further.append(f'      <further-Reading x-href="{a.path}" x-title="{escape(a.title)}" '
                           f'x-location="{escape(a.location)}"></further-Reading>')
        else:
            further.append(f'      <further-Reading x-href="{a.path}" x-title="{escape(a.title)}" '
                           f'x-size="{pdf_size(mirror, a.path)}"></further-Reading>')
    further_block = ""
    if further:
        further_block = ('    <section aria-labelledby="further-reading" class="mt-8">\n'
                         '      <h2 id="further-reading">Further reading</h2>\n'
                         + "\n".join(further) + "\n    </section>\n")
    title = escape(case.title)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} | ICO</title>
  <meta name="DC.Title" content="{title}">
  <meta name="DC.Date" content="{cms_long_date(case.created)}">
  <meta name="DC.PageID" content="{case.page_id}">
  <meta name="description" content="{escape(case.description)}">
  <meta property="og:title" content="{title}">
  <meta property="og:url" content="{BASE}{case.url}">
  <meta property="og:description" content="{escape(case.description)}">
  <link rel="alternate" hreflang="cy" href="{BASE}/cy{case.url}">
</head>
<body>
{ICO_HEADER}
<main id="main-content" class="container">
  <nav aria-label="breadcrumb"><ul class="flex">
    <li><a href="/action-weve-taken/">Action we've taken</a></li>
    <li><a href="/action-weve-taken/enforcement/">Enforcement action</a></li>
    <li aria-current="page">{title}</li>
  </ul></nav>
  <article>
    <h1 class="text-3xl">{title}</h1>
    <ul class="text-sm text-neutral-600">
{fact_items}
    </ul>
    <div class="prose">
{paragraphs}
    </div>
{further_block}  </article>
  <aside class="feedback"><p>Was this page helpful?</p><button>Yes</button> <button>No</button></aside>
</main>
{ICO_FOOTER}
</body>
</html>
"""


def legacy_enforcement_page(case: EnforcementCase, mirror: Path) -> str:
    """The pre-2024 layout: facts in a <dl>, notices as plain links with a size label."""
    facts = [("Date", case.date), ("Type", case.type)] + ([("Sector", case.sector)] if case.sector else [])
    dl = "\n".join(f"      <dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in facts)
    paragraphs = "\n".join(f"      <p>{escape(p)}</p>" for p in case.summary)
    links = "\n".join(
        f'      <li><a href="{a.path}">{escape(a.title)}</a> <span class="filesize">PDF '
        f'({pdf_size(mirror, a.path) / 1024:.2f}K)</span></li>'
        for a in case.attachments if not a.location)
    title = escape(case.title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | ICO</title>
  <meta property="og:title" content="{title}">
  <meta name="description" content="{escape(case.description)}">
</head>
<body class="legacy">
<div id="cookieBar"><p>We use cookies on this website. <a href="/global/cookies/">Find out more</a></p></div>
<div id="header"><a href="/">Information Commissioner's Office</a>
  <ul class="nav"><li><a href="/for-the-public/">For the public</a></li><li><a href="/for-organisations/">For organisations</a></li><li><a href="/action-weve-taken/">Action we've taken</a></li></ul>
</div>
<div id="content">
  <ol class="breadcrumb"><li><a href="/action-weve-taken/">Action we've taken</a></li><li><a href="/action-weve-taken/enforcement/">Enforcement</a></li><li>{title}</li></ol>
  <div class="article-content">
    <h1>{title}</h1>
    <dl class="meta-data">
{dl}
    </dl>
    <div class="rich-text">
{paragraphs}
    </div>
    <h2>Further reading</h2>
    <ul class="further-reading">
{links}
    </ul>
  </div>
</div>
<div id="footer"><p>Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF</p></div>
</body>
</html>
"""


NOTES_TO_EDITORS = (
    "The Information Commissioner's Office (ICO) is the UK's independent regulator for data "
    "protection and information rights law.",
    "The ICO can take action to change the behaviour of organisations and individuals that "
    "collect, use and keep personal information, including criminal prosecution, non-criminal "
    "enforcement and audit.",
    "To report a concern to the ICO, call our helpline on 0303 123 1113 or go to ico.org.uk/concerns.",
)


def news_page(item: NewsItem) -> str:
    title = escape(item.title)
    paragraphs = "\n".join(f"      <p>{escape(p)}</p>" for p in item.paragraphs)
    notes = "\n".join(f"        <li>{escape(n)}</li>" for n in NOTES_TO_EDITORS)
    published = iso(item.iso_date)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{title} | ICO</title>
  <meta name="DC.Title" content="{title}">
  <meta name="DC.Date" content="{cms_long_date(item.created)}">
  <meta name="DC.PageID" content="{item.page_id}">
  <meta name="description" content="{escape(item.description)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{title} | ICO">
  <meta property="og:description" content="{escape(item.description)}">
  <meta property="og:url" content="{BASE}{item.url}">
  <meta property="article:published_time" content="{published.isoformat()}">
</head>
<body>
{ICO_HEADER}
<main id="main-content" class="container">
  <nav aria-label="breadcrumb"><ul class="flex">
    <li><a href="/about-the-ico/">About the ICO</a></li>
    <li><a href="/about-the-ico/media-centre/">Media centre</a></li>
    <li><a href="/about-the-ico/media-centre/news-and-blogs/">News and blogs</a></li>
    <li aria-current="page">{title}</li>
  </ul></nav>
  <article>
    <h1 class="text-3xl">{title}</h1>
    <p class="text-sm text-neutral-600"><span>{escape(item.type)}</span> <time datetime="{published.date().isoformat()}">{item.date}</time></p>
    <div class="prose">
{paragraphs}
      <h2>Notes to editors</h2>
      <ol>
{notes}
      </ol>
    </div>
  </article>
  <aside class="share"><p>Share this page</p><a href="#">LinkedIn</a> <a href="#">Email</a></aside>
</main>
{ICO_FOOTER}
</body>
</html>
"""


def listing_shell(title: str, node_id: int) -> str:
    """The listing pages are client-rendered: the static HTML has no result links."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{title} | ICO</title></head>
<body>
{ICO_HEADER}
<main id="main-content">
  <h1>{title}</h1>
  <p class="banner">When searching by date, incorrect results may be produced due to errors with the dates of some documents added before 31 December 2024.</p>
  <div id="filter-page-container" data-node-id="{node_id}">
    <div class="results" aria-live="polite">Loading...</div>
  </div>
</main>
{ICO_FOOTER}
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Press
# --------------------------------------------------------------------------------------------
def article_path(article: PressArticle) -> str:
    when = iso(article.published)
    return f"/press/{article.outlet_key}/{when:%Y/%m/%d}/{article.slug}/"


def outlet_name(article: PressArticle) -> str:
    if article.feed == "gnews":
        return PUBLISHERS[article.outlet_key]
    return FEEDS[article.feed].outlet


def human_date(value: str) -> str:
    when = iso(value)
    return f"{when.day} {when:%B %Y}"


# Headlines for "Related articles" boxes. Real facts about other cases; the pages they point to
# are not in the mirror (nobody fetches related links).
RELATED_HEADLINES = (
    ("Tuckers Solicitors fined £98,000 after ransomware attack", "/2022/03/01/tuckers-fined/"),
    ("Royal Mail fined £20,000 for emailing customers who had opted out", "/2022/03/09/royal-mail-fined/"),
    ("Ticketmaster fined £1.25m over payment page breach", "/2020/11/13/ticketmaster-fined/"),
    ("Saga companies fined £225,000 for nuisance marketing emails", "/2021/09/16/saga-fined/"),
    ("Ministry of Justice ordered to clear subject access backlog", "/2022/01/19/moj-sar-backlog/"),
)

COMMENTS = (
    ("J. Pearson", "Another penalty that ends up paid out of budgets meant for front-line services. "
                   "Who actually pays here?"),
    ("Ravi K", "The lesson is the same every time: turn on multi-factor authentication everywhere, "
               "not just on the systems the auditors look at."),
    ("OldHand", "Remember when the ICO fined Ticketmaster £1.25m? Same story, different year."),
)


def neighbours(article: PressArticle) -> tuple[PressArticle | None, PressArticle | None]:
    """The previous and next posts on the same site, by date."""
    same = sorted((a for a in ARTICLES if a.outlet_key == article.outlet_key), key=lambda a: a.published)
    index = same.index(article)
    previous = same[index - 1] if index > 0 else None
    following = same[index + 1] if index + 1 < len(same) else None
    return previous, following


def related_list(article: PressArticle, site: str) -> str:
    items = [f'<li><a href="{site}{href}">{escape(text)}</a></li>' for text, href in RELATED_HEADLINES]
    others = [a for a in ARTICLES if a.outlet_key == article.outlet_key and a is not article][:2]
    items += [f'<li><a href="{article_path(a)}">{escape(a.title)}</a></li>' for a in others]
    return "\n".join(f"          {item}" for item in items)


def json_ld(article: PressArticle) -> str:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "datePublished": article.published, "author": {"@type": "Person", "name": article.author},
        "publisher": {"@type": "Organization", "name": outlet_name(article)},
    }
    return json.dumps(data, ensure_ascii=False)


def wordpress_article(article: PressArticle) -> str:
    site = f"/press/{article.outlet_key}"
    name = outlet_name(article)
    previous, following = neighbours(article)
    nav = []
    if previous:
        nav.append(f'<div class="nav-previous"><a href="{article_path(previous)}" rel="prev">'
                   f'<span class="meta-nav">Previous post</span> {escape(previous.title)}</a></div>')
    if following:
        nav.append(f'<div class="nav-next"><a href="{article_path(following)}" rel="next">'
                   f'<span class="meta-nav">Next post</span> {escape(following.title)}</a></div>')
    body = "\n".join(f"        <p>{escape(p)}</p>" for p in article.paragraphs)
    comments = "\n".join(
        f'          <li class="comment"><div class="comment-author vcard"><b class="fn">{escape(who)}</b> says:</div>'
        f'<div class="comment-content"><p>{escape(text)}</p></div></li>' for who, text in COMMENTS[:2])
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="UTF-8">
  <title>{escape(article.title)} - {escape(name)}</title>
  <meta name="description" content="{escape(article.summary)}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{escape(name)}">
  <meta property="og:title" content="{escape(article.title)}">
  <meta property="article:published_time" content="{article.published}">
  <meta name="author" content="{escape(article.author)}">
  <link rel="canonical" href="{BASE}{article_path(article)}">
  <script type="application/ld+json">{json_ld(article)}</script>
</head>
<body class="post-template-default single single-post">
<div id="cookie-notice" role="dialog" aria-label="Cookie notice">
  <p>We use cookies to give you the best experience on our website. If you continue without changing your settings, we'll assume that you are happy to receive all cookies.</p>
  <button class="cn-accept">Accept</button> <button class="cn-settings">Cookie settings</button>
</div>
<p class="audience-notice">This site is intended for health and care IT professionals only.</p>
<header id="masthead" class="site-header">
  <div class="site-branding"><a href="{site}/" rel="home">{escape(name)}</a></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
    <li><a href="{site}/news/">News</a></li><li><a href="{site}/cyber-security/">Cyber security</a></li>
    <li><a href="{site}/interoperability/">Interoperability</a></li><li><a href="{site}/opinion/">Opinion</a></li>
    <li><a href="{site}/jobs/">Jobs</a></li><li><a href="{site}/events/">Events</a></li><li><a href="{site}/subscribe/">Subscribe</a></li>
  </ul></nav>
</header>
<div class="ticker"><strong>Latest:</strong> <a href="{site}/news/">Procurement framework for shared care records extended to 2028</a></div>
<div id="content" class="site-content">
  <main id="primary" class="site-main">
    <article class="post type-post status-publish format-standard hentry category-cyber-security">
      <header class="entry-header">
        <h1 class="entry-title">{escape(article.title)}</h1>
        <div class="entry-meta">By <span class="author vcard">{escape(article.author)}</span>
          <time class="entry-date published" datetime="{article.published}">{human_date(article.published)}</time></div>
      </header>
      <div class="entry-content">
        <p><strong>{escape(article.summary)}</strong></p>
{body}
        <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>
          <ul><li><a href="#">Share on X</a></li><li><a href="#">Share on LinkedIn</a></li><li><a href="#">Email a link</a></li></ul></div>
      </div>
      <footer class="entry-footer"><span class="cat-links">Posted in <a href="{site}/cyber-security/">Cyber security</a></span>
        <span class="tags-links">Tagged <a href="#">ICO</a>, <a href="#">data protection</a></span></footer>
    </article>
    <nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2>
      <div class="nav-links">{''.join(nav)}</div></nav>
    <section class="related-posts"><h2>Related articles</h2>
        <ul>
{related_list(article, site)}
        </ul>
    </section>
    <div id="comments" class="comments-area">
      <h2 class="comments-title">2 thoughts on &ldquo;{escape(article.title)}&rdquo;</h2>
      <ol class="comment-list">
{comments}
      </ol>
      <div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>
        <p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
        <form class="comment-form"><textarea name="comment"></textarea><input name="author"><input name="email"><button>Post Comment</button></form></div>
    </div>
  </main>
  <aside id="secondary" class="widget-area">
    <section class="widget"><h2 class="widget-title">Most read</h2><ul>
      <li><a href="{site}/news/">GP practices told to review remote access to clinical systems</a></li>
      <li><a href="{site}/news/">Ambulance trust picks new computer-aided dispatch supplier</a></li></ul></section>
    <section class="widget newsletter"><h2 class="widget-title">Sign up to our newsletter</h2>
      <p>The week's health IT news in your inbox every Friday.</p><form><input name="email"><button>Subscribe</button></form></section>
  </aside>
</div>
<footer id="colophon" class="site-footer">
  <nav><a href="{site}/about/">About us</a> | <a href="{site}/contact/">Contact</a> | <a href="{site}/advertise/">Advertise</a> |
    <a href="{site}/privacy/">Privacy policy</a> | <a href="{site}/cookies/">Cookie policy</a> | <a href="{site}/terms/">Terms</a></nav>
  <p>&copy; 2026 {escape(name)}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def ledger_article(article: PressArticle) -> str:
    """The Register-like layout: standfirst, byline, #body, then reader-comment and promo blocks."""
    site = f"/press/{article.outlet_key}"
    name = outlet_name(article)
    body = [f"    <p>{escape(p)}</p>" for p in article.paragraphs]
    earlier = [a for a in ARTICLES if a.outlet_key == article.outlet_key and a.about and article.about
               and a.about.split("-")[0] == article.about.split("-")[0] and a.published < article.published]
    if earlier:   # a "Read more" line inside the body, pointing at the same story's earlier piece
        body.insert(1, f'    <p class="read-more"><strong>Read more:</strong> <a href="{article_path(earlier[0])}">'
                       f'{escape(earlier[0].title)}</a></p>')
    body_html = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(article.title)} &bull; {escape(name)}</title>
  <meta name="description" content="{escape(article.summary)}">
  <meta property="og:title" content="{escape(article.title)}">
  <meta property="og:site_name" content="{escape(name)}">
  <meta property="article:published_time" content="{article.published}">
  <script type="application/ld+json">{json_ld(article)}</script>
</head>
<body>
<div id="consent-overlay"><p>{escape(name)} and our partners store and access information on your device to show you relevant content and measure audiences.</p><button>I accept</button> <button>Reject all</button> <button>Manage options</button></div>
<div id="top-nav"><a class="logo" href="{site}/">{escape(name)}</a>
  <ul><li><a href="{site}/security/">Security</a></li><li><a href="{site}/offbeat/">Off-Prem</a></li><li><a href="{site}/software/">Software</a></li>
  <li><a href="{site}/systems/">Systems</a></li><li><a href="{site}/science/">Science</a></li><li><a href="{site}/special-features/">Special Features</a></li></ul>
  <form class="search"><input name="q" placeholder="Search"></form></div>
<div id="page">
  <div class="article_head">
    <div class="section_name"><a href="{site}/security/">Security</a></div>
    <h1>{escape(article.title)}</h1>
    <h2>{escape(article.summary)}</h2>
    <div class="byline"><a class="author" href="{site}/author/">{escape(article.author)}</a></div>
    <div class="dateline">{iso(article.published).strftime('%a %d %b %Y // %H:%M UTC')}</div>
  </div>
  <div class="social-buttons"><a href="#">Share</a> <a href="#">Copy</a></div>
  <div id="body">
{body_html}
    <p class="bootnote">Got a tip on this story? <a href="{site}/contact/">Send us news</a>.</p>
  </div>
  <div class="comments-link"><a href="{site}/forums/">12 Comments</a></div>
  <div class="promo"><h3>More like these</h3><ul>
      <li><a href="{site}/2022/03/01/tuckers-fined/">Law firm Tuckers pays £98k after ransomware leak of court bundles</a></li>
      <li><a href="{site}/2020/11/13/ticketmaster-fined/">Ticketmaster fined £1.25m for chatbot-borne card skim</a></li></ul></div>
  <div class="sponsored"><h3>Sponsored</h3><p><a href="#">Five steps to zero-trust backups (webinar)</a></p></div>
  <div class="most-read"><h3>Most read in Security</h3><ol>
      <li><a href="{site}/security/">Patch now: router bug under active attack</a></li>
      <li><a href="{site}/security/">Password manager vendor says vault data was not touched</a></li></ol></div>
</div>
<div id="footer"><ul><li><a href="{site}/about/">About us</a></li><li><a href="{site}/privacy/">Privacy</a></li><li><a href="{site}/cookies/">Cookies</a></li><li><a href="{site}/contact/">Contact</a></li></ul>
  <p>Copyright. All rights reserved &copy; 2026</p></div>
</body>
</html>
"""


def regional_article(article: PressArticle) -> str:
    """A regional/business news site (Google News publisher): trending bars, 'You may also like'."""
    site = f"/press/{article.outlet_key}"
    name = outlet_name(article)
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in article.paragraphs)
    previous, following = neighbours(article)
    links = []
    if previous:
        links.append(f'<a class="prev" href="{article_path(previous)}">&larr; Previous post: {escape(previous.title)}</a>')
    if following:
        links.append(f'<a class="next" href="{article_path(following)}">Next post: {escape(following.title)} &rarr;</a>')
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{escape(article.title)} | {escape(name)}</title>
  <meta name="description" content="{escape(article.summary)}">
  <meta property="og:title" content="{escape(article.title)}">
  <meta property="og:site_name" content="{escape(name)}">
  <meta property="article:published_time" content="{article.published}">
  <meta name="author" content="{escape(article.author)}">
  <script type="application/ld+json">{json_ld(article)}</script>
</head>
<body class="article-page">
<div class="cookie-consent"><p>This website uses cookies. Some are essential; others help us improve your experience and show you relevant advertising.</p><a href="{site}/cookies/">Read more</a> <button>Got it</button></div>
<header class="masthead"><a href="{site}/" class="brand">{escape(name)}</a>
  <nav class="sections"><a href="{site}/news/">News</a> <a href="{site}/business/">Business</a> <a href="{site}/tech/">Tech</a> <a href="{site}/legal/">Legal</a> <a href="{site}/opinion/">Opinion</a> <a href="{site}/events/">Events</a> <a href="{site}/newsletters/">Newsletters</a></nav>
  <div class="trending"><span>Trending:</span> <a href="{site}/news/">Rail strike dates</a> <a href="{site}/news/">Budget 2026</a> <a href="{site}/news/">Interest rates</a></div>
</header>
<div class="container">
  <article class="story">
    <p class="kicker">Data protection</p>
    <h1 class="headline">{escape(article.title)}</h1>
    <p class="standfirst">{escape(article.summary)}</p>
    <p class="meta">By <span class="author">{escape(article.author)}</span> &middot; <time datetime="{article.published}">{human_date(article.published)}</time></p>
    <div class="article-body">
{body}
    </div>
    <div class="tags">Tags: <a href="#">ICO</a> <a href="#">Regulation</a> <a href="#">Cyber security</a></div>
    <nav class="post-links">{' '.join(links)}</nav>
  </article>
  <section class="you-may-also-like"><h2>You may also like</h2><ul>
{related_list(article, site)}
  </ul></section>
  <div class="newsletter-box"><h3>Get the morning briefing</h3><p>Business news from across the region, every weekday at 7am.</p><form><input name="email"><button>Sign up</button></form></div>
  <p class="comments-closed">Comments are closed.</p>
</div>
<footer class="site-footer"><p><a href="{site}/about/">About</a> &middot; <a href="{site}/contact/">Contact us</a> &middot; <a href="{site}/privacy/">Privacy</a> &middot; <a href="{site}/terms/">Terms and conditions</a></p>
  <p>&copy; {escape(name)} 2026</p></footer>
</body>
</html>
"""


def rfc822(value: str) -> str:
    return format_datetime(iso(value).astimezone(timezone.utc), usegmt=True)


def wordpress_feed(key: str) -> str:
    feed = FEEDS[key]
    items = sorted((a for a in ARTICLES if a.feed == key), key=lambda a: a.published, reverse=True)
    entries = []
    for number, a in enumerate(items):
        link = f"{BASE}{article_path(a)}"
        content = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
        entries.append(f"""	<item>
		<title>{escape(a.title)}</title>
		<link>{link}</link>
		<comments>{link}#respond</comments>
		<dc:creator><![CDATA[{a.author}]]></dc:creator>
		<pubDate>{rfc822(a.published)}</pubDate>
		<category><![CDATA[Cyber security]]></category>
		<guid isPermaLink="false">{BASE}{feed.site_path}/?p={18230 + number * 7}</guid>
		<description><![CDATA[{escape(a.summary)} [&#8230;]]]></description>
		<content:encoded><![CDATA[{content}]]></content:encoded>
		<wfw:commentRss>{link}feed/</wfw:commentRss>
		<slash:comments>2</slash:comments>
	</item>""")
    newest = rfc822(items[0].published)
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>
<channel>
	<title>{escape(feed.outlet)}</title>
	<atom:link href="{BASE}{feed.feed_path}" rel="self" type="application/rss+xml" />
	<link>{BASE}{feed.site_path}/</link>
	<description>Health and care IT news</description>
	<lastBuildDate>{newest}</lastBuildDate>
	<language>en-GB</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.6.2</generator>
{chr(10).join(entries)}
</channel>
</rss>
"""


def atom_feed(key: str) -> str:
    feed = FEEDS[key]
    items = sorted((a for a in ARTICLES if a.feed == key), key=lambda a: a.published, reverse=True)
    entries = []
    for a in items:
        when = iso(a.published).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        summary = escape(f"<h4>{escape(a.summary)}</h4> <p>{escape(a.paragraphs[0])}</p>")
        entries.append(f"""  <entry>
    <id>tag:thedataledger.example,2005:story{article_path(a).removeprefix(feed.site_path)}</id>
    <updated>{when}</updated>
    <author><name>{escape(a.author)}</name><uri>{BASE}{feed.site_path}/author/</uri></author>
    <link rel="alternate" type="text/html" href="{BASE}{article_path(a)}"/>
    <title type="html">{escape(a.title)}</title>
    <summary type="html">{summary}</summary>
  </entry>""")
    newest = iso(items[0].published).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:thedataledger.example,2005:security</id>
  <title>{escape(feed.outlet)}: Security</title>
  <link rel="self" type="application/atom+xml" href="{BASE}{feed.feed_path}"/>
  <link rel="alternate" type="text/html" href="{BASE}{feed.site_path}/security/"/>
  <rights type="html">Copyright 2026</rights>
  <icon>{BASE}{feed.site_path}/favicon.ico</icon>
  <updated>{newest}</updated>
  <author><name>{escape(feed.outlet)}</name><uri>{BASE}{feed.site_path}/</uri></author>
{chr(10).join(entries)}
</feed>
"""


GNEWS_QUERY_TITLE = '"Information Commissioner\'s Office" (fine OR reprimand) - Google News'


def gnews_link(a: PressArticle) -> str:
    return f"{BASE}/rss/articles/{a.gnews_id}?oc=5"


def gnews_feed() -> str:
    items = sorted((a for a in ARTICLES if a.feed == "gnews"), key=lambda a: a.published, reverse=True)
    entries = []
    for a in items:
        publisher = PUBLISHERS[a.outlet_key]
        anchor = (f'<a href="{gnews_link(a)}" target="_blank">{escape(a.title)}</a>'
                  f'&nbsp;&nbsp;<font color="#6f6f6f">{escape(publisher)}</font>')
        # Items about one story come as a cluster: an <ol> listing the other outlets' versions.
        cluster = [b for b in items if b is not a and b.about == a.about and a.about]
        if cluster:
            rows = [f"<li>{anchor}</li>"] + [
                f'<li><a href="{gnews_link(b)}" target="_blank">{escape(b.title)}</a>'
                f'&nbsp;&nbsp;<font color="#6f6f6f">{escape(PUBLISHERS[b.outlet_key])}</font></li>' for b in cluster]
            description = "<ol>" + "".join(rows) + "</ol>"
        else:
            description = anchor
        entries.append(f"""<item><title>{escape(a.title)} - {escape(publisher)}</title><link>{gnews_link(a)}</link><guid isPermaLink="true">{gnews_link(a)}</guid><pubDate>{rfc822(a.published)}</pubDate><description>{escape(description)}</description><source url="{BASE}/press/{a.outlet_key}">{escape(publisher)}</source></item>""")
    newest = rfc822(items[0].published)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" '
            f'xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator>'
            f'<title>{escape(GNEWS_QUERY_TITLE)}</title>'
            f'<link>{BASE}/search?q=%22Information+Commissioner%27s+Office%22+(fine+OR+reprimand)&amp;hl=en-GB&amp;gl=GB&amp;ceid=GB:en</link>'
            f'<language>en-GB</language><webMaster>news-webmaster@google.com</webMaster>'
            f'<copyright>2026 Google Inc.</copyright><lastBuildDate>{newest}</lastBuildDate>'
            f'<description>Google News</description>' + "".join(entries) + "</channel></rss>\n")


# --------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------
def write(root: Path, url_path: str, text: str, index: str = "index.html") -> None:
    """Write the page for a URL path: directories get `index.*`, file-like paths their own name."""
    relative = url_path.strip("/")
    target = root / relative / index if url_path.endswith("/") or not Path(relative).suffix else root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def build(root: Path = MIRROR_ROOT) -> None:
    """Rewrite every generated file under `root` (PDFs under /media*/ are left alone)."""
    for name in GENERATED_DIRS:
        shutil.rmtree(root / name, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)

    # ICO search API
    for root_id, items, promoted in ((ENFORCEMENT_ROOT, ENFORCEMENT, PROMOTED_JOBS_ROW), (NEWS_ROOT, NEWS, None)):
        rows = [api_row(i) for i in items]
        pages = search_pages(rows, [day(i.date) for i in items], promoted=promoted,
                             holes=HOLE_PAGES.get(root_id, {}))
        for order, numbered in pages.items():
            for number, page in numbered.items():
                write(root, f"/api/search/{root_id}/{order}/page-{number}.json",
                      json.dumps(page, ensure_ascii=False, indent=1) + "\n")

    # ICO pages
    for case in ENFORCEMENT:
        write(root, case.url, enforcement_page(case, root))
    for item in NEWS:
        write(root, item.url, news_page(item))
    write(root, "/action-weve-taken/enforcement/", listing_shell("Enforcement action", ENFORCEMENT_ROOT))
    write(root, "/about-the-ico/media-centre/news-and-blogs/", listing_shell("News, blogs and speeches", NEWS_ROOT))
    write(root, "/about-the-ico/jobs/", listing_shell("Jobs", 0).replace("Loading...", "Current vacancies"))

    # Press
    redirects: dict[str, str] = {}
    renderers = {"wordpress": wordpress_article, "atom": ledger_article}
    for a in ARTICLES:
        if a.feed == "gnews":
            html = regional_article(a)
            redirects[f"/rss/articles/{a.gnews_id}"] = f"{BASE}{article_path(a)}"
        else:
            html = renderers[FEEDS[a.feed].style](a)
        write(root, article_path(a), html)
    write(root, FEEDS["caresystems"].feed_path, wordpress_feed("caresystems"), index="index.rss")
    write(root, FEEDS["dataledger"].feed_path, atom_feed("dataledger"))
    write(root, FEEDS["gnews"].feed_path + "/", gnews_feed(), index="index.rss")
    (root / "redirects.json").write_text(json.dumps(redirects, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    # robots.txt (no Crawl-delay: the demo runs with delay 0) and the sitemap
    (root / "robots.txt").write_text(
        "# Offline mirror of the sources' robots.txt. The real ico.org.uk asks for Crawl-delay: 6;\n"
        "# the mirror leaves it out so the demo runs fast (the demo feeds use delay_seconds: 0).\n"
        "User-agent: *\nDisallow: /umbraco/\nAllow: /\n\n"
        f"Sitemap: {BASE}/sitemap.xml\n", encoding="utf-8")
    urls = [(c.url, iso(c.created)) for c in ENFORCEMENT] + [(n.url, iso(n.created)) for n in NEWS]
    entries = "\n".join(f"  <url><loc>{BASE}{u}</loc><lastmod>{when:%Y-%m-%d}</lastmod></url>"
                        for u, when in sorted(urls))
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</urlset>\n",
        encoding="utf-8")
    logger.info("mirror rebuilt under %s", root)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build()
