"""Frames: each passage's frame in the Media Frames Corpus scheme (Boydstun et al. 2014), by meaning.

With no labelled data offline, each frame is a short description written from
the published codebook; a passage takes the frame whose description is nearest
in embedding space when the cosine reaches ASSIGN_AT, else "Other". Each
article gets a profile: the share of its passages per frame, only for frames supported by at least
SUPPORT_AT passages and SHARE_AT of its passages ("Other", the passages no frame fits, is left out: "Other 88%" tells nothing,
so a profile may sum to less than 1 or be empty); a flag notes the
frame whose share differs most between the two articles (an overview, so a
notable flag at most: 0.25 + 0.4 x the share gap).
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from ..comparison import Flag
from .context import Context

ASSIGN_AT = 0.2
SUPPORT_AT = 2  # passages of one article a frame needs to appear in its profile ...
SHARE_AT = 0.1  # ... and this share of its passages
DIFFER_AT = 0.2  # share gap from which two profiles differ in a frame
MAX_SPANS = 6

CODEBOOK = {
    "Economic": "costs, benefits, money, spending, budgets, trade, investment, prices, jobs and the economy",
    "Capacity and resources": "availability of physical, human or financial resources; capacity to act; shortages and supplies",
    "Morality": "religious or ethical implications; what is right or wrong; moral duty and values",
    "Fairness and equality": "equality or inequality in how laws, punishment, rewards and resources are distributed among groups",
    "Legality, constitutionality and jurisprudence": "court cases, laws, legal rights, treaties, constitutionality and legal authority",
    "Policy prescription and evaluation": "particular policies proposed or in place, whether they will work and how to solve a problem",
    "Crime and punishment": "violations of law, crimes, police, sentencing, punishment and enforcement",
    "Security and defense": "military forces, weapons, missile defense, threats to national security, deployments and defense",
    "Health and safety": "health care, disease, injury, public safety, disasters and protection of life",
    "Quality of life": "effects on people's everyday wellbeing, comfort, families and communities",
    "Cultural identity": "traditions, customs, history, national identity and values of a culture",
    "Public opinion": "attitudes of the public, polls, protests, popular support or opposition",
    "Political": "political parties, politicians, elections, negotiations, diplomacy, bilateral talks and political strategy",
    "External regulation and reputation": "a country's foreign relations, international reputation, and relations with other nations",
}


def assign(ctx: Context, side: str, frame_vecs: np.ndarray) -> dict[str, str]:
    names = list(CODEBOOK)
    sims = ctx.vectors(side) @ frame_vecs.T
    out = {}
    for u, row in zip(ctx.article(side).units, sims):
        k = int(np.argmax(row))
        out[u.id] = names[k] if row[k] >= ASSIGN_AT else "Other"
    return out


def fill_frames(ctx: Context) -> list[Flag]:
    """Set cmp.frames; return the frame-difference flag for two articles."""
    frame_vecs = np.asarray(ctx.embed([f"{n}: {d}" for n, d in CODEBOOK.items()]))
    sides = ("a", "b")[:len(ctx.cmp.articles)]
    units = {s: assign(ctx, s, frame_vecs) for s in sides}
    profile = {}
    for s in sides:
        counts = Counter(units[s].values())
        total = max(sum(counts.values()), 1)
        profile[s] = {f: round(n / total, 3) for f, n in counts.most_common()
                      if f != "Other" and n >= SUPPORT_AT and n / total >= SHARE_AT}
    ctx.cmp.frames = {"units": {u: f for s in sides for u, f in units[s].items()}, "profile": profile}
    if not ctx.pair:
        return []
    frames = [f for f in CODEBOOK if f in profile["a"] or f in profile["b"]]  # codebook order: ties break alike
    gap = {f: profile["a"].get(f, 0.0) - profile["b"].get(f, 0.0) for f in frames}
    if not gap:
        return []
    top = max(gap, key=lambda f: abs(gap[f]))
    if abs(gap[top]) < DIFFER_AT:
        return []
    more, less = ("a", "b") if gap[top] > 0 else ("b", "a")
    summary = (f"{ctx.name(more)} frames more of the story as {top} ({profile[more].get(top, 0):.0%} of passages) "
               f"than {ctx.name(less)} ({profile[less].get(top, 0):.0%}).")
    ev = {s: [ctx.article(s).span(ctx.article(s).unit(u).start, ctx.article(s).unit(u).end)
              for u, f in units[s].items() if f == top][:MAX_SPANS] for s in sides}
    return [Flag("frames", summary, round(0.25 + 0.4 * abs(gap[top]), 3), ev["a"], ev["b"], None,
                 {"frame": top, "a": profile["a"].get(top, 0.0), "b": profile["b"].get(top, 0.0)})]
