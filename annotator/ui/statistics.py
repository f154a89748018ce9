"""The statistics view: progress per annotator over time, spans per label, agreement per label.

Charts are pyqtgraph plots (a Qt plotting library: native QGraphicsView items, no second
GUI toolkit), drawn from the same dictionary ``stats --json`` prints
(``annotator.work.statistics.collect_statistics``), so the window and the command line never
disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from annotator.core.labels import LabelSet
from annotator.store import Store
from annotator.ui import jobs
from annotator.ui.workers import WorkFn

# Distinct, colour-blind-safe series colours (Okabe-Ito) for annotators.
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MEASURES = (("exact_f1", "exact F1"), ("overlap_f1", "overlap F1"), ("alpha", "alpha"))
MEASURE_COLOURS = ["#0072B2", "#56B4E9", "#D55E00"]


def _day(text: str) -> float:
    return dt.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=dt.UTC).timestamp()


def progress_series(stats: dict[str, Any]) -> dict[str, tuple[list[float], list[int]]]:
    """Per annotator: (day timestamps, documents done up to that day), from their versions in a
    team database, else from the working version."""
    team = stats.get("team")
    per_day: dict[str, dict[str, int]] = (
        {name: entry["done_per_day"] for name, entry in team["annotators"].items()}
        if team else {name or "(nobody)": days for name, days in stats.get("done_per_day", {}).items()}
    )
    series = {}
    for name, days in sorted(per_day.items()):
        total, xs, ys = 0, [], []
        for day in sorted(days):
            total += days[day]
            xs.append(_day(day))
            ys.append(total)
        series[name] = (xs, ys)
    return series


def spans_per_label(stats: dict[str, Any], labels: list[str]) -> dict[str, list[float]]:
    """Accepted spans per label: per annotator in a team database, else of the working version."""
    team = stats.get("team")
    if team:
        return {
            name: [entry["spans"].get(label, 0) for label in labels]
            for name, entry in sorted(team["annotators"].items())
        }
    return {"accepted": [stats["spans"].get(label, {}).get("accepted", 0) for label in labels]}


def agreement_per_label(stats: dict[str, Any], labels: list[str]) -> dict[str, list[float]]:
    """exact F1, overlap F1 and alpha per label (NaN where there is nothing to compare)."""
    team = stats.get("team")
    if not team or not team["agreement"]["documents_compared"]:
        return {}
    rows = team["agreement"]["labels"]
    return {
        title: [float("nan") if rows.get(label, {}).get(key) is None else rows[label][key] for label in labels]
        for key, title in MEASURES
    }


class StatisticsView(QWidget):
    """Three charts and a line of totals; ``show_stats`` redraws them from a stats dictionary."""

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.progress = self._plot("Documents done per annotator", "documents", dates=True)
        self.spans = self._plot("Accepted spans per label", "spans")
        self.agreement = self._plot("Agreement per label", "score")
        layout = QGridLayout(self)
        layout.addWidget(self.summary, 0, 0, 1, 2)
        layout.addWidget(self.progress, 1, 0, 1, 2)
        layout.addWidget(self.spans, 2, 0)
        layout.addWidget(self.agreement, 2, 1)

    def _plot(self, title: str, unit: str, *, dates: bool = False) -> pg.PlotWidget:
        axis = {"bottom": pg.DateAxisItem(orientation="bottom")} if dates else {}
        plot = pg.PlotWidget(title=title, axisItems=axis)
        plot.setBackground(self.palette().color(self.backgroundRole()))
        plot.setLabel("left", unit)
        plot.showGrid(y=True, alpha=0.3)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.addLegend(offset=(10, 10))
        return plot

    def show_stats(self, stats: dict[str, Any]) -> None:
        names = list(self.labels.names)
        names += sorted(label for label in stats.get("spans", {}) if label not in names)
        docs = stats["documents"]
        team = stats.get("team")
        text = f"{docs['done']} of {docs['total']} documents done"
        if team:
            text = (
                f"{len(team['annotators'])} annotators' versions merged; agreement measured on"
                f" {team['agreement']['documents_compared']} documents; final (reviewed) version: {text}"
            )
        self.summary.setText(text)
        self._draw_progress(progress_series(stats))
        self._draw_bars(self.spans, spans_per_label(stats, names), names)
        self._draw_bars(self.agreement, agreement_per_label(stats, names), names, colours=MEASURE_COLOURS)

    def _draw_progress(self, series: dict[str, tuple[list[float], list[int]]]) -> None:
        self.progress.clear()
        days = sorted({x for xs, _ in series.values() for x in xs})
        if days:  # at least a week wide, so that one day of work is a point on a date axis, not on a clock
            middle = (days[0] + days[-1]) / 2
            half = max((days[-1] - days[0]) / 2, 3.5 * 86400) + 0.5 * 86400
            self.progress.setXRange(middle - half, middle + half, padding=0)
        top = max((ys[-1] for _, ys in series.values() if ys), default=0) or 1
        self.progress.setYRange(0, top * 1.3, padding=0)
        legend = self.progress.plotItem.legend
        if legend is not None:
            legend.setColumnCount(max(len(series), 1))
        for i, (name, (xs, ys)) in enumerate(series.items()):
            colour = SERIES[i % len(SERIES)]
            self.progress.plot(
                xs, ys, name=name, pen=pg.mkPen(colour, width=2), symbol="o", symbolBrush=colour, symbolSize=6
            )

    def _draw_bars(
        self, plot: pg.PlotWidget, groups: dict[str, list[float]], labels: list[str],
        colours: list[str] | None = None,
    ) -> None:
        plot.clear()
        if not groups:
            plot.getAxis("bottom").setTicks([[(i, label) for i, label in enumerate(labels)]])
            return
        width = 0.8 / len(groups)
        for g, (name, heights) in enumerate(groups.items()):
            colour = (colours or SERIES)[g % len(colours or SERIES)]
            xs = [i - 0.4 + width * (g + 0.5) for i in range(len(labels))]
            plot.addItem(pg.BarGraphItem(
                x=xs, height=[0 if h != h else h for h in heights], width=width * 0.9,
                brush=QColor(colour), pen=pg.mkPen(colour), name=name,
            ))
        plot.getAxis("bottom").setTicks([[(i, label) for i, label in enumerate(labels)]])
        legend = plot.plotItem.legend
        if legend is not None:
            legend.setColumnCount(len(groups))
        top = max((h for heights in groups.values() for h in heights if h == h), default=0) or 1
        plot.setYRange(0, top * 1.3, padding=0)  # room for the legend above the bars


class ChartsDialog(QDialog):
    """The charts in a window of their own (View → Statistics charts, Ctrl+Shift+I)."""

    def __init__(self, labels: LabelSet, stats: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Statistics charts")
        self.view = StatisticsView(labels, self)
        self.view.show_stats(stats)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 640)


def show_charts(
    parent: QWidget, store: Store, labels: LabelSet, run: Callable[[str, WorkFn, Callable[[Any], None]], object]
) -> None:
    """Gather the numbers in a worker (``run(name, work, on_done)``) and open the view when they are there."""

    def ready(stats: dict[str, Any]) -> None:
        dialog = ChartsDialog(labels, stats, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        parent.charts_dialog = dialog  # type: ignore[attr-defined]

    if store.path == ":memory:":  # a worker's own connection would see another, empty database
        from annotator.work.statistics import collect_statistics

        ready(collect_statistics(store, labels.names))
        return
    run("statistics", jobs.statistics(store.path, labels.names), ready)
