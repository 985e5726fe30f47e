"""Framing asks the model for what it needs at once, not a few words at a time; what the reader sees is unchanged
(real model, articles written here)."""
from __future__ import annotations

from framediff.embed import Embedder, VectorCache


class Asking(Embedder):
    """A real Embedder that remembers what each encode() call asked for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked: list[list[str]] = []

    def encode(self, texts, progress=None):
        self.asked.append(list(texts))
        return super().encode(texts, progress)


A = ("Mayor answers critics\n\n"
     "The mayor vowed on Monday to rebuild the old bridge by next summer. "
     "The governor claimed that the state had paid for all of the repairs. "
     "The police chief admitted that crime in the city rose last year. "
     "Council members insisted that the city budget for the year was balanced.")
B = ("Mayor answers critics\n\n"
     "The mayor spoke on Monday, promising to rebuild the old bridge by next summer. "
     "The governor's office paid for all of the repairs with state money. "
     "Crime in the city rose last year, figures from the police chief show. "
     "Council members balanced the city budget for the year.")


def test_reporting_verbs_are_weighed_against_the_other_outlets_verbs_in_one_model_call(embedder, tmp_path):
    """Four marked reporting verbs of A whose matching passages in B report with no verb of their own: whether one
    of B's verbs means the same ("vowed" / "promising") is asked of the model once for all four, not once each, and
    the flags are those of the comparison: "vowed" is no difference, "claimed", "admitted" and "insisted" are."""
    from framediff.framing.context import Context
    from framediff.framing.wording import pair_flags
    from framediff.pipeline import compare_articles, text_article

    cmp = compare_articles(text_article(A, "a"), text_article(B, "b"), embedder)
    fresh = Asking(cache=VectorCache(tmp_path))  # nothing cached: every verb goes through the model
    flags = pair_flags(Context(cmp, fresh.encode))
    assert len(fresh.asked) == 1, fresh.asked
    assert {"vow", "promise", "claim", "admit", "insist"} <= set(fresh.asked[0])
    flagged = {s.text for f in flags for s in f.a}
    assert flagged == {"claimed", "admitted", "insisted"}, [f.summary for f in flags]
    shown = {s.text for f in cmp.flags if f.type == "attribution" for s in f.a}
    assert shown == flagged
