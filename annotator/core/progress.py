"""How long work reports progress and learns it should stop: the same two callables everywhere.

The import, export and suggesting functions take them; the command line passes a
progress bar, the desktop app a worker's signal and its Cancel button.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called as work goes on (total 0: not known yet)."""

Cancel = Callable[[], bool]
"""``cancel()``: True once the work should stop; what is finished so far is kept."""
