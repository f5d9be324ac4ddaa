#!/usr/bin/env python3
"""Scores trafilatura (and readability-lxml, if installed) on redliner's own test
pages, tests/fixtures/html/bench/NAME.{html,txt,furniture}, with the metric that
`cargo test --test extraction bench_pages -- --nocapture` prints for redliner:
bag-of-words precision and recall per page (lower-cased \\w+ tokens, multiset),
averaged over pages; a page "leaks" when any line of NAME.furniture appears in
the output (case-insensitive). Also times each extractor per page.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install trafilatura readability-lxml lxml_html_clean
    /tmp/venv/bin/python bench/extraction.py
"""
import collections, pathlib, re, sys, time

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tests/fixtures/html/bench"


def words(text):
    return collections.Counter(re.findall(r"\w+", text.lower()))


def score(got, expected):
    g, e = words(got), words(expected)
    hit = sum((g & e).values())
    p = hit / max(sum(g.values()), 1)
    r = hit / max(sum(e.values()), 1)
    return p, r


def leaks(got, furniture):
    low = got.lower()
    return [f for f in furniture if f.lower() in low]


def extractors():
    import trafilatura
    yield "trafilatura", lambda html: trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    try:
        from readability import Document
        import lxml.html

        def readability(html):
            summary = Document(html).summary()
            return lxml.html.fromstring(summary).text_content()

        yield "readability-lxml", readability
    except ImportError:
        pass


def main():
    names = sorted(p.stem for p in ROOT.glob("*.html"))
    for label, fn in extractors():
        ps, rs, leaked, elapsed = [], [], 0, 0.0
        for name in names:
            html = (ROOT / f"{name}.html").read_text()
            expected = (ROOT / f"{name}.txt").read_text()
            furniture = [l for l in (ROOT / f"{name}.furniture").read_text().splitlines() if l.strip()]
            start = time.perf_counter()
            for _ in range(20):
                got = fn(html)
            elapsed += (time.perf_counter() - start) / 20
            p, r = score(got, expected)
            ps.append(p)
            rs.append(r)
            bad = leaks(got, furniture)
            leaked += bool(bad)
            print(f"{label:17} {name:24} P {p:.3f} R {r:.3f} leaks {bad}")
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        f1 = 2 * p * r / (p + r)
        print(f"{label:17} overall: P {p:.3f} R {r:.3f} F1 {f1:.3f}; furniture in {leaked}/{len(names)} pages; "
              f"{1000 * elapsed / len(names):.2f} ms/page\n")


if __name__ == "__main__":
    sys.exit(main())
