"""The framediff desktop window (PySide6): it asks the engine for a Comparison and draws it."""
