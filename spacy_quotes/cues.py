"""Cues: which tokens report speech, writing or thought, and how far a cue's span reaches."""
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import (
    APPEAL_CUES,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    LEMMA_FIXES,
    NOUN_CUES,
    PARTICLE_CUES,
    PERMISSION_VERBS,
    PREPOSITION_CUES,
    REFUSAL_VERBS,
    SPEECH_VERBS,
)


def is_cue(token: Token, speech_only: bool = False) -> bool:
    """A cue verb that is not negated, refused, supposed ("Let's say …") or conceded ("That
    said, …"), a verb that refuses speech ("declined to comment"), or the "according" of
    "according to".

    With `speech_only`, only verbs that introduce a quotation beside them count.
    """
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == "to"
    lemma = fixed_lemma(token)
    known = lemma in (SPEECH_VERBS if speech_only else CUE_VERBS)
    if token.pos_ != "VERB" or not (known or (not speech_only and refused_speech(token) is not None)):
        return False
    particle = PARTICLE_CUES.get(lemma)
    prepositions = PREPOSITION_CUES.get(lemma, ())
    if particle is not None and not any(
        (c.dep_ == "prt" and c.lower_ == particle) or (c.dep_ == "prep" and c.lower_ in prepositions)
        for c in token.children
    ):
        return False
    if _is_negated(token):
        return False
    if token.dep_ == "ccomp" and fixed_lemma(token.head) == "let":  # "Let's say you earn …": a supposition
        return False
    if _is_concession(token):
        return False
    return not (token.dep_ == "xcomp" and _is_refused(token.head))


def _is_concession(verb: Token) -> bool:
    """Whether `verb` is the "said" of "That said, …", which reports nothing."""
    doc, i = verb.doc, verb.i
    if verb.lower_ != "said" or i == 0 or i + 1 == len(doc):
        return False
    that = doc[i - 1]
    return that.lower_ == "that" and that.tag_ == "DT" and that.is_sent_start and doc[i + 1].text == ","


def _is_refused(verb: Token) -> bool:
    """Whether the verb a cue is the infinitive of refuses it: "declined to discuss", "was not
    authorized to discuss", "did not want to say"."""
    lemma = fixed_lemma(verb)
    return lemma in REFUSAL_VERBS or (lemma in PERMISSION_VERBS and _is_negated(verb))


def refused_speech(verb: Token) -> Optional[Token]:
    """The infinitive a verb of refusal holds back, if it is "to" and a verb that holds no report
    of its own: "declined" + "to comment", not "refused to publish the audit or say why …"."""
    if fixed_lemma(verb) not in REFUSAL_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and _is_infinitive(child) and not holds_report(child):
            return child
    return None


def _is_infinitive(verb: Token) -> bool:
    """Whether `verb` comes with the "to" of an infinitive."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.lefts)


def fixed_lemma(token: Token) -> str:
    """The token's lemma, right where the lemmatizer is known to be wrong."""
    return LEMMA_FIXES.get(token.lower_, token.lemma_)


def is_noun_cue(token: Token) -> bool:
    """A noun of speech or belief with the clause it reports: "Trump's claim that …"."""
    return token.pos_ == "NOUN" and fixed_lemma(token) in NOUN_CUES and that_clause(token) is not None


def that_clause(noun: Token) -> Optional[Token]:
    return next((c for c in noun.rights if c.dep_ in ("acl", "ccomp") and opens_with_that(c)), None)


def opens_with_that(clause: Token) -> bool:
    return any(child.dep_ == "mark" and child.lower_ == "that" for child in clause.lefts)


def holds_report(head: Token) -> bool:
    """Whether a phrase holds a verb of speech: a report of its own."""
    return any(is_cue(token, speech_only=True) for token in head.subtree)


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" and _negates(c, verb) for c in verb.children)


def _negates(neg: Token, cue: Token) -> bool:
    """Whether a cue's `neg` child negates it: not when a quotation mark parts them, as the
    parser may hang a quotation's last word on the cue ("“Probably not,” she said")."""
    first, last = sorted((neg.i, cue.i))
    return not any(token.is_quote for token in neg.doc[first:last])


def cue_span(cue: Token) -> Span:
    """The cue verb with its auxiliaries, the adverbs around it, its particle or the preposition
    of its content, and a colon right after it: "has said", "also noted", "said sarcastically",
    "pointed out", "called for", "added:". In PolNeAR train, cues hold such a colon 222 times in
    240, such a preposition 304 times in 314, and an adverb right after the verb 29 times in 36
    (in 300 articles). A cue in the infinitive or gerund of a verb just before it takes that
    verb's cue span too (`chained_verb`): "seemed to think", "could not resist pointing out"."""
    doc = cue.doc
    start, end = cue.i, cue.i + 1
    for child in cue.children:
        if child.dep_ in ("aux", "auxpass") and child.i < cue.i:
            start = min(start, child.i)
        elif child.dep_ == "prt" and child.i > cue.i:
            end = max(end, child.i + 1)
    end = modified_end(doc[start:end])
    if end < len(doc) and doc[end].text == ":" and not doc[end - 1].whitespace_:
        end += 1
    start = modified_start(doc[start:end])
    verb = chained_verb(cue, start)
    return doc[cue_span(verb).start if verb is not None else start : end]


# Words a cue's verb governs just before it that belong to the cue: "has often cited", "also said".
CUE_MODIFIERS = {"AUX", "ADV", "PART"}
# Words that may part a cue from the verb whose infinitive or gerund it is: "went on to say".
CHAIN_WORDS = {"AUX", "ADV", "PART", "ADP"}


def chained_verb(cue: Token, start: int) -> Optional[Token]:
    """The verb just before a cue whose infinitive or gerund it is ("seemed to think", "keeps saying",
    "came to talk", "was quick to say", "began by saying"), parted from it by auxiliaries, adverbs,
    particles and prepositions alone, or the verb that issues the document of a participle
    ("issued a statement saying").

    In PolNeAR train's gold cues so parted from such a verb, it is in the cue for 360 of 385 open
    clausal complements, 29 of 30 infinitives of purpose, 55 of 58 infinitives of an adjective and
    11 of 13 gerunds after "by". Participles of documents made 24 of the rules' cues on train exact
    and 1 inexact, and 8 more where the parser hangs them on the verb.
    """
    doc, head = cue.doc, cue.head
    issuer = document_issuer(cue)
    if issuer is not None:
        return issuer if not any(t.pos_ in ("VERB", "PUNCT") for t in doc[issuer.i + 1 : start]) else None
    purpose = cue.dep_ == "advcl" and _is_infinitive(cue)
    if cue.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        verb = head.head
    elif cue.dep_ == "pcomp" and head.lower_ == "by" and head.i == start - 1:
        verb = head.head
    elif cue.dep_ == "xcomp" or purpose:
        verb = head
    else:
        return None
    parted = all(token.pos_ in CHAIN_WORDS or token == head for token in doc[verb.i + 1 : start])
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i < start and parted else None


def document_issuer(verb: Token) -> Optional[Token]:
    """The verb before `verb` that issues a document of which `verb` is the participle: "issued"
    in "issued a statement saying", where the parser hangs "saying" on the noun or on the verb
    ("released a statement Tuesday saying")."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("acl", "advcl"):
        return None
    if verb.head.pos_ == "VERB":
        noun = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    else:
        noun = verb.head
    if noun is None or noun.lemma_ not in DOCUMENT_NOUNS or noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return None
    return noun.head if noun.head.i < noun.i < verb.i else None


def modified_start(cue: Span) -> int:
    """Where `cue` starts with the auxiliaries, adverbs and particles just before it that its root
    governs: PolNeAR train has such words in 3,981 cues and leaves them out of 175."""
    start, root = cue.start, cue.root
    while start > 0 and cue.doc[start - 1].pos_ in CUE_MODIFIERS and cue.doc[start - 1].head == root:
        start -= 1
    return start


def modified_end(cue: Span) -> int:
    """Where `cue` ends with the adverbs right after it that its root governs, a one-word date,
    and the preposition of its content after them: "said sarcastically", "said Tuesday",
    "spoke emotionally of"."""
    doc, root, end = cue.doc, cue.root, cue.end
    while end < len(doc) and doc[end].dep_ == "advmod" and doc[end].pos_ == "ADV" and doc[end].head == root:
        end += 1
    end = _date_end(root, end)
    lemma = fixed_lemma(root)
    prepositions = (*PREPOSITION_CUES.get(lemma, ()), APPEAL_CUES.get(lemma))
    if end < len(doc) and doc[end].lower_ in prepositions and doc[end].head == root:
        end += 1
    return end


def _date_end(verb: Token, end: int) -> int:
    """Where a cue that ends at `end` ends with a one-word date right after it that its verb
    governs: "said Tuesday". PolNeAR train has such a date in 72 cues and leaves it out of 47;
    longer dates ("said last month") it leaves out of 45 cues and has in 40."""
    if end == len(verb.doc):
        return end
    date = verb.doc[end]
    one_word_date = date.ent_type_ == "DATE" and date.n_lefts + date.n_rights == 0
    return end + 1 if one_word_date and date.dep_ == "npadvmod" and date.head == verb else end
