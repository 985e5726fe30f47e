"""Framing asks the model for what it needs at once, not a few words at a time; what the reader sees is unchanged
(real model, articles written here)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from framediff.embed import Embedder, VectorCache


class Asking(Embedder):
    """A real Embedder that remembers what each encode() call asked for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked: list[list[str]] = []

    def encode(self, texts, progress=None, passages=False):
        self.asked.append(list(texts))
        return super().encode(texts, progress, passages)


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


def test_quoted_words_are_found_in_the_other_article_as_a_search_of_its_whole_text_finds_them(compare_seeds):
    """Sourcing's "the other outlet carries the same words" looks a quote's runs up where its rarest word stands
    (it had searched the whole other text once per run: quotes x article length): the same answer as that search,
    for every quote of the seed pairs, against both articles (its own carries it: a check that runs are found)."""
    from framediff.framing.sourcing import MIN_WORDS, RUN, _WORD, Runs, carried

    def searched(q, text: str) -> bool:
        words = _WORD.findall(q.text.lower())
        other = " " + " ".join(_WORD.findall(text.lower())) + " "
        n = min(RUN, len(words))
        return len(words) >= MIN_WORDS and any(" " + " ".join(words[i:i + n]) + " " in other
                                               for i in range(len(words) - n + 1))

    seen = found = 0
    for pair in [("000", "003"), ("003", "004"), ("001", "002")]:
        cmp = compare_seeds(*pair)
        runs = {a.id: Runs(a.text) for a in cmp.articles}
        for q in cmp.quotes:
            for a in cmp.articles:
                got = carried(q, runs[a.id])
                assert got == searched(q, a.text), (q.text, a.id)
                seen += 1
                found += got
    assert seen > 100 and found > seen // 4


@given(st.text(alphabet="abcdeéK", max_size=9), st.text(alphabet="abcdeéK", max_size=9), st.integers(0, 3))
def test_near_spellings_are_those_within_so_many_edits(x, y, most):
    """The surnames' near-spelling check (stops early, skips words too far apart) against the full edit table."""
    from framediff.framing.sourcing import _near

    row = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        prev, row[0] = row[0], i
        for j, cy in enumerate(y, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (cx != cy))
    assert _near(x, y, most) == (row[-1] <= most)
