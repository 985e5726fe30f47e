"""The quotes' vectors come from the sentences' own model pass; a quote goes through the model on its own only where
a match or a stance rests on it, and what the reader sees is what every quote embedded alone shows."""
from __future__ import annotations

import pytest
from conftest import seed

from framediff.embed import Embedder, VectorCache
from framediff.quotes import analyse_quotes
from framediff.quotes.found import core


def _shown(q):
    return ([(m.a, m.b, m.relation, m.score) for m in q.quote_matches],
            {x.id: x.stance for x in q.quotes}, q.voices.get("stance"))


@pytest.mark.parametrize("pair", [("003", "004"), ("000", "003"), ("001", "002")])
def test_seed_quote_matches_and_stances_are_those_of_every_quote_alone(pair, tmp_path):
    """Seeds through the pipeline (quote vectors read from the sentences' pass, own ones where a decision is near)
    against every quote embedded on its own: the same matches, verdicts, scores and stances. (The seeds are about
    the disputes stance reads, so nearly every quote is near an issue and sent alone.)"""
    from framediff.pipeline import compare_files

    e = Embedder(cache=VectorCache(tmp_path))
    cmp = compare_files(seed(pair[0]), seed(pair[1]), embedder=e)
    alone = analyse_quotes(cmp.articles, e.encode)  # every quote's own vector
    assert _shown(alone) == ([(m.a, m.b, m.relation, m.score) for m in cmp.quote_matches],
                             {x.id: x.stance for x in cmp.quotes}, cmp.voices.get("stance"))
    assert len(cmp.quotes) > 10
    if pair == ("003", "004"):
        assert len(cmp.quote_matches) > len(cmp.quotes) // 2 and any(m.b and m.a for m in cmp.quote_matches)


def test_quotes_no_decision_rests_on_are_not_sent(tmp_path):
    """Two reports of one statement and of things nobody else says: only the quotes that can match (one speaker's
    near statements) go through the model alone; a quote no pair of its speaker comes near is never sent, though
    its vector is the one its sentence's pass made."""
    from framediff.pipeline import text_article

    a = text_article("Council votes on budget\n\nThe mayor said on Monday that the city would build three new "
                     "schools next year. \"We are not going to raise taxes to pay for it,\" Mayor Ana Ruiz told "
                     "reporters. Separately, the fire chief, Tom Bell, said the old station on Elm Street "
                     "\"smells like a swamp after every storm.\"", "a")
    b = text_article("City plans schools without tax rise\n\nMayor Ana Ruiz said the city will build three new "
                     "schools next year. \"We will not raise taxes to pay for these schools,\" Ruiz said at a "
                     "news conference. The council's treasurer, Li Wei, said the budget \"leaves no room for "
                     "surprises in the winter months.\"", "b")
    e = Embedder(cache=VectorCache(tmp_path))
    e.encode([u.text for art in (a, b) for u in art.units], passages=True)
    before = set(e.passes)
    q = analyse_quotes([a, b], e.encode, e.span_vectors)
    sent = set(e.passes) - before
    words = {x.id: x.text for x in q.quotes}
    alone = {i for i, t in words.items() if VectorCache.key(q_core(t)) in sent}
    taxes = [x.id for x in q.quotes if "taxes" in x.text]
    assert len(taxes) == 2 and set(taxes) <= alone, (words, alone)
    assert any((m.a, m.b) == tuple(taxes) for m in q.quote_matches)
    assert not {x.id for x in q.quotes if "swamp" in x.text or "surprises" in x.text} & alone


def q_core(quote_text: str) -> str:
    return quote_text[slice(*core(quote_text, 0, len(quote_text)))]


def test_a_quote_trimmed_from_the_others_scores_its_own_cosine_however_far_its_read_one(tmp_path, monkeypatch):
    """A quote one outlet gives in full and the other cut with "..." is one statement whatever the cosine, and that
    cosine is the score the reader sees: it is always the quotes' own vectors', never the one read from their
    sentences, even where no pair is near enough to be screened in (SCREEN below zero here)."""
    import numpy as np

    from framediff.pipeline import text_article
    from framediff.quotes import match

    a = text_article("Port reopens\n\n\"The port will reopen to cargo ships on Friday, after divers cleared the wreck "
                     "from the main channel overnight,\" the harbour master, Ines Duarte, said on Tuesday.", "a")
    b = text_article("Wreck cleared from harbour\n\nShips can soon return. \"The port will reopen to cargo ships on "
                     "Friday, after divers cleared the wreck ...,\" harbour master Ines Duarte said.", "b")
    e = Embedder(cache=VectorCache(tmp_path))
    e.encode([u.text for art in (a, b) for u in art.units], passages=True)
    monkeypatch.setattr(match, "SCREEN", -1.0)
    q = analyse_quotes([a, b], e.encode, e.span_vectors)
    (m,) = [m for m in q.quote_matches if m.a and m.b]
    texts = {x.id: x.text for x in q.quotes}
    own = e.encode([q_core(texts[m.a]), q_core(texts[m.b])])
    assert m.relation == "trimmed" and m.score == round(float(own[0] @ own[1]), 3)
    read = e.span_vectors([(q_core(texts[i]), [(u.text, *span) for u, span in _parts(art, texts[i])])
                           for i, art in ((m.a, a), (m.b, b))])
    assert not np.isclose(float(read[0] @ read[1]), float(own[0] @ own[1]), atol=1e-3)  # the read one differs


def _parts(article, quote_text):
    """(unit, (start, end) in it) of each sentence the quote's core covers."""
    s = article.text.index(q_core(quote_text))
    e = s + len(q_core(quote_text))
    return [(u, (max(s, u.start) - u.start, min(e, u.end) - u.start)) for u in article.units if u.start < e and s < u.end]


def test_the_quotes_a_match_or_a_stance_rests_on_go_through_the_model_in_one_call(tmp_path):
    """Seeds 003/004 (one meeting, both outlets quoting Lavrov and Kono on the disputes stance reads): the quotes
    sent alone for matching and for stance are asked for in one encode() call, not one per article and one more
    for stance, so the model gets them as one batch beside framing."""
    from framediff.pipeline import load_article

    a, b = load_article(seed("003"), "a"), load_article(seed("004"), "b")
    e = Embedder(cache=VectorCache(tmp_path))
    e.encode([u.text for art in (a, b) for u in art.units], passages=True)
    calls, encode = [], e.encode
    e.encode = lambda texts, progress=None: calls.append(list(texts)) or encode(texts, progress)
    q = analyse_quotes([a, b], e.encode, e.span_vectors)
    cores = {q_core(x.text) for x in q.quotes}
    with_quotes = [c for c in calls if cores & set(c)]
    assert len(with_quotes) == 1, [len(c) for c in with_quotes]
    assert len(cores & set(with_quotes[0])) > 10 and q.voices["stance"]["by_speaker"]
