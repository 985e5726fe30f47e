"""Quotes and speakers as a reader would list them: the seeds, and short texts written here."""
from __future__ import annotations

import pytest
from conftest import seed

from quoting import quote_with, written
from framediff.ingest import read_article
from framediff.quotes import analyse_quotes
from framediff.segment import segment

_done: dict = {}


def seeds(embedder, *prefixes):
    """analyse_quotes over seed articles (ids "a", "b"), once per combination."""
    if prefixes not in _done:
        arts = [segment(read_article(seed(p), aid)) for p, aid in zip(prefixes, "ab")]
        _done[prefixes] = (arts, analyse_quotes(arts, embedder.encode))
    return _done[prefixes]


def speaker(result, quote):
    assert quote.speaker is not None, f"{quote.text!r} has no speaker"
    return next(s for s in result.speakers if s.id == quote.speaker.id)


def names(sp):
    return " | ".join([sp.name, *sp.aliases])


SEED_QUOTES = {
    "003": [("held in late June", "Lavrov"), ("fourth ministerial meeting", "Kono"),
            ("Such frequent consultations", "Kono"), ("\"automatically\" mean", "Lavrov"),
            ("disputed Kuril Islands unacceptable", "Kono"), ("sovereign territory", "Lavrov"),
            ("wide gap in security thinking", "Brown"), ("positive shifts", "Kono"),
            ("Russian-Chinese proposals", "Lavrov"), ("never given up on the 1956", "Lavrov"),
            ("impossible without recognizing", "Lavrov"), ("practically impossible to achieve progress", "Lavrov"),
            ("reached an impasse", "Brown"), ("remainder of Abe's time", "Brown"), ("not deadlocked", "Togo"),
            ("not to just say", "Togo"), ("joint economic projects on the disputed islands", "Brown"),
            ("legal jurisdiction", "Brown"), ("invited his Japanese counterpart", "Lavrov")],
    "004": [("commander in chief of the Russian naval forces", "Iwaya"), ("common positions", "Lavrov"),
            ("multilateral efforts", "Lavrov"), ("non-traditional threats", "Kono"), ("purely defensive", "Iwaya"),
            ("build trust", "Iwaya"), ("on their territory", "Lavrov")],
    "000": [("public exchange of views", "Kawano"), ("not been able to sign", "Kawano"),
            ("joint development of the four islands", "Kawano"), ("strong political will", "Geoff"),
            ("cooperation agenda is seriously shrinking", "Geoff"), ("draw the attention of the Japanese side", "Lavrov"),
            ("Moscow does not understand Tokyo's concern", "government sources"),
            ("reduce its military activities", "Onodera")],
    "002": [("much closer in the past few years", "Brown"), ("entirely defensive", "Brown"),
            ("softer approach", "Brown"), ("hurt bilateral relations", "Foreign Ministry")],
}


@pytest.mark.parametrize("prefix", sorted(SEED_QUOTES))
def test_every_quote_a_reader_lists_is_found_with_its_speaker(embedder, prefix):
    _, result = seeds(embedder, prefix)
    for needle, who in SEED_QUOTES[prefix]:
        q = quote_with(result, needle)
        assert who in names(speaker(result, q)), f"{needle!r} attributed to {q.speaker.name!r}, not {who}"


def test_verb_is_the_one_the_outlet_chose(embedder):
    _, result = seeds(embedder, "004")
    assert quote_with(result, "on their territory").verb == "recalled, commenting heavily"
    assert quote_with(result, "purely defensive").verb == "assured"
    _, result3 = seeds(embedder, "003")
    q = quote_with(result3, "sovereign territory")
    assert q.verb == "reaffirmed" and q.verb_span.text == "reaffirmed"
    assert q.mention_span.text == "Lavrov"


def test_caption_and_title_in_quotation_marks_are_not_quotes(embedder):
    arts, result = seeds(embedder, "001")
    assert not [q for q in result.quotes if "from left to right" in q.text]
    arts, result = seeds(embedder, "000")
    title_end = len(arts[0].title)
    assert not [q for q in result.quotes if q.start < title_end]


@pytest.mark.parametrize("prefix", sorted(SEED_QUOTES))
def test_reported_speech_never_holds_its_own_speaker_and_verb(embedder, prefix):
    """Seed 003's scraped "... for the talks to come Lavrov said he had invited his Japanese counterpart ..." (a full
    stop missing): what Lavrov said is the clause after "said", not the sentence around him."""
    arts, result = seeds(embedder, prefix)
    for q in result.quotes:
        if q.kind == "indirect" and q.verb_span is not None:
            assert not q.start <= q.verb_span.start < q.end, q.text


def test_spans_ids_and_speakers_are_consistent(embedder):
    arts, result = seeds(embedder, "003", "004")
    text = {a.id: a.text for a in arts}
    assert len({q.id for q in result.quotes}) == len(result.quotes)
    ids = {s.id for s in result.speakers}
    for q in result.quotes:
        assert q.text == text[q.article][q.start:q.end]
        assert q.kind in ("direct", "partial", "indirect")
        assert q.speaker is None or q.speaker.id in ids
        for span in (q.verb_span, q.mention_span):
            assert span is None or span.text == text[q.article][span.start:span.end]


@pytest.mark.parametrize("who", ["Kono", "Lavrov", "Iwaya"])
def test_one_speaker_per_person_across_003_and_004(embedder, who):
    _, result = seeds(embedder, "003", "004")
    holders = [s for s in result.speakers if who in names(s)]
    assert len(holders) == 1, [s.name for s in holders]
    quoted_in = {q.article for q in result.quotes if q.speaker and q.speaker.id == holders[0].id}
    assert quoted_in == ({"b"} if who == "Iwaya" else {"a", "b"})


def test_lavrov_territory_statement_matched_with_word_diff(embedder):
    arts, result = seeds(embedder, "003", "004")
    qa = quote_with(result, "sovereign territory", "a")
    qb = quote_with(result, "on their territory", "b")
    m = next(m for m in result.quote_matches if m.a == qa.id)
    assert m.b == qb.id and m.relation in ("trimmed", "paraphrased")
    dropped = " ".join(op.a.text for op in m.diff if op.op in ("delete", "replace"))
    assert "sovereign" in dropped and "international law" in dropped
    for op in m.diff:
        assert op.a.text == arts[0].text[op.a.start:op.a.end] and op.b.text == arts[1].text[op.b.start:op.b.end]


def test_unmatched_statements_are_missing_on_the_other_side(embedder):
    _, result = seeds(embedder, "003", "004")
    brown = quote_with(result, "wide gap in security thinking", "a")
    assert any(m.a == brown.id and m.b is None and m.relation == "missing" for m in result.quote_matches)
    iwaya = quote_with(result, "build trust", "b")
    assert any(m.b == iwaya.id and m.a is None and m.relation == "missing" for m in result.quote_matches)


def test_machine_translated_names_are_one_person(embedder):
    _, result = seeds(embedder, "000", "002")
    kono = speaker(result, quote_with(result, "public exchange of views"))
    assert "Taro Kono" in names(kono) and "Kawano" in names(kono)
    onodera = speaker(result, quote_with(result, "reduce its military activities"))
    for form in ("Oeno Temple", "Onodera Inori", "Itsunori Onodera"):
        assert form in names(onodera)
    assert "Shoygu" not in names(onodera) and onodera.side == "Japanese official"


def test_oeno_five_principles_is_onodera_too(embedder):
    """The translation wrote Onodera as "Oeno Temple" and "Oeno Abbey" beside his office; a third Oeno form
    without the office ("The Oeno Five Principles") is the same person, not a voice of its own."""
    _, result = seeds(embedder, "000", "002")
    principles = speaker(result, quote_with(result, "purely defensive system"))
    assert "Onodera Inori" in names(principles) and principles.side == "Japanese official"


PLACES = {"moscow", "tokyo", "russia", "japan", "washington", "beijing", "pyongyang", "the japanese", "the russians"}


@pytest.mark.parametrize("pair", [("000", "002"), ("001", "002"), ("002", "004"), ("003", "004")])
def test_no_place_is_listed_as_a_person(embedder, pair):
    """ "Tokyo said" is the Japanese government speaking: the speaker is named so, and is no person."""
    _, result = seeds(embedder, *pair)
    kinds = {s["speaker"]: s["kind"] for v in result.voices["articles"].values() for s in v["speakers"]}
    for sp in result.speakers:
        assert sp.name.lower() not in PLACES, (sp.name, sp.aliases)
        if any(a.lower() in PLACES for a in sp.aliases) and not any(a.lower() not in PLACES for a in sp.aliases):
            assert kinds[sp.id] == "government" and sp.name.endswith(" government"), (sp.name, sp.aliases)
    if pair == ("000", "002"):
        moscow = speaker(result, quote_with(result, "Tokyo's attitude towards the DPRK issue"))
        assert moscow.name == "Russian government" and "Moscow" in moscow.aliases
        assert kinds[moscow.id] == "government" and moscow.side == "Russian official"


def test_speaker_kinds_tell_voices_from_groups_and_nameless_sources(embedder):
    _, result = seeds(embedder, "000", "002")
    kinds = {s["name"]: s["kind"] for v in result.voices["articles"].values() for s in v["speakers"]}
    assert kinds["James D.J. Brown"] == kinds["Sergey Lavrov"] == "person"
    assert kinds["The Japanese government sources"] == "unnamed source"
    assert kinds["the ministers"] == "group"
    assert "the report" not in kinds and "Reports" not in kinds  # what a document says is no one's statement
    assert kinds["the Russian Businessman"] == "body"  # a translation of Kommersant: a capitalised noun, no name


def test_a_capitalised_noun_after_the_is_no_person_but_a_title_before_a_name_is(embedder):
    _, result = written(embedder, "Talks stall\n\nAccording to the Russian Businessman, the talks will resume in "
                                  "June.\n\nThe Reverend Al Sharpton said the march would go ahead on Sunday.\n")
    kinds = {s["name"]: s["kind"] for v in result.voices["articles"].values() for s in v["speakers"]}
    assert kinds == {"the Russian Businessman": "body", "Al Sharpton": "person"}
    paper = next(sp for sp in result.speakers if sp.name == "the Russian Businessman")
    assert paper.side == ""  # Russian, but nothing says it speaks for the state


def test_roles_and_sides(embedder):
    _, result = seeds(embedder, "003", "004")
    lavrov = speaker(result, quote_with(result, "sovereign territory"))
    assert lavrov.side == "Russian official" and "Foreign Minister" in lavrov.role
    assert speaker(result, quote_with(result, "wide gap")).side == "expert"
    _, result0 = seeds(embedder, "000")
    assert speaker(result0, quote_with(result0, "Moscow does not understand")).side == "unnamed source"


def test_share_of_voice_and_voices_one_outlet_lacks(embedder):
    _, result = seeds(embedder, "003", "004")
    v = result.voices
    brown = speaker(result, quote_with(result, "wide gap")).id
    iwaya = speaker(result, quote_with(result, "purely defensive")).id
    assert brown in v["only_in"]["a"] and iwaya in v["only_in"]["b"]
    for aid in "ab":
        sides = v["articles"][aid]["sides"]
        assert sum(s["quotes"] for s in sides.values()) == v["articles"][aid]["quotes"]
        assert abs(sum(s["share_words"] for s in v["articles"][aid]["speakers"]) - 1) < 0.01
    assert v["articles"]["a"]["sides"]["expert"]["quotes"] >= 5
    assert "expert" not in v["articles"]["b"]["sides"]


def test_stance_on_the_disputed_islands(embedder):
    _, result = seeds(embedder, "003", "004")
    kono = quote_with(result, "disputed Kuril Islands unacceptable")
    lavrov = quote_with(result, "sovereign territory")
    shared = set(kono.stance) & set(lavrov.stance)
    assert shared, (kono.stance, lavrov.stance)
    issue = shared.pop()
    assert kono.stance[issue] == "pro-japan" and lavrov.stance[issue] == "pro-russia"
    stance = result.voices["stance"]
    assert issue in {i["id"] for i in stance["issues"]}
    assert stance["by_speaker"][lavrov.speaker.id][issue].get("pro-russia", 0) >= 1


KINDS = """Talks end without a deal

Russian Foreign Minister Sergey Lavrov said: “Russia will never give up the southern islands.”

Russian Defence Minister Sergey Shoigu said that the new division would stay on the islands. The Japanese \
foreign minister said the build-up was "unacceptable" for Tokyo.

According to Japanese government sources, the next round of talks will take place in June.

Lavrov told reporters: «We will discuss joint projects, but not sovereignty.»
"""


def test_each_kind_of_quote_in_written_text(embedder):
    arts, result = written(embedder, KINDS)
    direct = quote_with(result, "never give up the southern islands")
    assert direct.kind == "direct" and direct.text.startswith("“") and speaker(result, direct).name == "Sergey Lavrov"
    indirect = quote_with(result, "new division would stay")
    assert indirect.kind == "indirect" and speaker(result, indirect).name == "Sergey Shoigu"
    assert indirect.text == "the new division would stay on the islands"
    partial = quote_with(result, "unacceptable")
    assert partial.kind == "partial" and "build-up was" in partial.text
    according = quote_with(result, "next round of talks")
    assert according.kind == "indirect" and according.verb == "according to"
    assert speaker(result, according).side == "unnamed source"
    guillemets = quote_with(result, "not sovereignty")
    assert guillemets.kind == "direct" and speaker(result, guillemets).name == "Sergey Lavrov"


def test_two_people_sharing_a_first_name_are_never_merged(embedder):
    arts, result = written(embedder, KINDS)
    lavrov = speaker(result, quote_with(result, "never give up"))
    shoigu = speaker(result, quote_with(result, "new division"))
    assert lavrov.id != shoigu.id
    assert "Shoigu" not in names(lavrov) and "Lavrov" not in names(shoigu)
    assert lavrov.side == shoigu.side == "Russian official"


def test_unclosed_and_multi_paragraph_quotes(embedder):
    text = ("Minister speaks\n\n"
            "Foreign Minister Taro Kono said: \"We will not accept the deployment of these missiles.\n\n"
            "Talks continue next week.\n\n"
            "Professor James Brown told the agency: “The gap between the two sides is wide and it is growing.\n\n"
            "“Neither government wants to give ground before the summit in June.”\n")
    arts, result = written(embedder, text)
    unclosed = quote_with(result, "not accept the deployment")
    assert unclosed.kind == "direct" and unclosed.text.endswith("missiles.") and "Talks" not in unclosed.text
    assert speaker(result, unclosed).name == "Taro Kono"
    runon = quote_with(result, "gap between the two sides")
    assert "Neither government wants" in runon.text and speaker(result, runon).name == "James Brown"


def test_pronouns_and_role_nouns_find_their_speaker(embedder):
    text = ("Ministers meet\n\n"
            "Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono on Friday. "
            "Kono said that Japan wanted a peace treaty.\n\n"
            "The Russian minister said that the islands were Russian territory. He added that talks would go on. "
            "The ministers said that the meeting had gone well.\n\n"
            "Professor Kazuhiko Togo of Kyoto Sangyo University met them. “Nothing has changed,” the scholar said.")
    arts, result = written(embedder, text)
    assert speaker(result, quote_with(result, "islands were Russian territory")).name == "Sergey Lavrov"
    assert speaker(result, quote_with(result, "talks would go on")).name == "Sergey Lavrov"
    assert speaker(result, quote_with(result, "peace treaty")).name == "Taro Kono"
    assert speaker(result, quote_with(result, "Nothing has changed")).name == "Kazuhiko Togo"
    group = speaker(result, quote_with(result, "meeting had gone well"))
    assert "Lavrov" not in names(group) and "Kono" not in names(group)


def test_one_article_has_no_matches(embedder):
    arts, result = seeds(embedder, "002")
    assert result.quotes and result.quote_matches == []
    assert set(result.voices["articles"]) == {"a"}


def test_a_bare_shared_name_joins_neither_person(embedder):
    text = ("Senators speak\n\n"
            "Senator Charles Grassley said that the bill would pass. Senator Charles Schumer said that it would fail.\n\n"
            "Mr. Grassley added that the vote was set for Monday. Charles said that the count was close.")
    arts, result = written(embedder, text)
    grassley = speaker(result, quote_with(result, "bill would pass"))
    schumer = speaker(result, quote_with(result, "would fail"))
    assert grassley.id != schumer.id
    assert speaker(result, quote_with(result, "set for Monday")).id == grassley.id
    alone = speaker(result, quote_with(result, "count was close"))  # which Charles? neither, then
    assert alone.id not in (grassley.id, schumer.id)
    ref = quote_with(result, "count was close").speaker  # and the table says it is unclear which
    assert ref.unclear and ref.label == "unclear: Charles Grassley or Charles Schumer?"


@pytest.mark.parametrize("dense", [True, False])
def test_pruned_similarity_keeps_every_entry_that_can_match(dense, monkeypatch):
    """match._candidates measures difflib only where its bounds reach the threshold: same pairs as every pair,
    with the shared-word counts held dense (ordinary articles) or sparse (book-length)."""
    import difflib
    import random

    import numpy as np

    from framediff.comparison import Article, Quote, Unit
    from framediff.quotes import match
    from framediff.quotes.vectors import QuoteVectors

    if not dense:
        monkeypatch.setattr(match, "DENSE", 0)
    rng = random.Random(0)
    vocab = [f"w{k}" for k in range(12)]
    # each quote's vector is one 2-d direction, its words are drawn at random
    qa2 = [Quote(f"qa{i}", f"qa{i}", 0, len(f"qa{i}"), "", "direct", None) for i in range(40)]
    qb2 = [Quote(f"qb{i}", f"qb{i}", 0, len(f"qb{i}"), "", "direct", None) for i in range(40)]
    words = {q.id: [rng.choice(vocab) for _ in range(rng.randint(0, 9))] for q in qa2 + qb2}
    for i in range(10):  # near copies of some quotes of a
        words[f"qb{i}"] = list(words[f"qa{i}"][:-1])
    vecs = {q.id: rng.random() for q in qa2 + qb2}

    def embed(texts):  # one 2-d direction per quote
        return np.array([[np.cos(vecs[t]), np.sin(vecs[t])] for t in texts])

    # each quote alone in an article of its own, whose text is its id
    articles = [Article(q.id, "", "", "", "", "en", q.id, [Unit(q.id, 0, len(q.id), q.id)]) for q in qa2 + qb2]
    vectors = QuoteVectors(articles, qa2 + qb2, embed)
    lexical = np.array([[difflib.SequenceMatcher(None, words[x.id], words[y.id], autojunk=False).ratio()
                         for y in qb2] for x in qa2])
    floor = min(match.SAME_SPEAKER, match.ANY_SPEAKER)
    for emb in (None, embed):
        full = lexical if emb is None else np.maximum(embed([q.id for q in qa2]) @ embed([q.id for q in qb2]).T, lexical)
        want = [(int(i), int(j), full[i, j]) for i, j in zip(*np.nonzero(full >= floor))]
        for block in (7, 512):
            got = match._candidates(qa2, qb2, words, None if emb is None else vectors, block=block)
            assert [(i, j) for i, j, _ in got] == [(i, j) for i, j, _ in want]
            assert np.allclose([s for *_, s in got], [s for *_, s in want], rtol=0, atol=1e-6)


def test_name_blocking_agrees_with_every_pair():
    """speakers._agreeing compares only names sharing a word or a spelling of one: same answer as all pairs."""
    from framediff.quotes.speakers import _agreeing, same_name

    names = [("taro", "kono"), ("kawano", "taro"), ("sergey", "lavrov"), ("sergei", "lavrov"), ("sergey", "shoigu"),
             ("sergei", "shoygu"), ("onodera", "itsunori"), ("oeno", "temple"), ("shinzo", "abe"),
             ("abe", "shinzo"), ("vladimir", "putin"), ("wladimir", "poutine"), ("li", "wei"), ("wei", "li", "jr")]
    agree = _agreeing(names)
    for a in names:
        assert sorted(agree[a]) == sorted(b for b in names if same_name(a, b)), a
