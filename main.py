"""``python main.py``: the same program as the ``annotator`` console script."""

from annotator.main import main

if __name__ == "__main__":
    raise SystemExit(main())
