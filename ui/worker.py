"""Slow engine work off the GUI thread: reading, model loading, comparing, exporting.

The engine (and with it torch) is imported inside the threads, so the window
paints before any of it loads. Results come back as Qt signals, which Qt
delivers on the GUI thread.
"""
from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QThread, Signal

from framediff.errors import InputError


@dataclass
class Source:
    """Where one side's article comes from: a file, pasted text, or an article already read."""

    kind: str  # "file" (a path or an http/https URL) | "text" | "article"
    value: Any


def read_source(src: Source, article_id: str):
    """The segmented Article for one side (runs in a worker thread)."""
    from framediff import pipeline

    if src.kind == "file":
        return pipeline.load_article(src.value, article_id)
    if src.kind == "text":
        return pipeline.text_article(src.value, article_id)
    old = src.value  # a saved comparison's article: re-read its clean text, keep its metadata
    art = pipeline.text_article(old.text, article_id, source=old.source)
    art.title, art.outlet, art.date, art.author = old.title, old.outlet, old.date, old.author
    return art


class ModelHolder:
    """The window's one Embedder: created and loaded once, by whichever thread asks first."""

    def __init__(self, embedder=None):
        self._embedder = embedder
        self._lock = threading.Lock()

    def get(self):
        """The loaded Embedder (slow the first time: imports torch); call it from a worker thread."""
        with self._lock:
            if self._embedder is None:
                from framediff.embed import Embedder

                self._embedder = Embedder()
        self._embedder.load()
        return self._embedder


def warm_up(model: ModelHolder) -> None:
    """Have the engine load the model and its lazy parts (language models, lexicons).

    Run once in the background when the window opens, so a comparison does only its own work.
    Then the loaded libraries' half a million objects are frozen out of the garbage collector:
    otherwise each full collection rescans them, holding the GIL (and the window) for ~0.4 s.
    """
    from framediff import pipeline

    pipeline.warm_up(model.get())
    gc.collect()
    gc.freeze()


class AnalysisWorker(QThread):
    """Runs `analyse()` (engine work) off the GUI thread with progress and cancel; every failure becomes one
    `failed` message and the window stays open."""

    progress = Signal(str, float)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    AGAIN = ""  # what the user can do after an unexpected failure

    def __init__(self, model: ModelHolder, parent=None):
        super().__init__(parent)
        self.model = model
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def analyse(self):
        """The result to hand to `done` (runs in the thread; may raise pipeline.Cancelled)."""
        raise NotImplementedError

    def run(self) -> None:
        try:
            from framediff import pipeline
        except Exception as e:  # an engine that cannot even load: say so, keep the window
            self.failed.emit(f"the analysis engine could not start ({type(e).__name__}: {e})")
            return
        try:
            result = self.analyse()
        except pipeline.Cancelled:
            self.cancelled.emit()
        except InputError as e:  # includes ModelError: the message says how to fix it
            self.failed.emit(str(e))
        except MemoryError:
            self.failed.emit("out of memory: the articles are too large for this machine")
        except Exception as e:
            self.failed.emit(f"the analysis failed ({type(e).__name__}: {str(e)[:200]}){self.AGAIN}")
        else:
            if not self._cancel.is_set():
                self.done.emit(result)
            else:
                self.cancelled.emit()


class CompareWorker(AnalysisWorker):
    """Reads both sides, then runs `compare_articles` with progress and cancel."""

    articles_ready = Signal(object, object)
    AGAIN = "; the articles stay open, try Analysis ▸ Compare again"

    def __init__(self, a: Source, b: Source, model: ModelHolder, parent=None):
        super().__init__(model, parent)
        self.sources = (a, b)

    def analyse(self):
        from framediff import pipeline

        self.progress.emit("reading the articles", 0.01)
        a, b = (read_source(s, i) for s, i in zip(self.sources, "ab"))
        self.articles_ready.emit(a, b)
        self.progress.emit("loading the model", 0.03)
        return pipeline.compare_articles(a, b, self.model.get(), progress=self.progress.emit, cancel=self._cancel)


class Task(QThread):
    """Run `fn()` in a thread; `done(result)` or `failed(message)` on the GUI thread."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any], parent=None):
        super().__init__(parent)
        self.fn = fn

    def run(self) -> None:
        try:
            result = self.fn()
        except InputError as e:
            self.failed.emit(str(e))
        except Exception as e:
            self.failed.emit(f"{type(e).__name__}: {str(e)[:200]}")
        else:
            self.done.emit(result)
