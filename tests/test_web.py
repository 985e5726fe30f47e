"""Articles from URLs, against a real HTTP server the tests start on 127.0.0.1 (never another address).

The server serves the seeds as HTML pages, Wayback-style snapshots with the archive's banner,
redirects and a redirect loop, a slow page, an endless body, binary bodies, 404 and 500, and a
page whose charset header lies. Each gives the right article, or one clear line and exit 2.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import ROOT, seed

from framediff.errors import InputError
from framediff.inputs import load_input
from framediff.schema import read_comparison

TIMEOUT = "0.5"  # seconds: FRAMEDIFF_FETCH_TIMEOUT for every test here, so the slow page fails fast

BANNER = ("<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id='wm-ipp-base'><div id='wm-ipp'>"
          "<p>The Wayback Machine - https://web.archive.org/web/20190601123000/https://news.example.org/talks</p>"
          "<p>46 captures 30 May 2019 - 12 Aug 2023. Collected by Common Crawl. Donate to the archive.</p>"
          "</div></div><!-- END WAYBACK TOOLBAR INSERT -->")
WAYBACK_HEAD = ('<script src="//archive.org/includes/athena.js" type="text/javascript"></script>'
                "<script>window.RufflePlayer=window.RufflePlayer||{};</script>"
                "<!-- End Wayback Rewrite JS Include -->")
STORY = [  # one story as an outlet first published it, and as edited the next day
    "Foreign ministers of Russia and Japan met in Tokyo on Friday for talks on a peace treaty.",
    "\"We agreed to keep talking about the islands,\" Russian Foreign Minister Sergei Lavrov told reporters.",
    "Japan's Foreign Minister Taro Kono said the two sides had made progress on joint economic projects.",
    "The ministers also discussed the deployment of 12 missile launchers on the disputed islands.",
    "Defence ministers Sergei Shoigu and Takeshi Iwaya held a separate meeting on military contacts.",
]
RUSSIAN = ["Министры иностранных дел России и Японии встретились в пятницу в Токио.",
           "Стороны обсудили мирный договор и совместную хозяйственную деятельность на островах.",
           "Лавров заявил журналистам, что переговоры будут продолжены осенью."]
EDITED = [STORY[0], STORY[2], STORY[3].replace("12", "24"), STORY[4]]  # a quote removed, a number corrected


def page(title: str, paragraphs: list[str], site: str = "", date: str = "", author: str = "",
         head: str = "", banner: str = "", above: list[str] = ()) -> str:
    metas = "".join(f'<meta property="{k}" content="{html.escape(v)}">'
                    for k, v in (("og:site_name", site), ("article:published_time", date)) if v)
    if author:
        metas += f'<meta name="author" content="{html.escape(author)}">'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head>{head}<meta charset='utf-8'><title>{html.escape(title)}</title>{metas}"
            f"</head><body>{banner}<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            + "".join(f"<div>{html.escape(line)}</div>" for line in above) +
            f"<article><h1>{html.escape(title)}</h1>{body}</article>"
            f"<footer>© 2019 Example News. All rights reserved.</footer></body></html>")


def seed_page(prefix: str) -> str:
    """The seed as its site would serve it: its headline in <title> and <h1>, the lines above it (site
    debris) above the article, every other line an element of its own."""
    from framediff.ingest import read_article

    title = read_article(seed(prefix)).title
    lines = [ln.strip() for ln in seed(prefix).read_text(encoding="utf-8").splitlines() if ln.strip()]
    at = lines.index(title)
    return page(title, [ln for ln in lines[at + 1:] if ln != title], above=lines[:at])


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):  # quiet
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        try:
            if path in self.routes:
                body, ctype = self.routes[path]
                self.send(200, body if isinstance(body, bytes) else body.encode("utf-8"), ctype)
            elif path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                self.send(302, b"", Location=f"/hop/{n - 1}" if n > 1 else "/seed/003")
            elif path == "/loop":
                self.send(302, b"", Location="/loop")
            elif path == "/slow":
                time.sleep(3 * float(TIMEOUT))
                self.send(200, page("Late", STORY).encode())
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"All work and no play makes Jack a dull boy. " * 1000 + b"</p>"
                while True:
                    self.wfile.write(chunk)
            elif path == "/error":
                self.send(500, b"<h1>Internal Server Error</h1>")
            else:
                self.send(404, b"<h1>Not Found</h1>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up, as it should on the endless body


@pytest.fixture(scope="module")
def server():
    """Base URL of a server on 127.0.0.1 with the pages above; its routes can be changed by a test."""
    Handler.routes = {
        "/seed/003": (seed_page("003"), "text/html; charset=utf-8"),
        "/seed/004": (seed_page("004"), "text/html; charset=utf-8"),
        "/news/talks": (page("Russia and Japan hold 2+2 talks in Tokyo", STORY, site="Example News",
                             date="2019-05-31", author="Jane Roe"), "text/html; charset=utf-8"),
        "/bare/talks": (page("Russia and Japan hold 2+2 talks in Tokyo", STORY), "text/html; charset=utf-8"),
        "/web/20190601123000/https://news.example.org/talks": (
            page("Russia and Japan hold 2+2 talks in Tokyo", STORY, head=WAYBACK_HEAD, banner=BANNER),
            "text/html; charset=utf-8"),
        "/web/20190602090000/https://news.example.org/talks": (
            page("Russia and Japan talk, but no deal on islands", EDITED, head=WAYBACK_HEAD, banner=BANNER),
            "text/html; charset=utf-8"),
        "/web/20190603000000/https://dated.example.org/talks": (
            page("Russia and Japan hold 2+2 talks in Tokyo", STORY, site="Dated News", date="2019-05-31",
                 head=WAYBACK_HEAD, banner=BANNER), "text/html; charset=utf-8"),
        "/binary": (bytes(range(256)) * 400, "application/octet-stream"),
        "/binary-as-html": (bytes(range(256)) * 400, "text/html"),
        "/lying": (page("Zürich talks", ["Die Minister trafen sich in Zürich, sagte Müller."] + STORY)
                   .encode("utf-8"), "text/html; charset=iso-8859-1"),
        "/cp1251-declared-utf8": (page("Переговоры министров России и Японии в Токио", RUSSIAN)
                                  .replace("charset='utf-8'", "charset='windows-1251'").encode("cp1251"),
                                  "text/html; charset=utf-8"),
        "/plain": ("Ministers meet in Tokyo\n\n" + "\n\n".join(STORY), "text/plain; charset=utf-8"),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    env = {"FRAMEDIFF_FETCH_TIMEOUT": TIMEOUT, "NO_PROXY": "127.0.0.1"}  # no proxy between us and the server
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    for k, v in old.items():
        if v is None:
            os.environ.pop(k)
        else:
            os.environ[k] = v


def cli(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "framediff", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=600)


def refused(url: str) -> str:
    with pytest.raises(InputError) as e:
        load_input(url, refresh=True)
    message = str(e.value)
    assert "\n" not in message and message.startswith(url), message
    return message


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_a_seed_served_as_html_reads_as_the_seed_file_does(server, prefix):
    from_web = load_input(f"{server}/seed/{prefix}", refresh=True)
    from_file = load_input(str(seed(prefix)))
    assert from_web.title == from_file.title
    web_units = {u.text for u in from_web.units}
    shared = [u.text for u in from_file.units if u.text in web_units]
    assert len(shared) >= 0.8 * len(from_file.units)
    assert from_web.source == f"{server}/seed/{prefix}"


def test_metadata_from_the_page(server):
    art = load_input(f"{server}/news/talks", refresh=True)
    assert (art.title, art.outlet, art.date, art.author) == (
        "Russia and Japan hold 2+2 talks in Tokyo", "Example News", "2019-05-31", "Jane Roe")
    assert "Home" not in art.text and "rights reserved" not in art.text


def test_outlet_is_the_site_when_the_page_names_none_and_outlet_overrides(server):
    assert load_input(f"{server}/bare/talks", refresh=True).outlet == "127.0.0.1"
    assert load_input(f"{server}/bare/talks", outlet="  The  Daily Example ").outlet == "The Daily Example"


def test_wayback_snapshot_without_banner_dated_by_the_snapshot(server):
    url = f"{server}/web/20190601123000/https://news.example.org/talks"
    art = load_input(url, refresh=True)
    assert art.source == url
    assert art.date == "2019-06-01 12:30 UTC (Wayback snapshot)"
    assert art.outlet == "news.example.org"
    assert art.title == "Russia and Japan hold 2+2 talks in Tokyo"
    for banner_word in ("Wayback", "captures", "Common Crawl", "Donate", "RufflePlayer"):
        assert banner_word not in art.text
    assert [u.text for u in art.units[1:]] == STORY


def test_a_snapshot_of_a_dated_page_keeps_its_date_and_shows_the_snapshot_time(server):
    art = load_input(f"{server}/web/20190603000000/https://dated.example.org/talks", refresh=True)
    assert (art.outlet, art.date) == ("Dated News", "2019-05-31 (Wayback snapshot 2019-06-03 00:00 UTC)")


def test_redirects_are_followed_up_to_five(server):
    assert load_input(f"{server}/hop/5", refresh=True).title == load_input(str(seed("003"))).title
    assert "more than 5 redirects" in refused(f"{server}/hop/6")
    assert "more than 5 redirects" in refused(f"{server}/loop")


@pytest.mark.parametrize("path,words", [
    ("/slow", "did not answer within 0.5 s"),
    ("/endless", "too large (more than 16 MB)"),
    ("/binary", "not a web page or text (the server says application/octet-stream)"),
    ("/binary-as-html", "not a web page or text"),
    ("/missing", "the server answered 404 Not Found"),
    ("/error", "the server answered 500 Internal Server Error"),
])
def test_bad_pages_get_one_line(server, path, words):
    started = time.monotonic()
    assert words in refused(f"{server}{path}")
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("url,words", [
    ("ftp://127.0.0.1/story.html", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("http:///story", "no host name"),
    ("http://127.0.0.1:1/story", "cannot connect"),  # nothing listens on port 1
])
def test_addresses_that_cannot_be_fetched(url, words):
    assert words in refused(url)


def test_a_lying_charset_header_does_not_garble_the_text(server):
    art = load_input(f"{server}/lying", refresh=True)
    assert "Zürich" in art.text and "Müller" in art.text
    art = load_input(f"{server}/cp1251-declared-utf8", refresh=True)
    assert [u.text for u in art.units] == ["Переговоры министров России и Японии в Токио", *RUSSIAN]


def test_plain_text_page(server):
    art = load_input(f"{server}/plain", refresh=True)
    assert art.title == "Ministers meet in Tokyo" and [u.text for u in art.units[1:]] == STORY


def test_pages_are_cached_by_url_and_refresh_fetches_again(server):
    url = f"{server}/news/cached"
    Handler.routes["/news/cached"] = (page("First version of the story", STORY), "text/html")
    assert load_input(url, refresh=True).title == "First version of the story"
    Handler.routes["/news/cached"] = (page("Second version of the story", STORY), "text/html")
    assert load_input(url).title == "First version of the story"  # from the cache
    assert load_input(url, refresh=True).title == "Second version of the story"
    del Handler.routes["/news/cached"]
    assert load_input(url).title == "Second version of the story"  # the server has forgotten it; the cache has not


def test_cli_each_bad_page_one_line_exit_2(server, tmp_path):
    keep = tmp_path / "keep.json"
    keep.write_text("precious")
    for path, words in (("/loop", "redirects"), ("/slow", "did not answer"), ("/missing", "404"),
                        ("/binary", "not a web page")):
        p = cli("compare", f"{server}{path}", seed("003"), "--json", keep, "--refresh")
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 2 and len(lines) == 1 and words in lines[0] and "Traceback" not in p.stderr, p.stderr
    assert keep.read_text() == "precious"


def test_two_wayback_snapshots_compare_showing_both_times_and_the_edits(server, tmp_path):
    first = f"{server}/web/20190601123000/https://news.example.org/talks"
    second = f"{server}/web/20190602090000/https://news.example.org/talks"
    out = tmp_path / "snapshots.json"
    p = cli("compare", first, second, "--json", out, "--html", tmp_path / "r.html")
    assert p.returncode == 0, p.stderr
    assert "2019-06-01 12:30 UTC" in p.stdout and "2019-06-02 09:00 UTC" in p.stdout
    cmp = read_comparison(out)  # the saved comparison reopens with no server: it holds the text
    a, b = cmp.articles
    assert (a.source, b.source) == (first, second)
    assert (a.date, b.date) == ("2019-06-01 12:30 UTC (Wayback snapshot)", "2019-06-02 09:00 UTC (Wayback snapshot)")
    # the corrected number is a word difference inside a matched pair
    number = next(g for g in cmp.alignment if any("missile" in a.unit(u).text for u in g.a))
    assert any(op.op == "replace" and op.a.text == "12" and op.b.text == "24" for op in number.diff)
    # the removed quote is missing from the second snapshot
    quotes = {q.id: q for q in cmp.quotes}
    assert any(m.relation == "missing" and m.b is None and "agreed to keep talking" in quotes[m.a].text
               for m in cmp.quote_matches)
    numbers = next(f for f in cmp.flags if f.type == "numbers")  # one outlet twice: the flag says which version
    assert "Article A (news.example.org)" in numbers.summary and "Article B (news.example.org)" in numbers.summary
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2019-06-01 12:30 UTC" in report and "2019-06-02 09:00 UTC" in report


def test_cli_url_and_file_with_outlets(server):
    p = cli("compare", f"{server}/news/talks", seed("004"), "--outlet", "", "--outlet", "Agenzia Nova",
            "--json", "-")
    assert p.returncode == 0, p.stderr
    a, b = json.loads(p.stdout)["articles"]
    assert (a["outlet"], b["outlet"]) == ("Example News", "Agenzia Nova")
    p = cli("analyse", seed("004"), "--outlet", "A", "--outlet", "B")
    assert p.returncode == 2 and "2 --outlet given for 1 input" in p.stderr


# The window: File ▸ Open URL fetches off the GUI thread with progress and cancel; outlet and date editable.
WAIT = 180_000  # ms


def test_open_url_dialog_fetches_off_the_gui_thread_then_the_window_compares(qtbot, window, server, tmp_path,
                                                                           monkeypatch):
    from ui.article_meta import ArticleMetaDialog
    from ui.open_url import OpenUrlDialog

    first = f"{server}/web/20190601123000/https://news.example.org/talks"
    second = f"{server}/web/20190602090000/https://news.example.org/talks"
    dialog = OpenUrlDialog(window, first, second)
    dialog.show()
    dialog.refresh.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.fetch()
        assert dialog.bar.isVisible() and not dialog.fields["a"].isEnabled()  # busy, and the window not blocked
    assert dialog.urls == {"a": first, "b": second}
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT):
        window.open_paths("", list(dialog.urls.values()))
    a, b = window.cmp.articles
    assert (a.source, b.source) == (first, second)
    assert window.view.panes["b"].date.text() == "2019-06-02 09:00 UTC (Wayback snapshot)"
    # the outlet and date of a side, edited in the window, are kept in the saved comparison
    monkeypatch.setattr(ArticleMetaDialog, "exec", lambda self: (self.outlet.setText(" Example  News "),
                                                                 self.date.setText("2019-06-02"), 1)[-1])
    window.edit_meta("b")
    assert window.view.panes["b"].outlet.text() == "Example News"
    saved = tmp_path / "saved.json"
    with qtbot.waitSignal(window.exported, timeout=WAIT):
        window.export_to(str(saved), "json")
    b = read_comparison(saved).article("b")
    assert (b.outlet, b.date) == ("Example News", "2019-06-02")


def test_open_url_dialog_reports_a_bad_page_and_cancels_a_slow_one(qtbot, window, server):
    from ui.open_url import OpenUrlDialog

    dialog = OpenUrlDialog(window, f"{server}/missing")
    dialog.show()
    dialog.fetch()
    # the failure, not the progress line: the server's port may itself hold "404" ("Fetching A: http://...:40433/")
    qtbot.waitUntil(lambda: "Could not open" in dialog.status.text(), timeout=WAIT)
    assert "404" in dialog.status.text().split("/missing", 1)[-1], dialog.status.text()
    assert dialog.fields["a"].isEnabled() and not dialog.result()  # still open, to correct the address
    dialog.fields["a"].setText(f"{server}/slow")
    dialog.refresh.setChecked(True)
    dialog.fetch()
    assert dialog.bar.isVisible()
    dialog.cancel()  # at once, without waiting for the server
    assert "Cancelled" in dialog.status.text() and dialog.fields["a"].isEnabled() and not dialog.bar.isVisible()
    qtbot.wait(int(4 * float(TIMEOUT) * 1000))  # the abandoned fetch ends at its timeout and says nothing
    assert "Cancelled" in dialog.status.text()


def test_a_pasted_link_is_fetched(qtbot, window, server):
    from PySide6.QtCore import QMimeData

    Handler.routes["/news/pasted"] = Handler.routes["/news/talks"]
    for side, text in (("a", f"  {server}/news/pasted\n"), ("b", f"{server}/seed/003")):
        mime = QMimeData()
        mime.setText(text)
        if side == "b":
            with qtbot.waitSignal(window.comparison_shown, timeout=WAIT):
                window.view.panes[side].text.insertFromMimeData(mime)
        else:
            window.view.panes[side].text.insertFromMimeData(mime)
    assert window.cmp.article("a").outlet == "Example News"
    assert window.cmp.article("a").source == f"{server}/news/pasted"


def test_the_window_shows_which_steps_it_skipped_for_another_language(qtbot, window, server):
    Handler.routes["/ru/talks"] = Handler.routes["/cp1251-declared-utf8"]
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT):
        window.open_paths("", [f"{server}/news/talks", f"{server}/ru/talks"])
    assert not window.event_banner.isHidden()
    assert "B (" in window.event_banner.text() and "is in Russian" in window.event_banner.text()
    assert {f.type for f in window.cmp.flags} <= {"omission", "numbers"}  # no English-only step ran on it


def test_the_seeds_compare_from_urls_as_from_files(server, embedder, compare_seeds):
    from framediff.pipeline import compare_files

    from_web = compare_files(f"{server}/seed/003", f"{server}/seed/004", embedder=embedder)
    from_files = compare_seeds("003", "004")
    assert from_web.same_event.verdict == from_files.same_event.verdict
    pairs = lambda cmp: {(tuple(cmp.article("a").unit(u).text for u in g.a),  # noqa: E731
                          tuple(cmp.article("b").unit(u).text for u in g.b)) for g in cmp.alignment}
    assert len(pairs(from_web) & pairs(from_files)) >= 0.8 * len(from_files.alignment)
