"""Render the window offscreen with the sample article and its suggestions to docs/screenshot.png.

    python scripts/screenshot.py [--dark] [--output FILE] [--model NAME]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.io.sample import ensure_sample  # noqa: E402
from annotator.nlp import load_pipeline  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.ui.app import make_application  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator.ui.settings import Settings, default_qsettings  # noqa: E402
from annotator.ui.theme import apply_theme  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--model", default=None)
    parser.add_argument("--size", default="1400x900", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    app = make_application()
    apply_theme(app, "dark" if args.dark else "light")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "screenshot.db")
        ensure_sample(store)
        settings = Settings(default_qsettings(Path(tmp) / "settings.ini"))
        window = MainWindow(
            store, settings, "alice", pipeline_loader=lambda: load_pipeline(args.model), synchronous=True,
            interactive=False,
        )
        width, height = (int(n) for n in args.size.lower().split("x"))
        window.resize(width, height)
        window.fit_panels()
        window.show()
        window.start()  # synchronous: the model loads and the article is suggested before this returns
        app.processEvents()
        # Show some decisions too: accept the first few suggestions, then select a quote that has
        # a speaker, so the panel shows the speaker column.
        for _ in range(3):
            window.editor.next_span()
            window.editor.accept()
        quotes = [s for s in window.session.ordered() if s.label == "QUOTE" and s.id in window.session.speakers]
        if quotes:
            window.editor.select_span(quotes[0].id)
            window.editor.accept()
            window.editor.select_span(quotes[0].id)
        app.processEvents()
        app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.output))
        window.close()
        store.close()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
