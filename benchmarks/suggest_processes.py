"""How fast suggestions are, and whether a second process helps: prints seconds per configuration.

    python -m benchmarks.suggest_processes [--docs 500] [--model NAME]

Compares raw ``nlp.pipe`` of the trained model (no project components) with
``suggest_many`` for n_process 1 and 2 and a few batch sizes, on the GUM news
texts and the sample article repeated to ``--docs`` articles (each copy made
unique so no cache can help).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gold_data import all_gold


def articles(n: int) -> list[tuple[int, str]]:
    base = [d.text for d in all_gold() if len(d.text) > 1500]
    return [(i, f"Article {i}.\n\n{base[i % len(base)]}") for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)

    import spacy

    from annotator.nlp.pipeline import FALLBACK_MODELS, _installed, load_pipeline
    from annotator.nlp.suggest import suggest_many

    docs = articles(args.docs)
    chars = sum(len(t) for _, t in docs)
    print(f"{len(docs)} articles, {chars / 1e6:.2f} M characters")
    name = args.model or next(m for m in FALLBACK_MODELS if _installed(m))
    raw = spacy.load(name)
    t0 = time.perf_counter()
    for _ in raw.pipe((t for _, t in docs), batch_size=32):
        pass
    base = time.perf_counter() - t0
    print(f"raw nlp.pipe({name}, all components, batch 32, 1 process): {base:.1f} s", flush=True)
    pipeline = load_pipeline(args.model)
    for n_process, batch_size in ((1, 32), (2, 32), (1, 128), (2, 128)):
        t0 = time.perf_counter()
        n = sum(1 for _ in suggest_many(pipeline, docs, batch_size=batch_size, n_process=n_process))
        secs = time.perf_counter() - t0
        print(
            f"suggest_many n_process={n_process} batch_size={batch_size}: "
            f"{secs:.1f} s ({secs / base:.2f}x raw), {n} docs",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
