"""The cue lexicon: words that report speech, writing or thought, and the words around them."""

# Forms of cue verbs that the English pipelines' lemmatizer gets wrong ("hoped" as "hop"), with
# their lemmas.
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}

# Verbs that report speech or writing, and so can introduce a quotation beside them.
SPEECH_VERBS = frozenset(
    """
    say tell add note stress state confirm deny warn claim announce insist argue tweet write
    report explain acknowledge admit allege assert answer ask boast brag caution charge comment
    complain concede conclude contend continue declare emphasize emphasise exclaim muse observe
    proclaim quip recall remark reply respond retort reveal scoff shout swear testify underscore
    urge vow pledge whisper yell agree disagree assure blog post recount reiterate repeat affirm
    joke lament gripe grumble plead concur counter object protest predict promise suggest point
    demand chant cry scream mutter read
    """.split()
)

# Verbs of thought, belief and evidence: cues for reported content, never for a quotation.
THOUGHT_VERBS = frozenset(
    """
    believe fear think hope expect suspect doubt feel know guess understand surmise reckon wonder
    worry estimate calculate forecast speculate imply indicate hint signal learn find show
    """.split()
)

# Verbs of stance whose direct object is what they report ("blasted the plan", "endorsed
# Clinton"): those whose object is the content in most of their uses as a cue, and that are cues
# in at least 40% of their 5 or more uses in PolNeAR train ("blast" 33 of 35, "endorse" 103 of
# 199; not "support", 130 of 508). Left out are the verbs whose object is more often a thing than
# something said outside political news: "order", "list", "name", "document", "prefer", …
STANCE_VERBS = frozenset(
    """
    decry chide bemoan blast tout lambast assail slam rebut denounce interject express reaffirm
    deride mock voice portray reference recite rebuke liken hail articulate repudiate deem echo
    quote savage reject applaud characterize discuss outline disclose endorse trumpet highlight
    congratulate clarify invoke dispute disavow taunt ridicule renounce publicize profess
    overstate belittle
    """.split()
)

# Verbs whose direct object is what was said ("denied the report", "cited a poll"). The verbs of
# speech of the last line are cues in 48% ("tweeted a photo", 21 of 44) to 100% ("lamented", 5
# of 5) of the uses with an object that the rules reported no other way in PolNeAR train.
OBJECT_CUES = STANCE_VERBS | frozenset(
    """
    announce confirm deny reveal predict promise propose acknowledge admit report cite mention
    criticize criticise condemn attack praise describe defend demand question dismiss blame
    recall note reiterate repeat stress emphasize emphasise recount lament explain post tweet
    """.split()
)

# Verbs that name what their object is ("called the plan “a betrayal”", "dubbed him a liar").
NAMING_CUES = frozenset("call dub label brand term".split())

# Verbs of intent whose infinitive is the content ("wants to leave", "vowed to fight").
INTENT_CUES = frozenset("want plan hope expect promise vow pledge threaten urge seek intend".split())

# Verbs that refuse speech, which PolNeAR takes as cues of their infinitive alone ("declined" +
# "to comment": 42 of the 46 uses of "decline" with an infinitive in PolNeAR train are cues, and
# 28 of 43 of "refuse"); the speech they refuse is no cue of its own.
REFUSAL_VERBS = frozenset("decline refuse".split())

# Nouns whose "that" clause is reported ("Trump's claim that …"): those that are cues in at least
# 40% of their 5 or more uses with such a clause in PolNeAR train ("claim" 12 of 25, "statement"
# 8 of 12; not "idea", 6 of 32, nor "fact", 2 of 74).
NOUN_CUES = frozenset(
    "claim suggestion assertion complaint statement admission assumption belief concern doubt hope confidence".split()
)

# Nouns of documents whose participle is a cue that takes in the verb issuing them ("issued a
# statement saying", "published a report detailing").
DOCUMENT_NOUNS = frozenset(
    "statement message report letter resolution bill release memo ad video tweet post email note paper notice".split()
)

# Verbs whose prepositional object is the content ("called for a ceasefire").
PREPOSITION_CUES = {
    "call": ("for",),
    "point": ("to",),
    "refer": ("to",),
    "warn": ("of", "about", "against"),
    "complain": ("about", "of"),
    "talk": ("about",),
    "speak": ("about", "of"),
    "comment": ("on",),
    "respond": ("to",),
    "reply": ("to",),
    "ask": ("about",),
}

# Verbs whose object, after this particle, and the infinitive after it are the content: "called on
# Congress to act" (a cue in 47 of the 71 uses of "call on" in PolNeAR train).
APPEAL_CUES = {"call": "on"}

# Verbs that charge, credit or liken their object with what the preposition after it says
# ("accused Republicans of …", "criticized Clinton for …", "likened the deal to …").
CHARGE_CUES = {
    "accuse": ("of",),
    "criticize": ("for",),
    "criticise": ("for",),
    "blame": ("for",),
    "praise": ("for",),
    "fault": ("for",),
    "liken": ("to",),
}

# Every verb that can cue an attribution.
CUE_VERBS = (
    SPEECH_VERBS | THOUGHT_VERBS | OBJECT_CUES | NAMING_CUES | INTENT_CUES
    | frozenset(PREPOSITION_CUES) | frozenset(CHARGE_CUES)
)

# Verbs that only report speech with a particle ("point out").
PARTICLE_CUES = {"point": "out"}

# Verbs that refuse speech when negated: "was not authorized to discuss", "did not want to say".
PERMISSION_VERBS = frozenset("authorize authorise allow permit want intend plan".split())

# Labels that begin a paragraph with a colon but name no speaker: "Correction: …", "UPDATE: …".
EDITORIAL_LABELS = frozenset(
    {
        "correction", "corrections", "clarification", "update", "updated", "note", "editor's note", "editor’s note",
        "related", "read more", "watch", "video", "photo", "photos", "source", "sources", "disclosure",
        "the latest",
    }
)

# Nouns that name someone by the job they speak for ("the spokesman").
ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson secretary minister president senator official leader
    governor mayor chairman chairwoman chair director adviser advisor aide ambassador envoy
    chief commander general admiral officer representative congressman congresswoman lawmaker
    candidate nominee premier chancellor king queen prince judge prosecutor attorney lawyer
    analyst economist expert researcher professor scientist diplomat negotiator manager
    executive founder strategist pollster campaign head deputy counsel sheriff speaker ceo
    councilman councilwoman councilmember councillor councilor commissioner alderman alderwoman justice
    """.split()
)

# Titles abbreviated before a name ("Sen. Rick Scott", "Lt. Col. Ana Ruiz"), and the role noun
# each stands for, by which a later "the senator" may refer back to the name.
TITLE_ABBREVIATIONS = {
    **dict.fromkeys(("Sen.", "Sens."), "senator"),
    **dict.fromkeys(("Rep.", "Reps."), "representative"),
    "Gov.": "governor",
    "Gen.": "general",
    "Adm.": "admiral",
    "Cmdr.": "commander",
    "Atty.": "attorney",
    # Ranks, alone or before another title ("Maj. Gen.", "Lt. Gov.").
    **dict.fromkeys(("Lt.", "Maj.", "Brig.", "Col.", "Capt."), "officer"),
    **dict.fromkeys(("Sgt.", "Cpl.", "Pvt.", "Rev."), None),
}

# One who speaks for others, by noun and by other titles: a later "the spokesman" may
# refer to a "press secretary".
SPOKESPERSON_NOUNS = frozenset("spokesman spokeswoman spokesperson".split())
SPOKESPERSON_TITLES = ("press secretary", "press officer")

PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("they it we".split())
# Nouns by which "the company" refers back to the organisation last named.
ORGANISATION_NOUNS = frozenset(
    "company firm corporation bank agency ministry department newspaper network foundation".split()
)
