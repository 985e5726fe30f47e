"""Word-level framing flags (loaded, intensifier, hedge, attribution): the word scorer with contextual
vectors, on text written here and on the seeds (real model)."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import seed

WORD_TYPES = {"loaded", "intensifier", "hedge", "attribution"}

STORY = ("Senate passes the budget bill\n\n"
         "The Senate passed the budget bill on Tuesday after a long debate that lasted into the night. "
         "Republican leaders {writer} to the demands of the White House after weeks of talks, aides said. "
         "\"We never {quoted} to anybody,\" the Senate majority leader told reporters after the vote. "
         "The bill now goes to the House, which is expected to vote on it next week.")


def analyse_text(embedder, tmp_path, text: str, name: str = "story.txt"):
    from framediff.pipeline import analyse_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analyse_file(path, embedder=embedder)


def flagged(cmp) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in cmp.flags:
        if f.type in WORD_TYPES:
            for s in f.a:
                out.setdefault(s.text.lower(), []).append(s)
    return out


def test_the_contextual_scorer_is_shipped_for_this_model(embedder):
    from framediff.framing import wordscore

    for kind in ("single", "pair"):
        m = wordscore.ctx_mode_for(kind, embedder.encode)
        assert m is not None and len(m["ctx"]) == 384 and 0 < m["at"] < 1
    assert wordscore.ctx_mode_for("single", lambda texts: None) is None  # another model: no contextual weights
    assert wordscore.mode_for("single", embedder.encode)[0] == "single+ctx"
    assert wordscore.mode_for("single", lambda texts: None)[0] == "single"  # ... the weights fitted without them


def test_a_judgement_word_no_lexicon_lists_is_flagged_as_the_writers_and_never_inside_a_quote(embedder, tmp_path):
    """'caved' is in no lexicon; the scorer flags it as the outlet's word in the writer's sentence. Inside a
    quotation the word is the speaker's, not the outlet's choice: no word flag there (issue 21)."""
    from framediff.framing.lexicon import attribution_classes, hedges, subjective, valence

    assert valence("caved", "cave") == 0 and "caved" not in subjective() and "caved" not in hedges()
    assert "cave" not in attribution_classes()
    cmp = analyse_text(embedder, tmp_path, STORY.format(writer="caved", quoted="caved"))
    text = cmp.article("a").text
    writer_at = text.index("caved")
    quoted_at = text.index("caved", writer_at + 1)
    by_start = {f.a[0].start: f for f in cmp.flags if f.type in WORD_TYPES}
    writer = by_start[writer_at]
    assert writer.summary.endswith("uses the word “caved” (judgement-carrying, by the word-choice model).")
    assert writer.detail["quoted"] is False
    assert quoted_at not in by_start


def test_the_same_sentence_with_a_plain_verb_has_no_word_flag_there(embedder, tmp_path):
    cmp = analyse_text(embedder, tmp_path, STORY.format(writer="agreed", quoted="agreed"))
    words = flagged(cmp)
    assert "agreed" not in words
    assert "said" not in words and "told" not in words


def test_said_is_never_flagged_on_the_seeds(embedder):
    from framediff.pipeline import analyse_file

    for name in ("000", "003"):
        words = flagged(analyse_file(seed(name), embedder=embedder))
        assert words and "said" not in words and "says" not in words


def test_flags_point_at_the_characters_of_the_source(embedder):
    from framediff.pipeline import analyse_file

    for name in ("001", "004"):
        cmp = analyse_file(seed(name), embedder=embedder)
        text = cmp.article("a").text
        words = [f for f in cmp.flags if f.type in WORD_TYPES]
        assert words
        for f in words:
            (s,) = f.a
            assert text[s.start:s.end] == s.text == f.detail["word"]
            assert s.text.strip() == s.text
            assert len(s.text.split()) == (2 if s.text.endswith(" out") else 1)  # one word, or "pointed out"
            assert 0 <= f.detail["judgement"] <= 1


def test_contextual_vectors_depend_on_the_sentence_and_point_at_the_word(embedder):
    from framediff.framing.tokens import word_vectors

    sents = ["The river bank flooded after the storm.", "The bank raised its interest rates again.",
             "The bank raised its interest rates again."]
    spans = [[(sents[0].index("bank"), sents[0].index("bank") + 4)],
             [(4, 8)], [(4, 8), (9, 15)]]
    river, money, (money2, raised) = word_vectors(embedder.encode, sents, spans)
    assert river.shape == (1, 384) and money2.shape == (384,)
    np.testing.assert_allclose(money[0], money2, atol=1e-4)  # the same word in the same sentence: the same vector

    def cos(u, v):
        return float(np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v))

    assert cos(river[0], money[0]) < 0.99 and cos(money2, raised) < cos(money[0], money2)


def test_every_unit_of_a_long_text_is_scored_in_context(embedder, monkeypatch):
    """The contextual scorer reads every word in its sentence, however long the text (there was a cap of 80
    units per article, the others scored by weaker weights); units are scored a chunk at a time."""
    from framediff.framing import wordscore
    from framediff.nlp import parse
    from framediff.pipeline import text_article

    body = " ".join(f"The committee met for the {k}th time on Monday and the chairman blasted the shameful delay."
                    for k in range(1, 101))
    art = text_article("Committee meets again\n\n" + body, "a")
    assert len(art.units) > 100
    rows = wordscore.article_rows(parse(art.text), art.text, art.units)
    ctx_at = wordscore.ctx_mode_for("single", embedder.encode)["at"]
    assert ctx_at != wordscore.model()["modes"]["single"]["at"]
    monkeypatch.setattr(wordscore, "CHUNK", 16)
    scored = wordscore.score_rows(rows, "single", embedder.encode, art.units)
    assert len(scored) == len(rows) and all(sc.at == ctx_at for sc in scored.values())
    blasted = [sc for sc in scored.values() if sc.tok.text == "blasted"]
    assert len(blasted) == 100 and all(sc.chosen for sc in blasted)


def word_flags(cmp) -> list:
    return sorted((f.type, f.summary, f.severity, f.detail["judgement"]) for f in cmp.flags if f.type in WORD_TYPES)


def test_the_word_scorer_runs_no_model_pass_of_its_own_cold_or_in_a_new_process(embedder, tmp_path, monkeypatch):
    """Cold: the words' contextual scores come from what the sentence embedding pass kept of its hidden states,
    so every model call is that pass's. A new process (a new Embedder, same cache folder) comparing the same
    articles makes no model call at all, with the same flags. With nothing kept the scorer runs the model for
    the states (counted in model_calls), with the same flags (judgements up to float noise)."""
    from framediff import embed
    from framediff.embed import Embedder, OnnxSentenceModel, VectorCache
    from framediff.pipeline import compare_files

    calls = {"encode": 0, "hidden_states": 0}
    for name in calls:
        def spy(self, *args, _name=name, _real=getattr(OnnxSentenceModel, name)):
            calls[_name] += 1
            return _real(self, *args)
        monkeypatch.setattr(OnnxSentenceModel, name, spy)

    cold = Embedder(cache=VectorCache(tmp_path / "c"))
    cold._model = embedder._model
    first = compare_files(seed("000"), seed("002"), embedder=cold)
    assert calls == {"encode": cold.model_calls, "hidden_states": 0} and cold.model_calls >= 1
    assert any(f.detail["judgement"] for f in first.flags if f.type in WORD_TYPES)

    later = Embedder(cache=VectorCache(tmp_path / "c"))
    again = compare_files(seed("000"), seed("002"), embedder=later)
    assert later.model_calls == 0
    assert word_flags(again) == word_flags(first)

    monkeypatch.setattr(embed, "MEMO_BYTES", 0)  # nothing kept: the scorer runs the model for the states
    fresh = Embedder(cache=VectorCache(tmp_path / "other"))
    fresh._model = embedder._model
    before = dict(calls)
    third = compare_files(seed("000"), seed("002"), embedder=fresh)
    assert calls["hidden_states"] > before["hidden_states"]
    assert fresh.model_calls == sum(calls.values()) - sum(before.values())
    assert [f[:2] for f in word_flags(third)] == [f[:2] for f in word_flags(first)]
    assert max(abs(x[3] - y[3]) for x, y in zip(word_flags(third), word_flags(first))) <= 2e-3


def test_a_phrasal_attribution_verb_is_shown_whole(compare_seeds):
    """004 writes "Kono in return pointed out that ...": the evidence and the summary say "pointed out", not
    "pointed", and the span is those characters of the source."""
    cmp = compare_seeds("003", "004")
    text = cmp.article("b").text
    spans = [s for f in cmp.flags if f.type == "attribution" for s in f.b if "pointed" in s.text]
    assert spans, "the seed's 'pointed out' is flagged"
    for s in spans:
        assert s.text == "pointed out" == text[s.start:s.end]
    assert not any("“pointed”" in f.summary for f in cmp.flags)


def test_redrawing_a_comparison_runs_no_second_contextual_pass(embedder, monkeypatch):
    """The window redraws a comparison with a warm model: the words' contextual scores are remembered, so the
    redraw sends nothing to the model (the sentence vectors come from the on-disk cache)."""
    from framediff.embed import OnnxSentenceModel
    from framediff.framing import tokens, wordscore

    direction = wordscore.ctx_mode_for("single", embedder.encode)["ctx"]
    sentences = ["Republican leaders caved to the White House.", "The deal collapsed on Friday."]
    spans = [[(19, 24)], [(9, 18)]]
    first = tokens.word_scores(embedder.encode, sentences, spans, direction)

    def no_model(*_):
        raise AssertionError("the model ran again")

    monkeypatch.setattr(OnnxSentenceModel, "hidden_states", no_model)
    again = tokens.word_scores(embedder.encode, sentences, spans, direction)
    assert all(np.array_equal(x, y) for x, y in zip(first, again))
    with pytest.raises(AssertionError, match="ran again"):
        tokens.word_scores(embedder.encode, ["A sentence never seen before."], [[(2, 10)]], direction)
