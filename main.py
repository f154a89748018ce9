"""`python main.py` is the same program as the `annotator` console script."""

from annotator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
