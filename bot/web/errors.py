"""What a page or action answers instead of its content; `app.create_app` renders both."""

from __future__ import annotations


class Refused(Exception):
    """A page or action this person may not have: one line, and an HTTP status."""

    def __init__(self, text: str, status: int = 403) -> None:
        super().__init__(text)
        self.text = text
        self.status = status


class SignedOut(Exception):
    """No live session: the page says how to get a new link."""
