"""Keys in a real X11 window (Xvfb + openbox + xdotool), where offscreen hides shortcut clashes.

Offscreen Qt never saw "Ambiguous shortcut overload: Backtab": on X11, Shift+Tab arrives as
Backtab and matched two of the three keys bound to "previous span", so it did nothing. This
drives the real app process with real key events. Skipped where Xvfb, openbox, xdotool or
Qt's xcb plugin are missing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.model import Document, Span
from annotator.store import Store

TOOLS = ("Xvfb", "openbox", "xdotool")
pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or any(shutil.which(t) is None for t in TOOLS), reason="needs Xvfb, openbox and xdotool"
)
TEXT = "Talks\n\nAna met Bo. Cy met Di. Ed met Flo."
NAMES = ["Ana", "Bo", "Cy", "Di"]


def wait_for(check, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    return None


def free_display() -> int:
    """A display number no live X server holds. The lock of a server that died without cleaning up (killed,
    or a crashed run) names a process that is gone: its lock and socket are removed and the number reused,
    as Xvfb itself would; otherwise a hundred dead runs would make every later run skip."""
    for number in range(90, 190):
        lock, socket = Path(f"/tmp/.X{number}-lock"), Path(f"/tmp/.X11-unix/X{number}")
        if lock.exists():
            try:
                os.kill(int(lock.read_text().strip()), 0)
                continue  # a live server
            except ProcessLookupError:
                pass  # stale: its server is gone
            except (ValueError, OSError):
                continue  # unreadable, or another user's live server
            try:
                lock.unlink()
                socket.unlink(missing_ok=True)
            except OSError:
                continue
        elif socket.exists():
            continue
        return number
    pytest.skip("no free X display number")


@pytest.fixture
def display(tmp_path: Path):  # type: ignore[no-untyped-def]
    number = free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or xvfb.poll() is not None, 20) or xvfb.poll():
        pytest.skip("Xvfb did not start")
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    probe = subprocess.run([sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
                           env=env, capture_output=True, timeout=60)
    if probe.returncode != 0:
        xvfb.kill()
        xvfb.wait()
        pytest.skip("Qt's xcb platform plugin does not load here (missing X libraries?)")
    wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield env
    wm.kill()
    wm.wait()
    xvfb.terminate()  # SIGTERM: Xvfb removes its lock and socket on the way out
    try:
        xvfb.wait(10)
    except subprocess.TimeoutExpired:
        xvfb.kill()
        xvfb.wait()


def test_tab_and_shift_tab_move_between_spans_in_a_real_x11_window(display: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    store = Store.open(db)
    doc_id, _ = store.add_document(Document(text=TEXT, title="Talks"))
    store.save_suggestions(doc_id, [Span(TEXT.index(n), TEXT.index(n) + len(n), "ACTOR") for n in NAMES], [])
    store.close()
    settings = (
        "from annotator.ui.settings import Settings, default_qsettings\n"
        "s = Settings(default_qsettings()); s.annotator = 'xtester'; s.seen_hint = True; s.sync()\n"
    )
    subprocess.run([sys.executable, "-c", settings], env=display, check=True, timeout=60)
    app = subprocess.Popen([sys.executable, "-m", "annotator", "--db", str(db)], env=display,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def window() -> str | None:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Talks"], env=display,
                                   capture_output=True, text=True)
            return found.stdout.split()[0] if found.stdout.split() else None

        win = wait_for(window, 60)
        assert win, "the app window did not appear"
        subprocess.run(["xdotool", "windowactivate", "--sync", win], env=display, check=False, timeout=20)
        time.sleep(1.0)
        for keys in (["Tab"], ["Tab"], ["shift+Tab"], ["a"]):
            subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], env=display, check=True, timeout=20)
            time.sleep(0.4)

        def accepted() -> list[str]:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                rows = con.execute("SELECT start, end FROM spans WHERE status = 'accepted'").fetchall()
            return [TEXT[s:e] for s, e in rows]

        # The window opens on Ana (its first span); Tab x2 reaches Cy; Shift+Tab goes back to Bo; A accepts Bo
        # (not Cy, which it did when Shift+Tab did nothing).
        assert wait_for(accepted, 10) == ["Bo"]
    finally:
        app.terminate()
        try:
            output, _ = app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            output, _ = app.communicate()
    assert "Ambiguous shortcut" not in output, output


def _settings(display: dict[str, str], db: Path | None = None, last_document: int | None = None) -> None:
    """The first-run questions answered (name, hint), and the document the window opens on."""
    code = (
        "import sys\n"
        "from annotator.ui.settings import Settings, default_qsettings\n"
        "s = Settings(default_qsettings()); s.annotator = 'xtester'; s.seen_hint = True\n"
        "if len(sys.argv) > 2: s.set_last_document(sys.argv[1], int(sys.argv[2]))\n"
        "s.sync()\n"
    )
    args = [str(db), str(last_document)] if db is not None and last_document is not None else []
    subprocess.run([sys.executable, "-c", code, *args], env=display, check=True, timeout=60)


def _find_window(display: dict[str, str], name: str) -> str | None:
    def window() -> str | None:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env=display,
                               capture_output=True, text=True)
        return found.stdout.split()[0] if found.stdout.split() else None

    return wait_for(window, 60)


def _keys(display: dict[str, str], *keys: str) -> None:
    for k in keys:
        subprocess.run(["xdotool", "key", "--clearmodifiers", k], env=display, check=True, timeout=20)
        time.sleep(0.4)


def test_the_span_the_annotator_moved_to_survives_a_kill(display: dict[str, str], tmp_path: Path) -> None:
    """The place used to be written on a normal close only: SIGKILL (a crash, a power cut) lost the span."""
    db = tmp_path / "x.db"
    store = Store.open(db)
    store.add_document(Document(text="Other\n\nNothing here.", title="Other"))
    doc_id, _ = store.add_document(Document(text=TEXT, title="Talks"))
    store.save_suggestions(doc_id, [Span(TEXT.index(n), TEXT.index(n) + len(n), "ACTOR") for n in NAMES], [])
    store.close()
    _settings(display, db, doc_id)

    def launch() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "annotator", "--db", str(db)], env=display,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)

    app = launch()
    try:
        win = _find_window(display, "Talks")
        assert win, "the app window did not appear"
        subprocess.run(["xdotool", "windowactivate", "--sync", win], env=display, check=False, timeout=20)
        time.sleep(1.0)
        _keys(display, "Tab", "Tab")  # from Ana (the window opens on its first span) to Cy, the third
        time.sleep(1.0)  # the place is written a quarter second after the last move
    finally:
        app.kill()  # SIGKILL: no closeEvent, nothing saved on the way out
        app.wait(20)
    app = launch()
    try:
        win = _find_window(display, "Talks")
        assert win, "the app window did not appear again"
        subprocess.run(["xdotool", "windowactivate", "--sync", win], env=display, check=False, timeout=20)
        time.sleep(1.0)
        _keys(display, "a")  # accepts the span the window opened on

        def accepted() -> list[str]:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                rows = con.execute("SELECT start, end FROM spans WHERE status = 'accepted'").fetchall()
            return [TEXT[s:e] for s, e in rows]

        assert wait_for(accepted, 10) == ["Cy"], "the window opened on the span left before the kill"
    finally:
        app.terminate()
        app.wait(20)


WRAP_PROBE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from annotator.store import Store
from annotator.ui.app import make_application
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings, default_qsettings

app = make_application()
window = MainWindow(Store.open(Path(sys.argv[1])), Settings(default_qsettings()), "xtester",
                    pipeline_loader=lambda: None, interactive=False)
window.show()
window.start()
for _ in range(50):
    app.processEvents()
view = window.view
print(view.horizontalScrollBar().maximum(), view.viewport().width(), view.viewportMargins().right())
window.background.runner.cancel_all()
window.background.runner.wait()
"""


def test_a_short_article_opened_at_start_wraps_beside_the_speaker_margin(display: dict[str, str],
                                                                         tmp_path: Path) -> None:
    """On X11 the window that opened straight on a short article (no vertical scroll bar) wrapped its lines as if
    the speaker margin were not there: their ends hidden under it and a horizontal scroll bar."""
    db = tmp_path / "x.db"
    store = Store.open(db)
    doc_id, _ = store.add_document(Document(text="Short\n\n" + "A line that is long enough to wrap. " * 12,
                                            title="Short"))
    store.close()
    _settings(display, db, doc_id)
    probe = subprocess.run([sys.executable, "-c", WRAP_PROBE, str(db)], env=display, capture_output=True,
                           text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    scroll, width, margin = map(int, probe.stdout.split()[-3:])
    assert margin > 0 and width > 0
    assert scroll == 0, "every line fits beside the margin (no horizontal scroll bar)"
