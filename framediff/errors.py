"""The one error type users see: bad input or usage, reported as one clear line (exit 2)."""


class InputError(Exception):
    """Something the user gave us is unusable; the message says what and which file."""
