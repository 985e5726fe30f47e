"""framediff: see how two outlets tell the same news story."""

__version__ = "0.1.0"
