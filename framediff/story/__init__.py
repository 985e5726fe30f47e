"""Stories: three or more outlets on one event. Who told what, how each worded it, who left it out.

    story_files(paths) -> Story        build_story(articles, embedder) -> Story
    pair_comparison(story, x, y)       the pair drill-down, the same as `compare X Y`

Steps, one module each: `events` (grouping by the same-event score), `claims` (units of all
outlets in claims, from the pair alignments), `outlets` (per-outlet findings), `model` (the
Story object, JSON `framediff/story-1`), `schema` (reading a saved story strictly).
"""
from .build import as_pair, build_story, load_articles, pair_comparison, story_files
from .model import STORY_SCHEMA, Story

__all__ = ["STORY_SCHEMA", "Story", "as_pair", "build_story", "load_articles", "pair_comparison", "story_files"]
