"""Sources: the noun phrase that does the saying, found from its cue as PolNeAR marks it."""
from typing import Optional

from spacy.tokens import Span, Token

from .cues import document_issuer, fixed_lemma, is_cue, is_noun_cue
from .spans import after_dateline, after_spaces, is_paragraph_break, trim
from .speakers import SUBJECTS, is_initial

# Dependencies through which a cue without a subject inherits its head's ("…, saying that …"),
# also through a preposition ("answered by saying …", "after admitting …").
INHERITS_SUBJECT = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep")
DASHES = ("―", "—", "–", "-", "--")  # "“…” ― Jane Doe": a dash that signs a quotation
APPOSITIVE_MARKS = (",",) + DASHES  # what opens and closes an appositive: "Kirby, the …, said"


def source_of(cue: Token) -> Optional[Span]:
    """The noun phrase that does the saying, inherited from the head clause where missing."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        return noun_phrase(pobj) if pobj is not None else None
    if is_noun_cue(cue):  # "Trump's claim that …", "his suggestion that …"
        owner = next((c for c in cue.lefts if c.dep_ == "poss"), None)
        return noun_phrase(owner) if owner is not None else None
    token = cue
    for _ in range(3):
        subjects = []
        for child in token.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return noun_phrase(pobj)
            # Not a dummy subject, nor what "is expected" ("Turnout is expected to rise").
            dummy = child.lower_ == "there" or (child.dep_ == "nsubjpass" and (child.lower_ == "it" or fixed_lemma(token) == "expect"))
            if child.dep_ in SUBJECTS and not dummy:
                subjects.append(child)
        if subjects:
            # The nearest: the parser may take a dateline ("LONDON (Reuters) -") for a second subject.
            return noun_phrase(subjects[-1])
        hung_on_report = token.dep_ in ("conj", "advcl") and token.head.dep_ == "ccomp" and is_cue(token.head.head)
        if token.i == cue.i and hung_on_report:
            # "Kirby said … and warned …", "…, arguing …": hung on the clause the cue before reports.
            token = token.head.head
            continue
        issuer = document_issuer(token)
        if issuer is not None:  # "The agency issued a statement saying …"
            token = issuer
            continue
        if token.dep_ not in INHERITS_SUBJECT or token.head.i == token.i or _is_reduced_passive(token):
            return None
        token = token.head
    return None


def _is_reduced_passive(verb: Token) -> bool:
    """A participle clause without an auxiliary, "(when) asked about …", whose head's subject is
    the one asked, not the one asking."""
    reduced = verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBN"
    return reduced and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def noun_phrase(head: Token) -> Optional[Span]:
    """The noun phrase headed by `head`, relative clauses and all, as PolNeAR marks sources, with
    the comma or dash that closes an appositive in it: "Kirby, the Pentagon press secretary,".
    A participle after a comma is left out ("Kirby, speaking to reporters,"), as PolNeAR leaves
    it out of 78 of 98 sources in train."""
    doc = head.doc
    start = head.left_edge.i
    for token in doc[start : head.i]:
        if is_paragraph_break(token):
            start = token.i + 1  # a dateline or timestamp paragraph is not part of the name
    start = after_dateline(doc, start, head.i + 1)  # nor a dateline: "ROME - Italian officials"
    participle = next((c for c in head.rights if c.dep_ == "acl" and doc[c.left_edge.i - 1].text == ","), None)
    phrase = trim(doc[start : participle.left_edge.i - 1 if participle is not None else head.right_edge.i + 1])
    if phrase is None:
        return None
    end = phrase.end
    closing = end < len(doc) and doc[end].text in APPOSITIVE_MARKS
    if closing and any(token.text in APPOSITIVE_MARKS for token in phrase[1:]):
        return doc[phrase.start : end + 1]
    return phrase


def dash_source(dash: Token) -> Optional[Span]:
    """The name that follows a signing dash, if one does ("― Jane Doe", also after a no-break space)."""
    doc = dash.doc
    start = end = after_spaces(doc, dash.i + 1)
    while end < len(doc) and end - start < 5 and (doc[end].pos_ == "PROPN" or is_initial(doc[end])):
        end += 1
    return doc[start:end] if end > start else None
