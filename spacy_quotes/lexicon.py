"""The cue lexicon: words that report speech, writing or thought, and the words around them."""

# Verbs whose clausal complement (or a quotation beside them) is what someone said or thought.
SPEECH_VERBS = frozenset(
    """
    say tell add note stress state confirm deny warn claim announce insist argue tweet write
    report believe fear think explain acknowledge admit allege assert answer ask boast brag
    caution charge comment complain concede conclude contend continue declare emphasize emphasise
    estimate exclaim hint imply indicate maintain mention muse observe predict proclaim promise
    quip recall reckon remark reply respond retort reveal say scoff shout speculate suggest
    swear testify underscore urge vow pledge warn whisper wonder worry yell agree disagree argue
    assure blog post recount reiterate repeat affirm point learn find show hope expect suspect
    doubt feel know guess understand acknowledge surmise predict calculate forecast signal
    joke lament gripe grumble plead concur counter object protest question
    cite mention criticize criticise condemn attack praise describe defend demand dismiss blame
    want plan threaten seek intend call refer talk speak
    """.split()
)

# Verbs whose direct object is what was said ("denied the report", "cited a poll").
OBJECT_CUES = frozenset(
    """
    announce confirm deny reveal predict promise propose acknowledge admit report cite mention
    criticize criticise condemn attack praise describe defend demand question dismiss blame
    """.split()
)

# Verbs of intent whose infinitive is the content ("wants to leave", "vowed to fight").
INTENT_CUES = frozenset("want plan hope expect promise vow pledge threaten urge seek intend".split())

# Verbs whose prepositional object is the content ("called for a ceasefire").
PREPOSITION_CUES = {
    "call": ("for",),
    "point": ("to",),
    "refer": ("to",),
    "warn": ("of", "about", "against"),
    "complain": ("about", "of"),
    "talk": ("about",),
    "speak": ("about", "of"),
}

# Verbs that only report speech with a particle ("point out").
PARTICLE_CUES = {"point": "out"}

# Verbs that refuse speech: "declined to discuss", "refused to say".
REFUSAL_VERBS = frozenset("decline refuse".split())

# Nouns that name someone by the job they speak for ("the spokesman").
ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson secretary minister president senator official leader
    governor mayor chairman chairwoman chair director adviser advisor aide ambassador envoy
    chief commander general admiral officer representative congressman congresswoman lawmaker
    candidate nominee premier chancellor king queen prince judge prosecutor attorney lawyer
    analyst economist expert researcher professor scientist diplomat negotiator manager
    executive founder strategist pollster campaign head deputy counsel sheriff
    """.split()
)

PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("they it we".split())
