"""The documentation site in a real browser: math typeset, pictures loaded, nothing fetched.

Builds the site (``mkdocs build`` into a temporary directory), or uses an existing build named
by ``GRADSPEC_SITE_DIR``; serves it from ``http.server`` on 127.0.0.1; opens pages in Debian's
headless Chromium driven by Playwright; records every request the browser makes.

Needs ``pip install -e ".[docs,test]"`` (mkdocs, playwright) and Debian's chromium
(``.ci/install-browser``).  Playwright's own browser download is never used.  If any of that is
missing the tests fail and say what to install; set ``GRADSPEC_SKIP_BROWSER=1`` to skip them
instead (with that reason).
"""

from __future__ import annotations

import fnmatch
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("GRADSPEC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The derivation pages opened, in order of preference (the first one built is used).
DERIVATION_PAGES = ("exp_minus_log", "sauna", "quartic", "sigmoid")
#: Time for MathJax to typeset a page (ms).
TYPESET_TIMEOUT_MS = 30_000
#: Hosts of the CDNs and font services a docs site is tempted to use; none may appear in a
#: page or stylesheet of the build.
CDN_HOSTS = (
    "polyfill.io", "cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com",
    "fonts.googleapis.com", "fonts.gstatic.com", "cdn.mathjax.org", "ajax.googleapis.com",
    "code.jquery.com", "esm.sh", "cdn.skypack.dev", "stackpath.bootstrapcdn.com",
)
#: CDN URL strings inside third-party bundles that this site never loads (the browser tests
#: record every request and would catch one).  Any other CDN URL fails the check.
KNOWN_BUNDLE_URLS = {
    # MathJax's speech engine: fallbacks for Internet Explorer and for a MathJax without its
    # locale files, reached only from the accessibility menu.
    "javascripts/mathjax/tex-chtml-full.js": {
        "https://cdn.jsdelivr.net/npm/speech-rule-engine@",
        "https://cdn.jsdelivr.net/npm/sre-mathmaps-ie@",
        "https://cdn.jsdelivr.net/npm/wicked-good-xpath@1.3.0/dist/wgxpath.install.js",
    },
    # Material for MkDocs: a ResizeObserver polyfill for browsers without one, and Mermaid,
    # loaded only for ```mermaid fences (not configured here).
    "assets/javascripts/bundle.*.min.js": {
        "https://unpkg.com/resize-observer-polyfill",
        "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    },
}


def _skip_or_fail(message: str):
    if os.environ.get("GRADSPEC_SKIP_BROWSER") == "1":
        pytest.skip(f"GRADSPEC_SKIP_BROWSER=1: {message}")
    pytest.fail(message + " (set GRADSPEC_SKIP_BROWSER=1 to skip the browser tests)",
                pytrace=False)


# --------------------------------------------------------------------------------------------
# Fixtures: the built site, a local server, a browser
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    """The built site: ``GRADSPEC_SITE_DIR`` if set, else a fresh ``mkdocs build``."""
    existing = os.environ.get("GRADSPEC_SITE_DIR")
    if existing:
        path = Path(existing)
        if not (path / "index.html").is_file():
            pytest.fail(f"GRADSPEC_SITE_DIR={existing} holds no built site (no index.html)")
        return path
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        _skip_or_fail('mkdocs is not installed: pip install -e ".[docs]"')
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return out


@pytest.fixture(scope="module")
def server(site_dir):
    """``http://127.0.0.1:<port>`` serving the site; shut down after the module."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail('Python playwright is not installed: pip install -e ".[test]"')
    if not Path(CHROMIUM).is_file():
        _skip_or_fail(f"Chromium not found at {CHROMIUM}: run .ci/install-browser "
                      "(apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class PageVisit:
    """A page opened in a fresh context, with every request and console error recorded."""

    def __init__(self, browser, url: str):
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        self.wait_for_math()
        self.page.wait_for_load_state("networkidle")

    def wait_for_math(self) -> None:
        """Wait until MathJax has started up and finished typesetting the page."""
        self.page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise",
            timeout=TYPESET_TIMEOUT_MS,
        )
        self.page.evaluate("() => MathJax.startup.promise")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened: list[PageVisit] = []

    def _open(path: str) -> PageVisit:
        v = PageVisit(browser, f"{server}/{path}")
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.close()


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def assert_local_only(v: PageVisit) -> None:
    """Every request the page made went to this machine."""
    outside = [u for u in v.requests
               if urlsplit(u).scheme not in ("data", "blob", "about")
               and urlsplit(u).hostname not in ("127.0.0.1", "localhost", "::1")]
    assert not outside, f"requests left the machine: {outside}"
    assert not v.failed, f"requests failed: {v.failed}"


def assert_math_typeset(v: PageVisit) -> int:
    """MathJax rendered every formula: containers present, no TeX delimiters left in the text.

    Returns the number of typeset formulas.
    """
    n = v.page.locator("mjx-container").count()
    assert n > 0, "no mjx-container on the page: MathJax typeset nothing"
    errors = v.page.locator("mjx-merror").count()
    assert errors == 0, f"{errors} formulas failed to typeset (mjx-merror)"
    # The visible text of the article, with the typeset formulas' own text excluded.
    text = v.page.evaluate(
        """() => {
            const article = document.querySelector('article') || document.body;
            const clone = article.cloneNode(true);
            clone.querySelectorAll('mjx-container, mjx-assistive-mml, pre, code, script')
                 .forEach(e => e.remove());
            return clone.innerText;
        }"""
    )
    for delimiter in ("$$", r"\(", r"\)", r"\[", r"\]"):
        assert delimiter not in text, f"raw TeX delimiter {delimiter!r} left in the page text"
    untypeset = v.page.locator(".arithmatex:not(:has(mjx-container))").count()
    assert untypeset == 0, f"{untypeset} arithmatex elements were not typeset"
    # Every glyph was drawn: CHTML draws a character through a CSS rule on mjx-c::before; a
    # formula whose rules are missing is laid out but blank.
    blank = v.page.evaluate(
        """() => Array.from(document.querySelectorAll('mjx-c')).filter(c =>
               getComputedStyle(c, '::before').content === 'none' && !c.textContent).length"""
    )
    assert blank == 0, f"{blank} glyphs of typeset formulas are blank (no glyph CSS)"
    # The TeX fonts came from the site and were applied.
    fonts = [u for u in v.requests if u.endswith(".woff")]
    assert fonts, "MathJax loaded no font from the site"
    loaded = v.page.evaluate(
        """async () => { await document.fonts.ready;
               return [...document.fonts].filter(f => f.family.startsWith('MJXTEX')
                                                    && f.status === 'loaded').length; }"""
    )
    assert loaded > 0, "no MathJax TeX font was loaded"
    return n


def assert_images_loaded(v: PageVisit, minimum: int = 1) -> int:
    images = v.page.evaluate(
        """() => Array.from(document.querySelectorAll('article img')).map(i => ({
               src: i.currentSrc || i.src, complete: i.complete, width: i.naturalWidth}))"""
    )
    assert len(images) >= minimum, f"expected at least {minimum} picture(s), found {images}"
    broken = [i["src"] for i in images if not i["complete"] or i["width"] <= 0]
    assert not broken, f"pictures that did not load: {broken}"
    return len(images)


def built_entries(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "entries").glob("*/index.html"))


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_built_site_references_no_remote_resource(site_dir):
    """No page or stylesheet loads anything from another host; no CDN anywhere in the build."""
    problems = []
    resource = re.compile(
        r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*["']?(https?:)?//"""
        r"""|<link\b[^>]*\bhref\s*=\s*["']?(https?:)?//"""
        r"""|url\(\s*["']?(https?:)?//|@import\s+["'](https?:)?//""",
        re.IGNORECASE,
    )
    url = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'()<>]*""")
    for path in site_dir.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".css", ".js", ".json", ".xml"):
            continue
        rel = path.relative_to(site_dir).as_posix()
        text = path.read_text(errors="replace")
        if path.suffix in (".html", ".css"):
            for m in resource.finditer(text):
                problems.append(f"{rel}: remote resource {text[m.start():m.start() + 120]!r}")
        allowed = set().union(*(urls for pattern, urls in KNOWN_BUNDLE_URLS.items()
                                if fnmatch.fnmatchcase(rel, pattern)))
        for host in CDN_HOSTS:
            for m in re.finditer(re.escape(host), text):
                found = url.match(text, max(0, text.rfind("//", 0, m.start()) - 6))
                where = found.group(0) if found else text[max(0, m.start() - 40):m.end() + 40]
                if not any(where.startswith(a) or a.startswith(where) for a in allowed):
                    problems.append(f"{rel}: CDN reference {where!r}")
    assert not problems, "\n".join(problems[:50])


def test_every_catalog_id_has_a_page(site_dir):
    try:
        from gradspec.symbolic.catalog import CATALOG
    except ImportError as exc:
        pytest.fail(f"gradspec.symbolic.catalog.CATALOG is not importable: {exc}")
    missing = [k for k in CATALOG if not (site_dir / "entries" / k / "index.html").is_file()]
    assert not missing, f"catalog ids without a page: {missing}"


def test_derivation_page_in_browser(site_dir, visit):
    built = built_entries(site_dir)
    chosen = next((p for p in DERIVATION_PAGES if p in built), built[0] if built else None)
    assert chosen, "no entry page was built (entries/<id>/index.html)"
    v = visit(f"entries/{chosen}/")
    n = assert_math_typeset(v)
    assert n >= 3, f"entries/{chosen}/: only {n} formulas typeset"
    assert_images_loaded(v)
    assert v.page.locator("h2", has_text="Derivation").count() == 1, "no Derivation section"
    assert_local_only(v)
    assert not v.errors, f"JavaScript errors: {v.errors}"
    shots = os.environ.get("GRADSPEC_SCREENSHOT_DIR")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        v.page.screenshot(path=str(Path(shots) / f"{chosen}.png"), full_page=True)


def test_errata_page_in_browser(site_dir, visit):
    v = visit("errata/")
    assert_math_typeset(v)
    assert_local_only(v)
    assert not v.errors, f"JavaScript errors: {v.errors}"
    try:
        from gradspec.symbolic.catalog import CATALOG
    except ImportError:
        return
    # The page groups every verdict short of right/rounded (wrong, typo, convention,
    # illustrative, truncated), one h3 per claim.
    listed = ("wrong", "typo", "convention", "illustrative", "truncated")
    wrong = [(e.id, c.label) for e in CATALOG.values() for c in e.claims
             if getattr(c, "expected", "") in listed]
    headings = v.page.locator("article h3").all_inner_texts()
    assert len(headings) == len(wrong), (
        f"the errata page lists {len(headings)} claims, the catalog has {len(wrong)}"
    )
    for entry_id, _label in wrong:
        assert any(h.startswith(entry_id) for h in headings), f"erratum of {entry_id} missing"


def test_experiment_pictures_in_browser(site_dir, visit):
    """The pictures of the experiments load: 004's page, and the learning-rate experiment
    beside the lab's descent on exp_minus_log."""
    page = site_dir / "seeds" / "004-experiments" / "index.html"
    assert page.is_file(), "no page seeds/004-experiments/ (the experiments of 004)"
    v = visit("seeds/004-experiments/")
    assert_images_loaded(v, minimum=2)
    assert_local_only(v)
    assert not v.errors, f"JavaScript errors: {v.errors}"
    if "exp_minus_log" in built_entries(site_dir):
        v = visit("entries/exp_minus_log/")
        assert_images_loaded(v, minimum=2)
        assert_local_only(v)


def test_home_page_in_browser(visit):
    v = visit("")
    assert_math_typeset(v)
    assert_local_only(v)


#: The widths every page is opened at: a phone's and a desktop's.
WIDTHS = (390, 1400)


def site_pages(site: Path) -> list[str]:
    """Every page of the build, as a URL path ("" for the home page)."""
    pages = []
    for html_file in sorted(site.rglob("index.html")):
        rel = html_file.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "javascripts", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def test_no_page_overflows_at_phone_or_desktop_width(site_dir, browser, server):
    """No page scrolls sideways: at 390 px and at 1400 px the document is no wider than the
    window (a long formula or table scrolls inside its own box instead)."""
    pages = site_pages(site_dir)
    assert len(pages) > 50, f"only {len(pages)} pages built"
    overflowing = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for path in pages:
                page.goto(f"{server}/{path}", wait_until="load")
                page.wait_for_function(
                    "() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)",
                    timeout=TYPESET_TIMEOUT_MS)
                page.evaluate("() => window.MathJax ? MathJax.startup.promise : null")
                wide = page.evaluate(
                    """() => [document.documentElement.scrollWidth,
                              document.documentElement.clientWidth]""")
                if wide[0] > wide[1]:
                    overflowing.append(f"{width} px: /{path} is {wide[0]} px wide")
        finally:
            context.close()
    assert not overflowing, "pages wider than the window:\n" + "\n".join(overflowing)


def test_api_reference_documents_the_public_names(site_dir, visit):
    """The API page documents every public function and result class (at least 20), each
    with a signature, and search finds them."""
    v = visit("api/")
    headings = v.page.locator("article h3.doc-heading").all_inner_texts()
    names = {h.split()[0].split("(")[0].split(".")[-1] for h in headings if h.strip()}
    assert len(names) >= 20, f"the API page documents only {len(names)} names: {names}"
    for name in ("gradient_descent", "FitResult", "linear_regression", "DescentResult"):
        assert name in names, f"{name} is not documented on the API page"
    signatures = v.page.locator("article .doc-signature").count()
    assert signatures >= 20, f"only {signatures} signatures on the API page"
    import json
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    locations = [d["location"] for d in index["docs"]]
    for name in ("gradient_descent", "FitResult"):
        assert any(loc.startswith("api/#gradspec.kernels.") and loc.endswith(f".{name}")
                   for loc in locations), f"search does not find {name}"
    assert not any(d["location"].startswith("SUMMARY") for d in index["docs"]), (
        "the navigation source SUMMARY is in the search index")
    assert not (site_dir / "SUMMARY" / "index.html").exists(), "SUMMARY is published"


def _run_like_a_console(source: str) -> list[tuple[str, str]]:
    """(expression, repr of its value) for each expression statement of ``source``."""
    import ast

    import numpy as np
    namespace: dict = {}
    shown = []
    with np.printoptions(precision=17, floatmode="maxprec"):
        for node in ast.parse(source).body:
            code = ast.get_source_segment(source, node)
            if isinstance(node, ast.Expr):
                shown.append((code, repr(eval(code, namespace))))
            else:
                exec(code, namespace)
    return shown


@pytest.mark.parametrize("entry_id", ["sauna", "log_loss", "sigmoid", "cost_multiple_linear"])
def test_use_it_output_is_what_the_kernel_returns(site_dir, visit, entry_id):
    """The "Use it" block's output is what running its code returns now."""
    v = visit(f"entries/{entry_id}/")
    code = v.page.locator(".gs-use .highlight code").first.inner_text()
    output = v.page.locator(".gs-use-output").first.inner_text()
    expected = _run_like_a_console(code)
    assert expected, f"no call in the Use it block of {entry_id}: {code!r}"
    # The output lists each call, then "→ value" (a value may span lines: an array).
    calls = [c for c, _ in expected]
    shown: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        if line.strip() in calls:
            current = shown.setdefault(line.strip(), [])
        elif current is not None:
            current.append(line.strip())
    assert list(shown) == calls, f"{entry_id}: the output lists {list(shown)}, not {calls}"
    for call, want in expected:
        value = " ".join(shown[call]).removeprefix("→").strip()
        assert value.split() == want.split(), f"{entry_id}: {call} shows {value}, returns {want}"


def test_dashboard_lists_every_catalog_id(site_dir, visit):
    from gradspec.symbolic.catalog import CATALOG

    v = visit("status/")
    ids = set(v.page.locator("article td code").all_inner_texts())
    missing = sorted(set(CATALOG) - ids)
    assert not missing, f"the status dashboard does not list {missing}"
    badges = v.page.locator("article td .gs-verdict").count()
    assert badges == len(CATALOG), f"{badges} status badges for {len(CATALOG)} formulas"


def test_browser_tools_present():
    """Say plainly when the browser tools are missing (the fixtures fail the same way)."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append(f"Debian chromium at {CHROMIUM} (.ci/install-browser)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append('playwright (pip install -e ".[test]")')
    if missing:
        _skip_or_fail("missing: " + ", ".join(missing))
    assert not missing
