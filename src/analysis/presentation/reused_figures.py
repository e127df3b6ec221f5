"""Report figures kept between the reports of one process, and reset for the next one.

A warm kernel draws the same charts for pair after pair. Making a figure's axes
(``Axes.__init__`` builds titles, patch, spines and grid) and the tick objects
matplotlib then creates for them (five artists a tick, ~120 ticks a report) was
about a fifth of a report's drawing time. A chart's figure is instead put back
here once it is saved, and the next drawing of the same chart takes it, reset to
what a new figure would be.

The reset covers what the report charts do to a figure: its height and subplot
parameters, the artists they add and their containers (removed), the figure's
legends, data and view limits with autoscaling, margins, the property cycle,
scales with their locators and formatters, the grid, the tick-label switches and
axis-label positions that :mod:`~analysis.presentation.svg_tick_labels` sets,
titles and axis labels. A
figure on which a chart did anything else (an empty panel's message, see
:func:`spoil`) is not put back; nor is one whose rcParams have changed since it
was made. ``tests/unit/test_reused_figures.py`` draws the charts of many pairs
both ways, in a shuffled order, and requires the same SVG bytes and the same
limits to the last bit. Only a process that draws one chart after another reuses
(a warm kernel, a researcher's notebook); nothing is shared between processes.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
from matplotlib.axis import Axis
from matplotlib.figure import Figure


@dataclass
class _Made:
    """What a figure was like when it was made, to reset it to."""

    name: str
    rc: dict[str, Any]
    # per axes: (labelbottom, labelleft) of the major ticks
    tick_labels: list[tuple[bool, bool]]
    # per axis label (x then y, axes by axes): its transform and position
    axis_labels: list[tuple[Any, tuple[float, float]]]
    # the subplot parameters (left, bottom, right, top, wspace, hspace)
    layout: dict[str, float]
    spoiled: bool = field(default=False)


_IDLE: dict[str, Figure] = {}
"""Figures put back, by chart name, waiting for the next drawing of that chart."""
_MADE: weakref.WeakKeyDictionary[Figure, _Made] = weakref.WeakKeyDictionary()
_ENABLED = True


def enable(on: bool) -> None:
    """Keep and reuse figures (the default) or make every figure anew (for comparisons)."""
    global _ENABLED
    _ENABLED = on
    _IDLE.clear()


def take(name: str, height: float, make: Callable[[], Figure]) -> Figure:
    """The figure for chart ``name``: the last one put back, reset, else ``make()``.

    Args:
        name: The chart's name; a figure is only reused by the chart that made it
            (charts set some things, such as title styles, the same way every time).
        height: Height in inches (the width is the one ``make`` gave).
        make: Makes a new figure, its axes in place (under the charts' rcParams).
    """
    fig = _IDLE.pop(name, None) if _ENABLED else None
    if fig is not None and _MADE[fig].rc == mpl.rcParams:
        _reset(fig, height)
        return fig
    fig = make()
    if _ENABLED:
        _MADE[fig] = _Made(
            name,
            dict(mpl.rcParams),
            [
                (_label_on(ax.xaxis, "labelbottom"), _label_on(ax.yaxis, "labelleft"))
                for ax in fig.axes
            ],
            [
                (axis.label.get_transform(), axis.label.get_position())
                for ax in fig.axes
                for axis in (ax.xaxis, ax.yaxis)
            ],
            {k: getattr(fig.subplotpars, k) for k in _LAYOUT},
        )
    return fig


def spoil(fig: Figure) -> None:
    """Do not reuse ``fig``: a chart changed it in a way :func:`take` does not reset."""
    made = _MADE.get(fig)
    if made is not None:
        made.spoiled = True


def put_back(fig: Figure) -> None:
    """Keep ``fig`` for the next drawing of its chart (after it has been saved)."""
    made = _MADE.get(fig)
    if _ENABLED and made is not None and not made.spoiled:
        _IDLE[made.name] = fig


_LAYOUT = ("left", "bottom", "right", "top", "wspace", "hspace")


def _label_on(axis: Axis, key: str) -> bool:
    return bool(axis.get_tick_params(which="major").get(key, True))


def _reset(fig: Figure, height: float) -> None:
    """``fig`` as :func:`take`'s ``make`` left it, at ``height`` inches."""
    made = _MADE[fig]
    fig.set_size_inches(fig.get_size_inches()[0], height)
    # the panels where a new figure has them: a scatter's data limits are its points
    # taken through the axes' transform and back, which rounds by where the axes sit
    fig.subplots_adjust(**made.layout)
    for legend in list(fig.legends):
        legend.remove()
    rc = mpl.rcParams
    labels = iter(made.axis_labels)
    for ax, (bottom, left) in zip(fig.axes, made.tick_labels, strict=True):
        for container in list(ax.containers):
            container.remove()
        for artist in [*ax.collections, *ax.patches, *ax.lines, *ax.texts, *ax.images]:
            artist.remove()
        ax.relim()  # no artists: null data limits, ignored by the next one added
        ax.set_prop_cycle(None)
        ax.set_xmargin(rc["axes.xmargin"])
        ax.set_ymargin(rc["axes.ymargin"])
        # the default locators and formatters (a chart sets its own, or fixed ticks)
        ax.set_xscale("linear")
        ax.set_yscale("linear")
        ax.grid(False)
        ax.grid(rc["axes.grid"], which=rc["axes.grid.which"], axis=rc["axes.grid.axis"])
        ax.tick_params(which="major", labelbottom=bottom, labelleft=left)
        ax.set_title("", loc="left")
        ax.set_title("")
        ax.set_xlabel("")
        ax.set_ylabel("")
        for axis in (ax.xaxis, ax.yaxis):
            transform, position = next(labels)
            axis.label.set_transform(transform)
            axis.label.set_position(position)
            # matplotlib places the label beside the tick labels again, as on a new
            # axes; set_label_coords (svg_tick_labels.lift) switched that off, and
            # Axis has no public switch back
            axis._autolabelpos = True
        ax.set_xlim(0, 1, auto=True)
        ax.set_ylim(0, 1, auto=True)
