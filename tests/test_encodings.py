"""Encodings a newsroom meets: detected from the bytes, never assumed; bad bytes never crash."""
from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest
from conftest import ROOT

from framediff.ingest import read_article
from framediff.ingest.decode import decode
from framediff.segment import segment

STORIES = {
    "ru": ("cp1251", """Главная | Новости | Политика | Экономика | Спорт

Лавров и Коно провели переговоры в Токио

ТАСС · 2019-05-31 10:02

Министры иностранных дел и обороны России и Японии провели в Токио переговоры в формате «два плюс два». Стороны обсудили безопасность в регионе и совместные экономические проекты на Курильских островах.

Сергей Лавров заявил, что Россия не откажется от декларации 1956 года. «Мы готовы продолжать диалог, но без признания итогов Второй мировой войны прогресса не будет», — сказал министр.

Японская сторона выразила обеспокоенность военной активностью России на островах.

ВКонтакте Телеграм Одноклассники

© 2019 ТАСС. Все права защищены."""),
    "zh": ("gb18030", """首页 | 国际 | 军事 | 财经 | 体育

日俄外长防长在东京举行“2+2”会谈

观察者网· 2019-05-31 10:02:38

日本和俄罗斯外长和防长31日在东京举行第四次“2+2”会谈，双方讨论了地区安全和千岛群岛共同经济活动等问题。

俄罗斯外长拉夫罗夫表示，俄方不会放弃1956年的联合宣言，但日方必须承认第二次世界大战的结果。

日方对俄罗斯在争议岛屿上加强军事存在表示关切，双方同意继续对话。

分享到：微博 微信 QQ空间

版权所有 © 2019 观察者网 未经授权禁止转载"""),
    "ja": ("shift_jis", """ホーム | 政治 | 経済 | 国際 | スポーツ

日ロ外務・防衛閣僚協議、東京で開催

2019-05-31 10:02 共同通信

日本とロシアの外務・防衛担当閣僚による「2プラス2」協議が31日、東京で開かれた。両国は地域の安全保障や北方領土での共同経済活動について意見を交わした。

ラブロフ外相は、1956年の日ソ共同宣言を放棄することはないと述べた。一方、日本側は島々でのロシア軍の活動に懸念を伝えた。

双方は対話を続けることで一致した。

ツイート シェア

Copyright (C) 2019 共同通信 All rights reserved."""),
    "fr": ("latin-1", """Accueil | Monde | Économie | Sport | Culture

Les discussions russo-japonaises s'achèvent sans accord

Par Jean Dupont

TOKYO, 31 mai 2019 - Les ministres des Affaires étrangères et de la Défense de la Russie et du Japon se sont réunis vendredi à Tokyo pour un quatrième cycle de discussions sur les îles disputées.

Le ministre russe a déclaré que les négociations avaient été « franches et très utiles », mais aucun accord n'a été trouvé sur le statut des îles Kouriles.

Les deux pays se retrouveront avant le sommet d'Osaka, prévu à la fin du mois de juin.

Partager Facebook Twitter

© 2019 Le Quotidien. Tous droits réservés."""),
}
# What each story must give: (title, outlet, date, a story sentence, a debris line).
EXPECTED = {
    "ru": ("Лавров и Коно провели переговоры в Токио", "ТАСС", "2019-05-31",
           "Японская сторона выразила обеспокоенность военной активностью России на островах.",
           "ВКонтакте Телеграм Одноклассники"),
    "zh": ("日俄外长防长在东京举行“2+2”会谈", "观察者网", "2019-05-31",
           "俄罗斯外长拉夫罗夫表示，俄方不会放弃1956年的联合宣言，但日方必须承认第二次世界大战的结果。",
           "分享到：微博 微信 QQ空间"),
    "ja": ("日ロ外務・防衛閣僚協議、東京で開催", "共同通信", "2019-05-31",
           "双方は対話を続けることで一致した。", "ツイート シェア"),
    "fr": ("Les discussions russo-japonaises s'achèvent sans accord", "", "",
           "Les deux pays se retrouveront avant le sommet d'Osaka, prévu à la fin du mois de juin.",
           "Partager Facebook Twitter"),
}


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_legacy_encoded_story_reads_right_end_to_end(tmp_path, lang):
    encoding, story = STORIES[lang]
    path = tmp_path / f"{lang}.txt"
    path.write_bytes(story.encode(encoding))
    a = segment(read_article(path))
    title, outlet, date, sentence, debris = EXPECTED[lang]
    assert (a.title, a.outlet, a.date, a.language) == (title, outlet, date, lang)
    assert a.text.startswith(title + "\n\n")
    assert sentence in [u.text for u in a.units]
    assert debris not in a.text and "|" not in a.text  # social links and menus
    assert "©" not in a.text and "(C)" not in a.text  # copyright footer
    assert all(a.text[u.start:u.end] == u.text for u in a.units)


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_every_line_of_the_story_decodes_exactly(lang):
    encoding, story = STORIES[lang]
    assert decode(story.encode(encoding)) == story


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                          (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_marks(bom, encoding):
    story = STORIES["ru"][1]
    text = decode(bom + story.encode(encoding))
    assert text == story and not text.startswith("\ufeff")


def test_short_utf8_is_not_mistaken_for_a_code_page():
    for s in ("Café au lait", "naïve résumé", "Шойгу", "日本", "Kōno"):
        assert decode(s.encode("utf-8")) == s


def test_truncated_utf8_keeps_everything_before_the_cut():
    story = STORIES["ru"][1].rstrip(".")
    cut = story.encode("utf-8")[:-1]  # the last character, a Cyrillic letter, loses its second byte
    assert decode(cut) == story[:-1] + "\ufffd"


def test_stray_bad_bytes_in_utf8_do_not_turn_the_text_to_mojibake():
    story = STORIES["zh"][1]
    broken = story[:100].encode("utf-8") + b"\xff\xfe\x80" + story[100:].encode("utf-8")
    text = decode(broken)
    assert "\ufffd" in text
    assert text.replace("\ufffd", "") == story


def test_mixed_line_endings_nul_bytes_and_controls():
    raw = b"Title line\r\n\r\nFirst para\x00graph.\rSecond\x07 line.\n\nThird \x1b[0mparagraph.\r\n"
    assert decode(raw) == "Title line\n\nFirst paragraph.\nSecond line.\n\nThird [0mparagraph.\n"


def test_latin1_with_a_single_accent_is_not_read_as_utf8():
    text = "The minister met the press at a café in Tokyo on Friday to discuss the talks."
    assert decode(text.encode("latin-1")) == text


def test_language_is_undetermined_when_the_text_is_too_short_to_tell(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Лавров.\n")
    assert read_article(path).language == "und"


def test_latin1_ending_in_an_accent_is_not_taken_for_cut_utf8():
    text = "Le ministre a bu un verre au café"
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_legacy_encoded_html_page(tmp_path, lang):
    encoding, story = STORIES[lang]
    title, _, _, sentence, _ = EXPECTED[lang]
    paragraphs = "".join(f"<p>{p}</p>" for p in story.split("\n\n")[3:-2])
    menu = story.split("\n\n")[0]
    page = (f'<html><head><meta charset="{encoding}"><title>{title}</title></head><body><nav>{menu}</nav>'
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    a = segment(read_article(path))
    assert a.title == title and a.language == lang
    assert sentence in [u.text for u in a.units]


def test_russian_and_chinese_legacy_files_compare_end_to_end(tmp_path):
    paths = []
    for lang in ("ru", "zh"):
        encoding, story = STORIES[lang]
        paths.append(tmp_path / f"{lang}.txt")
        paths[-1].write_bytes(story.encode(encoding))
    p = subprocess.run([sys.executable, "-m", "framediff", "compare", *map(str, paths), "--json", "-"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    articles = json.loads(p.stdout)["articles"]
    assert [(a["language"], a["title"]) for a in articles] == [("ru", EXPECTED["ru"][0]), ("zh", EXPECTED["zh"][0])]
    for a in articles:
        assert all(a["text"][u["start"]:u["end"]] == u["text"] for u in a["units"]) and len(a["units"]) >= 4
