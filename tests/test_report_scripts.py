"""Chinese and Russian articles render with real glyphs, checked on the rendered page, not only the text layer.

A glyph test that cannot tell tofu from text proves nothing, so the detector is
run on a control too: the same report rendered in a subprocess whose fontconfig
knows only a font without Han or Cyrillic, where every letter is a box. Tofu
looks the same whatever the letter; real glyphs differ letter by letter.
"""
from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from framediff.comparison import Article, Comparison, Group, SameEvent, Unit

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")

ZH_TITLE = "俄日外长防长会谈强调二加二机制"  # 长 and 二 twice: the same letter must look the same
RU_TITLE = "Москва Лондон Берлин Москва"  # three six-letter words, one twice
CONTROL_FONT = Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")  # no Han, no Cyrillic
HAN, CYRILLIC = "[\u4e00-\u9fff]+", "[\u0400-\u04ff]{6}"


def script_cmp() -> Comparison:
    def art(i, lang, title, body):
        text = f"{title}\n\n{body}"
        units = [Unit(f"{i}1", 0, len(title), title), Unit(f"{i}2", len(title) + 2, len(text), body)]
        return Article(i, f"{i}.txt", title, f"Outlet {i.upper()}", "2024-01-01", lang, text, units)

    a = art("a", "zh", ZH_TITLE, "拉夫罗夫表示，俄罗斯从未放弃一九五六年宣言。")
    b = art("b", "ru", RU_TITLE, "Лавров заявил, что Москва никогда не отказывалась от декларации.")
    return Comparison([a, b], [Group("g1", ["a1"], ["b1"], 0.5)], {"a": ["a2"], "b": ["b2"]},
                      same_event=SameEvent(0.5, True), meta={"model": "test"})


def _words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pat = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(html.unescape(t), *map(float, box)) for *box, t in re.findall(pat, out)]


def _shape(img: Image.Image) -> Image.Image | None:
    """The inked part of a cell, black and white, scaled to 24x24 (None if blank)."""
    bw = img.point(lambda v: 255 if v < 128 else 0)
    box = bw.getbbox()
    return bw.crop(box).resize((24, 24)).point(lambda v: 255 if v > 127 else 0) if box else None


def _distance(p, q) -> float:
    if p is None or q is None:
        return 0.0
    return sum(x != y for x, y in zip(p.tobytes(), q.tobytes())) / (24 * 24)  # share of pixels that differ


def glyph_shapes(pdf: Path, tmp: Path, pattern: str, per_letter: bool, dpi: int = 200) -> list[tuple[str, object]]:
    """(letter or word, its shape on page 1) for each word matching `pattern`; Han words are cut into em cells."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp / "page")], check=True)
    page, k = Image.open(tmp / "page.png").convert("L"), dpi / 72
    shapes = []
    for text, x0, y0, x1, y1 in _words(pdf):
        if re.fullmatch(pattern, text):
            parts = list(text) if per_letter else [text]
            w = (x1 - x0) / len(parts)
            shapes += [(t, _shape(page.crop((round((x0 + i * w) * k), round(y0 * k), round((x0 + (i + 1) * w) * k),
                                               round(y1 * k))))) for i, t in enumerate(parts)]
    return shapes


def real_glyphs(shapes) -> bool:
    """Ink everywhere, every two different letters (or words) look different, equal ones alike."""
    if not shapes or any(s is None for _, s in shapes):
        return False
    pairs = list(itertools.combinations(shapes, 2))
    differ = [_distance(p, q) for (a, p), (b, q) in pairs if a != b]
    alike = [_distance(p, q) for (a, p), (b, q) in pairs if a == b]
    return bool(differ) and min(differ) > 0.2 and max(alike, default=0) < 0.1


def _render(tmp: Path, name: str, env: dict | None = None) -> Path:
    pdf = tmp / name
    code = ("import sys; sys.path.insert(0, %r); from tests.test_report_scripts import script_cmp; "
            "from framediff.report import render_pdf; open(%r, 'wb').write(render_pdf(script_cmp()))"
            % (str(Path(__file__).resolve().parent.parent), str(pdf)))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, timeout=120)
    return pdf


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return _render(tmp_path_factory.mktemp("scripts"), "real.pdf")


def test_the_text_layer_holds_the_chinese_and_russian(rendered):
    text = " ".join(w[0] for w in _words(rendered))
    assert ZH_TITLE in text and "Москва" in text and "Лондон" in text


@pytest.mark.parametrize("pattern, per_letter", [(HAN, True), (CYRILLIC, False)], ids=["chinese", "russian"])
def test_chinese_and_russian_render_as_real_glyphs(rendered, tmp_path, pattern, per_letter):
    shapes = glyph_shapes(rendered, tmp_path, pattern, per_letter)
    assert len(shapes) >= (len(ZH_TITLE) if per_letter else 4)
    assert real_glyphs(shapes)


@pytest.mark.skipif(not CONTROL_FONT.exists(), reason="needs fonts-noto-core for the control font")
@pytest.mark.parametrize("pattern, per_letter", [(HAN, True), (CYRILLIC, False)], ids=["chinese", "russian"])
def test_the_glyph_check_catches_tofu(tmp_path, pattern, per_letter):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / CONTROL_FONT.name).symlink_to(CONTROL_FONT)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
                    f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    tofu = _render(tmp_path, "tofu.pdf", {**os.environ, "FONTCONFIG_FILE": str(conf)})
    shapes = glyph_shapes(tofu, tmp_path, pattern, per_letter)
    assert shapes, "the control still has its text layer"
    assert not real_glyphs(shapes)
