"""How well ``import --clean`` keeps article lines and drops the rest: precision and recall of kept lines.

    python -m benchmarks.clean            # the table
    python -m benchmarks.clean --show     # and every line each rule removed

Data (``benchmarks/clean_data/``, see its README): news pages of the
article-extraction-benchmark (Zyte/Scrapinghub, MIT) as scraped text, "full
page" (all the visible text of the page: html-text's output) and "article
extractor" (readability's output), with the article text of its
``ground-truth.json``. Four pages were in view while the rules were written;
three more ("held out") were added afterwards and scored once.

A non-blank line of the scraped text is an *article line* when it is a line of
the ground truth (spaces collapsed). Precision: the share of kept lines that are
article lines; recall: the share of article lines kept. "keep all" is the
scraped text as it is, the baseline.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.io.clean import clean_text

DATA = Path(__file__).resolve().parent / "clean_data"
# (row name, scraped texts, their article texts); the held-out pages were added after the rules were written.
SETS = (
    ("full page", "full_page.json", "truth.json"),
    ("article extractor", "article_extractor.json", "truth.json"),
    ("full page, held out", "heldout_full_page.json", "heldout_truth.json"),
)


def _key(line: str) -> str:
    return " ".join(line.split())


def score(scraped: str, truth: str) -> dict[str, int]:
    """Counts of lines for one page: article lines, kept lines, kept article lines, with and without cleaning."""
    article = {_key(line) for line in truth.split("\n") if line.strip()}
    lines = scraped.split("\n")
    removed = {r.line - 1 for r in clean_text(scraped).removed}
    counts = dict.fromkeys(("lines", "article", "kept", "kept_article"), 0)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        is_article = _key(line) in article
        counts["lines"] += 1
        counts["article"] += is_article
        if i not in removed:
            counts["kept"] += 1
            counts["kept_article"] += is_article
    return counts


def _pr(kept_article: int, kept: int, article: int) -> tuple[float, float]:
    return (kept_article / kept if kept else 1.0), (kept_article / article if article else 1.0)


def _load(name: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def table() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for kind, scraped_file, truth_file in SETS:
        pages, truth = _load(scraped_file), _load(truth_file)
        total = dict.fromkeys(("lines", "article", "kept", "kept_article"), 0)
        for page_id, scraped in pages.items():
            for name, n in score(scraped, truth[page_id]).items():
                total[name] += n
        base_p, base_r = _pr(total["article"], total["lines"], total["article"])
        p, r = _pr(total["kept_article"], total["kept"], total["article"])
        out.append({
            "input": kind, "pages": len(pages), "lines": total["lines"], "article lines": total["article"],
            "keep all P": round(base_p, 3), "keep all R": round(base_r, 3),
            "removed": total["lines"] - total["kept"],
            "--clean P": round(p, 3), "--clean R": round(r, 3),
        })
    return out


def show() -> None:
    for kind, scraped_file, truth_file in SETS:
        pages, truth = _load(scraped_file), _load(truth_file)
        for page_id, scraped in pages.items():
            article = {_key(line) for line in truth[page_id].split("\n") if line.strip()}
            print(f"== {kind} {page_id[:12]}")
            for r in clean_text(scraped).removed:
                mark = "ARTICLE LINE LOST " if _key(r.text) in article else ""
                print(f"  {mark}{r.line:4} {r.rule:18} {r.text[:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list every removed line")
    args = parser.parse_args(argv)
    if args.show:
        show()
    rows = table()
    headers = list(rows[0])
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in headers) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
