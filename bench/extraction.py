#!/usr/bin/env python3
"""Scores extractors side by side on redliner's own test pages,
tests/fixtures/html/bench/NAME.{html,txt,furniture}: trafilatura and
readability-lxml (Python) here, and redliner, plain dom_smoothie and the
trafilatura crate through bench/extractors (a Cargo project of its own, run
with `cargo run --release`), in one run on one machine.

The metric is the one `cargo test --test extraction bench_pages -- --nocapture`
prints for redliner: bag-of-words precision and recall per page (lower-cased
\\w+ tokens, multiset), averaged over pages, F1 of the averages; a page "leaks"
when any line of NAME.furniture appears in the output (case-insensitive).
Time per page: the median of 21 runs of each page (after one warm-up run),
averaged over pages, in-process for every extractor.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install trafilatura readability-lxml lxml_html_clean
    /tmp/venv/bin/python bench/extraction.py            # per page, then the table
    /tmp/venv/bin/python bench/extraction.py --no-rust  # the Python extractors only
"""
import collections, pathlib, re, statistics, subprocess, sys, time

REPO = pathlib.Path(__file__).resolve().parent.parent
ROOT = REPO / "tests/fixtures/html/bench"
RUNS = 21


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
    yield f"trafilatura {trafilatura.__version__} (Python)", lambda html: trafilatura.extract(
        html, include_comments=False, include_tables=True) or ""
    try:
        from readability import Document
        import lxml.html

        def readability(html):
            summary = Document(html).summary()
            # The text of each element apart: text_content() would glue
            # table cells and list items into one word ("facility2.75%").
            return " ".join(lxml.html.fromstring(summary).itertext())

        yield "readability-lxml (Python)", readability
    except ImportError:
        pass


def quiet(fn):
    def run(html):
        try:
            return fn(html)
        except Exception:
            return ""
    return run


def median_seconds(fn, html):
    fn(html)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(html)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_rows():
    names = sorted(p.stem for p in ROOT.glob("*.html"))
    for label, fn in extractors():
        ps, rs, leaked, elapsed, failed = [], [], 0, 0.0, []
        for name in names:
            html = (ROOT / f"{name}.html").read_text()
            expected = (ROOT / f"{name}.txt").read_text()
            furniture = [l for l in (ROOT / f"{name}.furniture").read_text().splitlines() if l.strip()]
            try:
                got = fn(html)
            except Exception as e:  # an extractor that fails on a page scores 0 there
                failed.append(f"{name}: {e}")
                got = ""
            elapsed += median_seconds(quiet(fn), html)
            p, r = score(got, expected)
            ps.append(p)
            rs.append(r)
            bad = leaks(got, furniture)
            leaked += bool(bad)
            print(f"{label:31} {name:26} P {p:.3f} R {r:.3f} leaks {bad}")
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        yield [label, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", str(leaked), str(len(names)),
               f"{1000 * elapsed / len(names):.3f}", "; ".join(failed)]
        print()


def rust_rows():
    manifest = REPO / "bench/extractors/Cargo.toml"
    command = ["cargo", "run", "--quiet", "--release", "--manifest-path", str(manifest), "--"]
    per_page = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(per_page, end="")
    table = subprocess.run(command + ["--tsv"], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in table.splitlines()[1:]]


def main():
    rows = []
    if "--no-rust" not in sys.argv:
        rows += rust_rows()
    rows += list(python_rows())
    print("| extractor | P | R | F1 | furniture leaked | ms/page | failed |")
    print("|---|--:|--:|--:|--:|--:|---|")
    for label, p, r, f1, leaked, pages, ms, failed in rows:
        print(f"| {label} | {p} | {r} | {f1} | {leaked}/{pages} | {ms} | {failed or '—'} |")


if __name__ == "__main__":
    sys.exit(main())
