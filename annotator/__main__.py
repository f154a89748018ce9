"""``python -m annotator``: the same program as the ``annotator`` console script."""

from annotator.main import main

raise SystemExit(main())
