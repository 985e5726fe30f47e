"""Progress on stderr: articles embedded, events found, stories done, and the time left.

The time left is the work left in the current step divided by the rate this run has reached in
it (work done in this run over the time since the step's first result), so it says nothing until
a few pieces have finished after the first: pieces finished by an earlier run count as done but
not toward the rate.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

EVERY = 2.0  # seconds between two lines of the same step
SETTLED = 4  # pieces finished after the first one before a rate is trusted (workers finish together at first)


def duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600} h {s % 3600 // 60:02d} min" if s >= 3600 else f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


class Step:
    """One step's counter: `advance(n)` after each finished piece; a line at most every EVERY seconds."""

    def __init__(self, what: str, total: int, done: int = 0, out: TextIO | None = None):
        self.what, self.total, self.done = what, total, done
        self.out = out or sys.stderr
        self.fresh = 0  # done in this run after its first piece
        self.pieces = 0
        self.cpu = 0.0  # worker CPU seconds of the pieces done in this run
        self.started, self.first = time.monotonic(), None
        self.last = 0.0
        self.show(force=True)

    def advance(self, n: int, cpu: float = 0.0) -> None:
        now = time.monotonic()
        self.cpu += cpu
        if self.first is None:
            self.first = now
        else:
            self.fresh += n
            self.pieces += 1
        self.done += n
        self.show(force=self.done >= self.total)

    def left(self) -> str:
        if self.done >= self.total:
            return f"done in {duration(time.monotonic() - self.started)}, {self.cpu:.0f} s of worker CPU"
        if self.pieces < SETTLED:
            return "time left: not known yet"
        rate = self.fresh / (time.monotonic() - self.first)
        return f"about {duration((self.total - self.done) / rate)} left at {rate:.2f}/s"

    def show(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last >= EVERY:
            self.last = now
            print(f"{self.what}: {self.done}/{self.total} ({self.left()})", file=self.out, flush=True)
