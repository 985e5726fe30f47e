"""Ingest on real pasted web text: every story line kept, every debris line gone, metadata found."""
from __future__ import annotations

import re

import pytest
from conftest import seed

from framediff.ingest import article_from_text, read_article
from framediff.segment import segment


def raw_lines(prefix: str) -> list[str]:
    return [ln.strip() for ln in seed(prefix).read_text("utf-8").splitlines() if ln.strip()]


def _seed_002_debris() -> list[str]:
    lines = raw_lines("002")
    return lines[:3] + ["1", lines[5]] + lines[lines.index("Related news"):]


# Raw lines that are site debris, not story (hand-checked against each seed).
DEBRIS = {
    "000": ["Foreign media: Japan and Russia",
            "Original title: foreign media said Tokyo and Moscow still distrust each other: Japan Russia "
            "\"2+2\" talks ended without result.",
            "Waonews is a news media from China, with hundreds of translations, rolling updates China News, "
            "hoping to get the likes of foreign netizens"],
    "001": ["guanchazhewang\u00b7 2017-03-22 18:04:39", "The lastest articles of guanchazhewang"],
    "002": _seed_002_debris(),
    "003": ["Russian-Japanese Talks of Defense, Foreign Ministers Highlight Importance of 2+2 Format"],
    "004": ["It does not receive public funding", "Editor in chief:", "Facebook Twitter Youtube Instagram",
            "red - 1221909", "AVIONEWS - World Aeronautical Press Agency"],
}
META = {
    "000": ("Foreign media: Japan and Russia \"2+2\" talks fruitless, and the two sides still do not trust "
            "each other.", "Waonews", "", ""),
    "001": ("Japan protests against Russia's arms sales to Russia, Russia did not respond",
            "guanchazhewang", "2017-03-22", ""),
    "002": ("Disagreements between Japan and Russia remain, despite warming ties: expert",
            "CGTN", "2018-08-01", "Mo Hong'e"),
    "003": ("Russian-Japanese Talks Of Defense, Foreign Ministers Highlight Importance Of 2+2 Format",
            "Pakistan Point News / Sputnik", "2019-05-31", ""),
    "004": ("Moscow-Tokyo easing of tensions in bilateral talks today in Japan", "AVIONEWS", "", ""),
}
DATELINE = "TOKYO (Pakistan Point News / Sputnik - 31st May, 2019) "


@pytest.fixture(scope="module")
def articles():
    return {p: read_article(seed(p)) for p in DEBRIS}


@pytest.mark.parametrize("prefix", sorted(DEBRIS))
def test_every_story_line_of_the_seed_survives(articles, prefix):
    text = articles[prefix].text
    story = [ln.removeprefix(DATELINE) for ln in raw_lines(prefix) if ln not in DEBRIS[prefix]]
    assert [ln for ln in story if ln not in text] == []


@pytest.mark.parametrize("prefix", sorted(DEBRIS))
def test_every_debris_line_of_the_seed_is_gone(articles, prefix):
    paragraphs = articles[prefix].text.split("\n\n")
    for line in DEBRIS[prefix]:
        assert line not in paragraphs
        if len(line) > 20 and not META[prefix][0].startswith(line):
            assert line not in articles[prefix].text


@pytest.mark.parametrize("prefix", sorted(META))
def test_seed_metadata(articles, prefix):
    a = articles[prefix]
    assert (a.title, a.outlet, a.date, a.author) == META[prefix]
    assert a.text.startswith(a.title + "\n\n"), "the title is the first paragraph"
    assert a.language == "en"


def test_chinese_link_spam_and_menus_are_gone(articles):
    text = articles["002"].text
    assert not re.search(r"[\u4e00-\u9fff]", text)
    assert "Most popular in 24h" not in text and "Bar & Club" not in text
    assert "All rights reserved" not in text and "Back to top" not in text
    assert text.rstrip().endswith("has become a central element of their relations.")


def test_repeated_headline_and_standfirst_appear_once(articles):
    text = articles["003"].text
    assert text.lower().count("russian-japanese talks of defense, foreign ministers") == 1
    assert text.count("underscored the need for meetings in 2+2 format") == 1
    assert "TOKYO (Pakistan Point News" not in text


def test_sentence_broken_across_paragraphs_is_mended(articles):
    a = segment(articles["001"])
    assert any(u.text.startswith("Russian Defense Minister Shoigu said in February") for u in a.units)


FAKE_PAGE = """Home | World | Business | Sport | Culture
Subscribe
Sign in

Islands talks end without a deal

MOSCOW, May 31 (Reuters) - Russia and Japan ended two days of talks on Friday without a deal on the \
disputed islands, the foreign ministers of both countries said.
By Jane Roe

"We have agreed to keep talking, but the gap remains wide," Foreign Minister Sergei Lavrov told reporters \
after the meeting in Tokyo.

Japan's defence minister said the country's new missile shield was purely defensive and posed no threat \
to Russia. Officials will meet again before the summit in Osaka in June.

Islands talks end without a deal

Share this article
Facebook
Twitter
WhatsApp
Email

Most read
Celebrity chef opens new restaurant
Ten tips for a better night's sleep
Stock markets rally on tech earnings

热门文章 | 免费下载 | 网上赚钱 | 最新电影 | 在线观看 | 彩票中奖

© 2019 The Daily Example. All rights reserved.
Privacy Policy | Terms of Use | Cookie settings
"""
STORY_SENTENCES = [
    "Russia and Japan ended two days of talks on Friday without a deal on the disputed islands, "
    "the foreign ministers of both countries said.",
    "\"We have agreed to keep talking, but the gap remains wide,\" Foreign Minister Sergei Lavrov told "
    "reporters after the meeting in Tokyo.",
    "Japan's defence minister said the country's new missile shield was purely defensive and posed no threat "
    "to Russia.",
    "Officials will meet again before the summit in Osaka in June.",
]


def test_fake_news_page_keeps_story_and_drops_debris():
    a = segment(article_from_text(FAKE_PAGE))
    assert [u.text for u in a.units] == ["Islands talks end without a deal", *STORY_SENTENCES]
    assert (a.title, a.outlet, a.author) == ("Islands talks end without a deal", "Reuters", "Jane Roe")


def test_hard_wrapped_text_is_unwrapped_into_paragraphs():
    body = " ".join(STORY_SENTENCES)
    wrapped, line = [], ""
    for word in body.split():
        if len(line) + len(word) + 1 > 72:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    raw = "Islands talks end without a deal\n" + "\n".join(wrapped + [line]) + "\n"
    a = segment(article_from_text(raw))
    assert a.text == "Islands talks end without a deal\n\n" + body
    assert [u.text for u in a.units][1:] == STORY_SENTENCES


def test_single_newline_paragraphs_keep_the_title_apart():
    a = article_from_text("Islands talks end without a deal\n" + "\n".join(STORY_SENTENCES))
    assert a.text.split("\n\n")[0] == "Islands talks end without a deal"
    assert a.text.count("\n\n") == len(STORY_SENTENCES)


HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Islands talks end without a deal | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2019-05-31T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Islands talks end without a deal</h1>
%s
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens new restaurant</a></li></ul></aside>
<footer><p>&copy; 2019 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>""" % "\n".join(f"<p>{s}</p>" for s in STORY_SENTENCES)


def test_html_page_main_text_and_metadata():
    a = segment(article_from_text(HTML_PAGE))
    assert [u.text for u in a.units] == ["Islands talks end without a deal", *STORY_SENTENCES]
    assert (a.title, a.outlet, a.date, a.author) == (
        "Islands talks end without a deal", "The Daily Example", "2019-05-31", "Jane Roe")


def test_html_file_is_read_by_suffix(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(HTML_PAGE.replace("<!DOCTYPE html>", ""), encoding="utf-8")
    a = read_article(page)
    assert a.title == "Islands talks end without a deal" and "Most read" not in a.text


def test_story_sentences_about_privacy_or_copyright_are_not_taken_for_footers():
    story = ("Regulators fine social network over its privacy policy\n\n"
             "The regulator said the company changed its privacy policy without permission from users. "
             "The company said it would appeal against the fine and keep its privacy policy under review.\n\n"
             "Privacy Policy | Terms of Use\n\n© 2024 Example Media")
    a = article_from_text(story)
    assert a.text == story.rsplit("\n\nPrivacy Policy", 1)[0]


def test_text_without_a_headline_keeps_its_order_and_has_no_title():
    lead = ("Foreign ministers met in Tokyo on Friday for talks on the disputed islands, officials said, "
            "and agreed to meet again before the summit in Osaka at the end of June this year.")
    raw = f"{lead}\n\nThe talks were useful, the ministers said.\n\nBoth sides will meet again in June."
    a = article_from_text(raw)
    assert a.title == "" and a.text == raw


def test_short_story_paragraphs_survive_and_promos_do_not():
    raw = ("Islands talks end without a deal\n\n" + STORY_SENTENCES[0] + "\n\nHe declined to comment.\n\n"
           "Related: Russia and Japan agree to more talks on the islands\n\n" + STORY_SENTENCES[1] + "\n\n"
           "\"We will see.\"\n\nAdvertisement\n\nSign up for our newsletter on Russia and Japan.\n\n"
           "Follow us on Twitter.\n\n" + STORY_SENTENCES[2])
    a = article_from_text(raw)
    assert a.text.split("\n\n") == ["Islands talks end without a deal", STORY_SENTENCES[0], "He declined to comment.",
                                    STORY_SENTENCES[1], "\"We will see.\"", STORY_SENTENCES[2]]


def test_lists_introduced_by_a_colon_and_lines_continuing_a_sentence_are_kept():
    raw = ("Islands talks end without a deal\n\n" + STORY_SENTENCES[0] + "\n\n"
           "The ministers set themselves the following tasks:\n\nAgree on joint projects\nStop the drills\n"
           "Meet again in June\n\nThe Russian side said the drills near the islands\nwere routine and "
           "would go on.\n\n" + STORY_SENTENCES[3])
    a = article_from_text(raw)
    assert "Agree on joint projects\n\nStop the drills\n\nMeet again in June" in a.text
    assert "The Russian side said the drills near the islands were routine and would go on." in a.text


def test_sentences_are_found_back_in_the_text_as_pysbd_finds_them():
    """segment.py finds pysbd's sentences back in the text with str.find, not with a regex of each
    sentence (pysbd's own way, which compiles a new pattern per sentence): the same sentences and
    offsets on every seed and on texts that repeat sentences, end in odd whitespace or quote."""
    import pysbd

    from framediff.segment import _segmenter

    texts = [seed(p).read_text("utf-8") for p in ("000", "001", "002", "003", "004")] + [
        "Yes. Yes. Yes.\u00a0 No.\u2003\n",
        "He said: \"Go.\" Go. (Really.) Mr. Smith went to Washington, D.C. on Jan. 5. He left.",
        "It cost $3.5 bn... Then what? Nothing!!  Nothing!! \t The end.",
        "   ", "A", "Dr. No. Dr. No. Dr. No.",
    ]
    ours, theirs = _segmenter("en"), pysbd.Segmenter(language="en", clean=False)
    for text in texts:
        assert ours.segment(text) == theirs.segment(text)
    assert len(ours.segment(texts[0])) > 20
    ours.original_text = theirs.original_text = "  A b.  A b. \n"  # the offsets too, empty sentence included
    sents = ["", "A b.", "", "A b.", "b."]
    assert [(s.sent, s.start, s.end) for s in ours.sentences_with_char_spans(sents)] == \
        [(s.sent, s.start, s.end) for s in theirs.sentences_with_char_spans(sents)]


def test_plain_text_saved_as_html_reads_as_text(tmp_path):
    """Found by the battery: a .html file holding plain text was "no article text" (the HTML extractor finds
    no article in text without tags)."""
    story = ("Foreign ministers of Russia and Japan met in Tokyo on Friday. \"We agreed to keep talking,\" "
             "Lavrov told reporters. Japan said its missile shield posed no threat to Russia.")
    path = tmp_path / "saved-from-browser.html"
    path.write_text(f"Tokyo talks end without a deal\n\n{story}\n", encoding="utf-8")
    article = segment(read_article(path))
    assert article.title == "Tokyo talks end without a deal" and len(article.units) == 4


@pytest.mark.parametrize("lines", [
    ["Police arrested two men in Leeds on Friday after a robbery at a jewellery shop"],  # no full stop
    ["Jewel heist suspects held", "Police arrested two men in Leeds on Friday after a robbery, a spokesman said."],
    ["Stocks fell."],
])
def test_briefs_keep_every_line(lines):
    """A one-line brief, a headline whose words its one sentence does not repeat: all of it is the article."""
    article = segment(article_from_text("\n".join(lines)))
    assert [u.text for u in article.units] == lines
    assert article.title == (lines[0] if len(lines) > 1 else "")
