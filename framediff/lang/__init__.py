"""Articles in other languages than English, and pairs across two languages.

`routing` says which step reads which language (and the notices for the steps that cannot run);
`multilingual` embeds sentences of any of ~100 languages in one space; `numbers` and `names` find
values and names with their spans, compared across scripts; `quotes` finds quotations by the marks
and reporting verbs of Russian, Chinese and Japanese; `compare` runs a comparison across languages.
"""
