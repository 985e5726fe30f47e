"""Ingest: a file in, an `Article` out (metadata + clean body text, no units yet)."""
from .reader import read_article, article_from_text

__all__ = ["read_article", "article_from_text"]
