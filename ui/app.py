"""`framediff gui [A B]`: start the window at once; the engine and the model load in a worker."""
from __future__ import annotations

import sys


def main(files: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("framediff")
    app.setOrganizationName("framediff")
    window = MainWindow()
    window.show()
    QTimer.singleShot(0, window.preload_model)  # after the first paint, alongside reading the articles
    if files:
        window.open_paths("", list(files))
    return app.exec()
