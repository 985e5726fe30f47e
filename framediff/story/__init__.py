"""Stories: three or more outlets on one event. Who told what, how each worded it, who left it out.

    build.story_files(paths) -> Story       build.build_story(articles, embedder) -> Story
    build.pair_comparison(story, x, y)      the pair drill-down, the same as `compare X Y`

Steps, one module each: `events` (grouping by the same-event score), `claims` (units of all
outlets in claims, from the pair alignments), `outlets` (per-outlet findings), `model` (the
Story object, JSON `framediff/story-1`), `schema` (reading a saved story strictly), `build`
(the data flow). Nothing is imported here, so reading a saved file stays light.
"""
