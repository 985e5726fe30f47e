"""Corpus mode: thousands of articles on Dask, grouped into events, each event a story, outlet-level figures.

    run.run_corpus(INPUT, DIR, scheduler=None, workers=None) -> Summary     (`framediff corpus`)

Steps, one module each: `inputs` (folder tree or CSV/JSONL/Parquet table -> rows, bad rows named),
`tasks` (what runs on the Dask workers: ingest + embed, pair same-event scores, one story per
event, one analysis per single article), `neighbours` (candidate pairs from an approximate
nearest-neighbour index within a date window), `grouping` (events from the confirmed pairs),
`state` (checkpoints written atomically, so a killed run redoes only unfinished work), `tables`
(Parquet tables and the DuckDB file), `outlets` (per-outlet figures), `index` (DIR/index.html),
`progress` (counts and time left), `run` (the data flow). See docs/corpus.md.
"""
