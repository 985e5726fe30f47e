"""The story view driven as a user would: several files open a story, the claim matrix, hover, keys,
two columns open the pair view, Back returns; readable with 3 and with 8 outlets (rendered to PNG)."""
from __future__ import annotations

import os
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt

from conftest import SEEDS, seed
from test_story import WIRE

WAIT = 300_000  # ms: a story of eight on a busy machine

# Five more reports of the same meeting, written here the way agencies word them: each tells the facts
# in its own words, in its own order, and leaves one out.
FACTS = [
    ("Japan told Russia that the military build-up on the disputed Kuril Islands is unacceptable, Foreign Minister Taro Kono said.",
     "Foreign Minister Taro Kono said Tokyo regards Russia's military build-up on the disputed Kuril Islands as unacceptable."),
    ("Sergei Lavrov answered that Russian forces operate on sovereign Russian territory.",
     "Russia's Foreign Minister Sergei Lavrov replied that Russian troops are deployed on Russia's own sovereign territory."),
    ("Moscow voiced concern over the U.S.-designed Aegis Ashore missile defence system Japan plans to deploy.",
     "Russia again criticised Japan's plan to deploy the U.S.-made Aegis Ashore missile defence system."),
    ("Defence Minister Takeshi Iwaya said the system is purely defensive and poses no threat to Russia.",
     "Japan's Defence Minister Takeshi Iwaya insisted the Aegis Ashore system is purely defensive."),
    ("The talks prepare a summit between Vladimir Putin and Shinzo Abe in Osaka in late June.",
     "The meeting paves the way for talks between President Vladimir Putin and Prime Minister Shinzo Abe at the G20 in Osaka in June."),
    ("Sergei Shoigu said more than 30 joint defence events are planned this year.",
     "Russian Defence Minister Sergei Shoigu said the two militaries plan over 30 joint events this year."),
]
AGENCIES = ["Kyodo", "Reuters", "TASS", "Yonhap", "AFP"]


def agency_report(k: int) -> str:
    told = [FACTS[(i + k) % len(FACTS)][(i + k) % 2] for i in range(len(FACTS)) if (i + k) % len(FACTS) != k]
    head = f"Russia and Japan hold \"2+2\" talks in Tokyo ({AGENCIES[k]})"
    return f"{head}\n\nTOKYO, May 31 ({AGENCIES[k]}) - " + "\n\n".join(told) + "\n"


def open_story(qtbot, window, paths):
    with qtbot.waitSignal(window.stories.view.story_shown, timeout=WAIT) as got:
        window.open_paths("", [str(p) for p in paths])
    return got.args[0]


def shot(window, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FRAMEDIFF_SHOTS", tmp_path))
    path = folder / name
    window.grab().save(str(path))
    return path


def test_five_seeds_open_as_a_story_grouped_by_event(qtbot, window, tmp_path):
    story = open_story(qtbot, window, sorted(SEEDS.glob("*.txt")))
    view = window.stories.view
    assert not view.isHidden() and window.splitter.isHidden()
    text = view.grouping.text()
    assert "Event 1</b>: A Waonews, C CGTN" in text and "Event 2</b>: D " in text and "E AVIONEWS" in text
    assert "On its own</b> (shares no event with another article): B guanchazhewang" in text
    assert view.events.count() == 2
    e = story.events[0]
    assert view.matrix.rowCount() == len(e.claims) and view.matrix.columnCount() == 2 + 2 + 1
    shot(window, "story-seeds.png", tmp_path)
    # saved as JSON from the window, it reopens as the same story; the PDF export is written whole
    saved, pdf = tmp_path / "story.json", tmp_path / "story.pdf"
    assert window.save_act.isEnabled() and window.export_act.isEnabled()
    for path, fmt in ((saved, "json"), (pdf, "pdf")):
        with qtbot.waitSignal(window.exported, timeout=WAIT):
            window.stories.export_to(str(path), fmt)
    assert pdf.read_bytes().startswith(b"%PDF")
    window.close_comparison()
    assert view.isHidden() and not window.splitter.isHidden()
    again = open_story(qtbot, window, [saved])
    assert again.to_dict() == story.to_dict()
    assert view.events.count() == 2 and "guanchazhewang" in view.grouping.text()


def test_matrix_hover_keys_drill_down_and_back(qtbot, window, tmp_path):
    wire = tmp_path / "wire.txt"
    wire.write_text(WIRE, encoding="utf-8")
    story = open_story(qtbot, window, [seed("003"), seed("004"), wire])
    view, m = window.stories.view, window.stories.view.matrix
    claims = story.events[0].claims
    # hovering a cell shows that outlet's sentence; an absent cell says so
    c = next(k for k, cl in enumerate(claims) if "c" not in cl.units)
    told = next(k for k, cl in enumerate(claims) if "c" in cl.units)
    sentence = story.article("c").unit(claims[told].units["c"][0]).text
    assert escape(sentence, quote=False) in m.item(told, 2 + 2).toolTip()
    assert "does not tell this" in m.item(c, 2 + 2).toolTip()
    # the keyboard moves through the rows, and the side panel follows
    m.setFocus()
    m.setCurrentCell(0, 5)
    qtbot.keyClick(m, Qt.Key.Key_Down)
    qtbot.keyClick(m, Qt.Key.Key_Down)
    assert m.currentRow() == 2
    assert f"Claim {claims[2].id[1:]}:" in view.detail.toPlainText()
    # two columns -> today's pair view of that pair, the same comparison `compare A B` gives
    qtbot.mouseClick(m.horizontalHeader().viewport(), Qt.MouseButton.LeftButton,
                     pos=m.horizontalHeader().viewport().rect().topLeft() + _header_x(m, 2))
    qtbot.mouseClick(m.horizontalHeader().viewport(), Qt.MouseButton.LeftButton,
                     pos=m.horizontalHeader().viewport().rect().topLeft() + _header_x(m, 4))
    assert view.chosen == ["a", "c"] and view.pair_button.isEnabled()
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT) as got:
        qtbot.mouseClick(view.pair_button, Qt.MouseButton.LeftButton)
    cmp = got.args[0]
    assert view.isHidden() and not window.splitter.isHidden()
    assert cmp.articles[0].source == story.article("a").source and cmp.articles[1].source == str(wire)
    assert window.stories.back_act.isEnabled()
    window.stories.back_act.trigger()
    assert not view.isHidden() and window.splitter.isHidden() and m.rowCount() == len(claims)
    shot(window, "story-3.png", tmp_path)


def _header_x(m, col):
    from PySide6.QtCore import QPoint

    h = m.horizontalHeader()
    return QPoint(h.sectionViewportPosition(col) + h.sectionSize(col) // 2, h.height() // 2)


def test_eight_outlets_stay_readable(qtbot, window, tmp_path):
    files = [seed("003"), seed("004")]
    for k in range(len(AGENCIES)):
        p = tmp_path / f"{AGENCIES[k].lower()}.txt"
        p.write_text(agency_report(k), encoding="utf-8")
        files.append(p)
    wire = tmp_path / "wire.txt"
    wire.write_text(WIRE, encoding="utf-8")
    story = open_story(qtbot, window, [*files, wire])
    assert len(story.articles) == 8
    assert [len(e.articles) for e in story.events] == [8] and story.singles == []
    m = window.stories.view.matrix
    assert m.horizontalScrollBar().maximum() == 0  # every outlet column in view, no sideways scrolling
    assert m.columnWidth(m.columnCount() - 1) >= 300  # the claim's wording keeps room to be read
    path = shot(window, "story-8.png", tmp_path)
    assert path.stat().st_size > 10_000
    # the report puts the eight-column matrix on landscape A4 pages
    import io

    from pypdf import PdfReader

    from framediff.report.story import render_story_pdf

    pages = PdfReader(io.BytesIO(render_story_pdf(story))).pages
    wide = [p for p in pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert wide and "Who tells what" in wide[0].extract_text()


def test_escape_cancels_a_story_and_says_so_in_the_story_words(qtbot, window):
    window.open_paths("", [str(seed(n)) for n in ("000", "002", "003")])
    assert window.worker is not None
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.worker is None and "Story cancelled" in window.message.text()
    assert "Comparison cancelled" not in window.message.text() and not window.progress_row.isVisible()
