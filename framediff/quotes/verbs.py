"""Reporting verbs and the nouns that name speakers.

The verb list follows Levin's (1993) English Verb Classes and Alternations,
classes 37.x "verbs of communication" (37.7 say verbs, 37.1 transfer of a
message, 37.3 manner of speaking, 37.8 complain, 37.9 advise) and 29.x
"verbs of predicative complements" that report beliefs (29.4 declare,
29.5 conjecture), with the frequent cues of the PARC attribution corpus
(Pareti 2016) such as "according to", "point out", "show", "find".
"""
from __future__ import annotations

SAY = {
    # 37.7 say verbs
    "say", "state", "announce", "declare", "explain", "mention", "note", "observe", "remark", "report",
    "reveal", "disclose", "add", "comment", "stress", "emphasize", "emphasise", "underline", "underscore",
    "highlight", "reiterate", "repeat", "reaffirm", "recall", "affirm", "assert", "insist", "maintain",
    "contend", "claim", "allege", "argue", "point", "specify", "clarify", "confirm", "deny", "admit",
    "acknowledge", "concede", "caution", "warn", "predict", "suggest", "propose", "indicate", "hint",
    "imply", "signal", "write", "tweet", "post", "testify", "recount", "describe", "continue", "conclude",
    # 37.1 transfer of a message, 37.9 advise
    "tell", "inform", "assure", "brief", "notify", "advise", "urge", "ask", "question", "answer", "reply",
    "respond", "retort", "counter", "promise", "pledge", "vow", "guarantee", "agree", "disagree", "demand",
    # 37.3 manner of speaking, 37.8 complain
    "shout", "chant", "whisper", "murmur", "scream", "yell", "joke", "quip", "boast", "complain",
    "lament", "protest", "object", "criticize", "criticise", "accuse", "charge", "exclaim", "muse", "gush", "marvel",
    # 33 judgement verbs said aloud
    "scold", "chide", "rebuke", "berate", "taunt", "assail", "put",
    # 29.4 declare / 29.5 conjecture (reported beliefs)
    "believe", "think", "consider", "feel", "fear", "hope", "expect", "estimate", "doubt", "worry",
    "speculate", "guess", "suspect", "reckon", "find", "show", "prove", "cite", "quote", "learn",
} | {"echo", "attack", "condemn", "reject", "blast", "slam", "praise", "dismiss", "welcome", "decry",
     "denounce", "call", "blame", "bemoan", "defend", "express"}
# Speech acts PolNeAR train (Newell, Margolin & Ruths 2018) annotates as cues at least 60% of the times they have a
# subject and a complement (and at least 5 times): lemma -> (as a cue, occurrences), counted by
# bench/quotes_fit_cues.py. Left out from that list: verbs that report no statement ("promote", "resist", "pivot",
# "balk", "distance", "side", "single out", "brush") or a topic only ("discuss", "issue").
FITTED = {"endorse": (69, 114), "list": (17, 23), "order": (16, 19), "tout": (15, 17), "mock": (15, 20),
          "compare": (15, 22), "thank": (13, 15), "rail": (11, 12), "voice": (11, 14), "portray": (9, 12),
          "recommend": (8, 13), "reference": (7, 8), "invoke": (7, 10), "plead": (6, 9), "deem": (6, 9),
          "hail": (6, 6), "lash": (6, 6), "credit": (5, 6), "lambast": (5, 5), "articulate": (5, 5),
          "outline": (5, 7), "interject": (5, 5), "liken": (5, 7), "proclaim": (5, 5)}
SAY |= set(FITTED)
# Verbs whose object noun phrase is what was said ("called for talks", "echoed the claim").
NOUN_OBJECT = {"call", "echo", "cite", "criticize", "criticise", "attack", "condemn", "describe", "question",
               "deny", "announce", "propose", "reject", "blast", "slam", "praise", "accuse", "demand",
               "urge", "dismiss", "welcome", "applaud", "decry", "denounce", "reiterate", "reaffirm", "blame",
               "bemoan", "defend", "express", "endorse", "list", "tout", "mock", "compare", "thank", "rail", "voice",
               "portray", "recommend", "reference", "invoke", "deem", "hail", "lash", "credit", "lambast",
               "articulate", "outline", "liken", "proclaim", "mention", "note", "claim", "acknowledge", "stress",
               "report", "highlight", "signal", "admit", "plead"}
# Nouns that report what their possessor said ("Trump's claim that ...", "the governor's promise to ...").
CLAIM_NOUNS = {"claim", "assertion", "contention", "insistence", "allegation", "accusation", "warning", "promise",
               "pledge", "vow", "prediction", "suggestion", "argument", "statement", "admission", "denial",
               "assurance", "announcement", "declaration", "complaint", "demand", "call"}
# Verbs that report through an infinitive ("urged Tokyo to ...", "agreed to ...").
ASKING = {"ask", "question", "press", "quiz", "challenge"}  # a claim these put to someone is that one's
TO_INFINITIVE = {"urge", "ask", "promise", "pledge", "vow", "agree", "demand", "call", "warn", "advise",
                 "tell", "threaten", "refuse", "decline", "propose", "expect", "hope", "order", "plead", "recommend"}
# Cues that need a particle or an object ("point out", "call for", "lash out", "rail against", "as X put it").
PARTICLE = {"point": {"out"}, "call": {"for", "on"}, "lash": {"out"}, "rail": {"against"}, "put": {"it"}}


def lemma_of(token) -> str:
    """The token's lemma, lowercased; "hopes" is "hope" (the tagger's lemma is "hop")."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and token.lower_.startswith("hope") else lemma

# Head nouns of speakers named by what they are, not who.
UNNAMED = {"source", "insider", "official", "diplomat", "people", "person", "aide", "witness",
           "resident", "critic", "supporter", "voter"}
EXPERT = {"expert", "scholar", "analyst", "professor", "academic", "researcher", "economist", "scientist",
          "specialist", "historian", "lecturer", "fellow", "commentator", "observer"}
OFFICE = {"minister", "president", "premier", "secretary", "spokesman", "spokeswoman", "spokesperson",
          "ambassador", "chancellor", "commander", "chief", "head", "leader", "governor", "senator",
          "official", "diplomat", "envoy", "representative", "general", "admiral", "mayor", "king",
          "emperor", "chairman", "chairwoman", "counterpart", "nominee", "candidate", "senator", "commissioner",
          "superintendent", "chief", "lawmaker", "congressman", "congresswoman"}
# Bodies that speak as one ("the Foreign Ministry said").
BODIES = {"ministry", "government", "cabinet", "delegation", "administration", "department", "office",
          "embassy", "parliament", "congress", "senate", "council", "committee", "side", "authority", "army",
          "military", "police", "court", "party", "campaign", "company", "organization", "organisation", "group",
          "union", "coalition", "board", "commission", "panel", "jury", "firm", "bank", "university", "school",
          "agency", "bureau", "service", "team", "association", "foundation", "institute", "center", "centre",
          "white", "house", "church", "city", "county", "state", "country", "nation", "county", "district"}
MEDIA = {"agency", "news", "newspaper", "times", "post", "journal", "network", "daily", "shimbun",
         "television", "tv", "radio", "magazine", "reuters", "sputnik", "tass", "xinhua", "bloomberg", "press",
         "media", "outlet", "broadcaster", "channel", "cnn", "msnbc", "nbc", "abc", "cbs", "fox", "ap"}
# What a document, a finding or a count "says" is no one's statement: never a speaker ("the ad", "a 2014 study",
# "the DOJ document", "a pool report", "the transcript").
DOCUMENTS = {"report", "poll", "survey", "study", "document", "analysis", "data", "transcript", "ad",
             "advertisement", "commercial", "memo", "filing", "complaint", "lawsuit", "record", "figure", "research",
             "book", "article", "chart", "slide", "video", "footage", "photo", "map", "letter", "dissolution",
             "number", "percent", "majority", "minority", "share", "half", "third", "result", "finding", "evidence",
             "version", "draft", "bill", "law", "rule", "policy", "plan", "proposal", "website", "site", "page",
             "headline", "story", "piece", "editorial", "column", "speech", "remark", "comment", "narrator",
             "caption", "note", "sign", "banner", "message", "email", "e-mail", "text", "tweet", "cover", "image",
             "picture", "photograph", "illustration", "cartoon", "graphic", "poster"}
# Writings someone issues; the ones not in DOCUMENTS speak for their issuer ("the statement said"), who stays unnamed.
WRITINGS = DOCUMENTS | {"statement", "release", "op-ed", "post"}
# Common nouns for people, who speak as unnamed sources ("a woman said", "protesters chanted").
PEOPLE = {"man", "woman", "men", "women", "mother", "father", "wife", "husband", "son", "daughter", "friend",
          "neighbor", "neighbour", "student", "teacher", "worker", "owner", "victim", "officer", "doctor", "nurse",
          "pastor", "priest", "activist", "protester", "protestor", "organizer", "fan", "parent", "veteran",
          "member", "employee", "lawyer", "attorney", "prosecutor", "judge", "justice", "candidate", "nominee",
          "challenger", "rival", "opponent", "colleague", "lawmaker", "legislator", "congressman",
          "congresswoman", "sheriff", "director", "manager", "founder", "executive", "ceo", "donor", "ally",
          "adviser", "advisor", "strategist", "consultant", "pollster", "economist", "agent", "detective",
          "investigator", "reporter", "journalist", "editor", "host", "anchor", "author", "writer", "actor",
          "actress", "comedian", "singer", "player", "coach", "athlete", "resident", "citizen", "american",
          "democrat", "republican", "conservative", "liberal", "progressive", "delegate", "attendee", "marcher",
          "demonstrator", "immigrant", "refugee", "survivor", "relative", "family", "colleague", "observer"}
# Portfolio words that tell two ministers apart.
PORTFOLIO = {"foreign", "defense", "defence", "prime", "finance", "interior", "trade", "economy",
             "justice", "health", "education", "energy", "agriculture", "deputy", "vice", "former"}
PRONOUNS = {"he", "she", "him", "her", "i", "we", "they", "it"}
