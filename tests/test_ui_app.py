"""`framediff gui`: the window appears at once, and shows the finished seed comparison within 40 s."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, seed

STARTUP = """
import json, sys, time
t = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.main_window import MainWindow
from ui.settings import Settings
w = MainWindow(Settings(sys.argv[1]))
w.show()
app.processEvents()
heavy = [m for m in ("torch", "onnxruntime", "spacy", "sentence_transformers", "trafilatura", "framediff.pipeline")
         if m in sys.modules]
print(json.dumps({"heavy": heavy, "seconds": time.perf_counter() - t, "visible": w.isVisible()}))
"""

GUI = """
import sys, time
t = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])

def poll():
    for w in app.topLevelWidgets():
        if getattr(w, "cmp", None) is not None:
            print(f"SHOWN {time.perf_counter() - t:.1f}", flush=True)
            return app.quit()
        bar = getattr(w, "message", None)
        if bar is not None and bar.isVisible() and bar.level == "error":
            print("ERROR", bar.text(), flush=True)
            return app.quit()
    QTimer.singleShot(100, poll)

QTimer.singleShot(100, poll)
from framediff.cli import main
sys.exit(main(["gui", sys.argv[1], sys.argv[2]]))
"""


def run(script: str, *args, tmp_path, timeout=300):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FRAMEDIFF_SETTINGS=str(tmp_path / "settings.ini"))
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)


def test_window_appears_before_the_engine_or_the_model_is_imported(tmp_path):
    p = run(STARTUP, tmp_path / "s.ini", tmp_path=tmp_path)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["visible"] and out["heavy"] == [], out
    assert out["seconds"] < 5, out


def test_gui_command_shows_the_finished_seed_comparison_within_40_seconds(tmp_path):
    p = run(GUI, seed("003"), seed("004"), tmp_path=tmp_path)
    lines = [line for line in p.stdout.splitlines() if line.startswith(("SHOWN", "ERROR"))]
    assert lines and lines[0].startswith("SHOWN"), (p.stdout, p.stderr[-2000:])
    assert float(lines[0].split()[1]) < 40, lines[0]
