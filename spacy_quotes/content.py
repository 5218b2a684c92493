"""Content: where the clause or phrase that a cue reports starts and ends."""
from typing import Optional

from spacy.tokens import Span, Token

from .cues import fixed_lemma, holds_report, is_cue
from .lexicon import APPEAL_CUES, CHARGE_CUES
from .spans import trim
from .speakers import SUBJECTS


def after_cue_date(cue: Token, clause: Token) -> int:
    """Where a reported clause starts once a date that the parser hung on it from the cue right
    before it is left out: "said on Thursday [the government would …]"."""
    start = clause.left_edge.i
    first = next((c for c in clause.lefts if c.left_edge.i == start), None)
    if start != cue.i + 1 or first is None or first.dep_ not in ("prep", "npadvmod"):
        return start
    date = [t for t in first.subtree if not (t.i == first.i and t.dep_ == "prep")]
    if date and all(t.ent_type_ in ("DATE", "TIME") for t in date) and first.right_edge.i < clause.i:
        return first.right_edge.i + 1
    return start


def without_next_report(content: Span) -> Optional[Span]:
    """A reported clause without a second cue of the same speaker that the parser hangs on
    it: "Kirby said the strikes would continue and warned that …", "…, arguing that …"."""
    doc = content.doc
    for token in content:
        if (
            token.head.i != content.root.i
            or not is_cue(token, speech_only=True)
            or any(c.dep_ in SUBJECTS for c in token.children)
        ):
            continue
        if token.dep_ == "conj":
            joins = [c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i]
            return trim(doc[content.start : joins[-1] if joins else token.left_edge.i])
        if token.dep_ == "advcl" and token.tag_ == "VBG" and doc[token.left_edge.i - 1].text == ",":
            return trim(doc[content.start : token.left_edge.i])
    return content


def conjoined_end(cue: Token, end: int, subjects: bool = True) -> int:
    """Where a cue's content that stops at `end` ends: past the clauses the parser joins to
    the cue right after it ("says it would cut revenue at first, but would add …"; with
    `subjects`, also "…, but Chaffetz declined"), unless they hold a report of their own
    ("… and warned that …"). PolNeAR takes them into the content."""
    doc = cue.doc
    for child in cue.rights:
        if child.i < end or child.is_punct or child.dep_ == "cc":
            continue
        joined = child.dep_ == "conj" and all(t.is_punct or t.dep_ == "cc" for t in doc[end : child.left_edge.i])
        if not joined or is_cue(child) or holds_report(child):
            break
        if not subjects and any(c.dep_ in SUBJECTS for c in child.children):
            break
        end = child.right_edge.i + 1
    return end


CONCESSIVES = {"although", "though"}  # what opens a clause the writer adds: "…, although he refused to …"


def without_concession(content: Span) -> Optional[Span]:
    """A reported clause without the concessive clause it ends with after a comma ("claimed that
    paying no taxes was smart, although he again refused to …"): the writer's, in PolNeAR."""
    doc = content.doc
    for token in content.root.rights:
        opens = token.left_edge
        concedes = token.dep_ == "advcl" and opens.lower_ in CONCESSIVES and doc[opens.i - 1].text == ","
        if concedes and token.right_edge.i + 1 >= content.end:
            return trim(doc[content.start : opens.i])
    return content


def follows_comma(cue: Token) -> bool:
    """Whether a reporting clause comes after its clause and a comma ("…, he said")."""
    start = cue.left_edge.i
    if cue.doc[start].text == ",":  # the parser may hang the comma on the cue
        start += 1
    return cue.head.i < start and start > 0 and cue.doc[start - 1].text in (",", "”", '"', "’", "'")


def is_as_clause(cue: Token) -> bool:
    """Whether a cue heads an "as" clause with a speaker: "as Pollak observed", "as reported by the Times"."""
    children = list(cue.children)
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in children) and any(
        c.dep_ in SUBJECTS + ("agent",) for c in children
    )


def object_and_complement(cue: Token) -> Optional[Span]:
    """A cue's object with what the cue says of it, both content in PolNeAR: "called the plan
    “a betrayal”", "described him as a liar", "told his advisers to wait", "accused them of lying"."""
    complements = ("as",) + CHARGE_CUES.get(fixed_lemma(cue), ())
    parts = [
        c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in complements)
    ]
    if len(parts) < 2 or parts[0].dep_ not in ("dobj", "oprd"):
        return None
    return cue.doc[parts[0].left_edge.i : parts[-1].right_edge.i + 1]


# What goes on with a cue's object, where the parser hangs it on the cue: "attacked Clinton for …".
OBJECT_PREPOSITIONS = {"as", "for", "by", "of", "about", "on"}


def object_end(cue: Token, dobj: Token) -> int:
    """Where a cue's object ends: past what the parser hangs on the cue after it ("attacked
    Clinton for her support of …", "described crass behavior by Trump"), but not past a
    place or time ("in a speech on Tuesday") or a clause of its own after a comma."""
    end = dobj.right_edge.i + 1
    for child in cue.rights:
        if child.i < end:
            continue
        goes_on = child.dep_ in ("relcl", "acl", "ccomp") or (
            child.dep_ == "prep"
            and child.lower_ in OBJECT_PREPOSITIONS
            and not any(c.ent_type_ in ("DATE", "TIME") for c in child.children)
        )
        if cue.doc[child.left_edge.i - 1].text == "," or not goes_on:
            break
        end = child.right_edge.i + 1
    return end


def appeal_of(cue: Token) -> Optional[Span]:
    """Whom a cue calls on, and to do what: "called on Congress to act" (not "called on Monday")."""
    particle = APPEAL_CUES.get(fixed_lemma(cue))
    on = next((c for c in cue.rights if c.dep_ in ("prep", "prt") and c.lower_ == particle), None)
    whom = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    act = next((c for c in cue.rights if c.dep_ == "xcomp"), None)
    if whom is None or act is None or act.i < whom.i:
        return None
    return trim(cue.doc[whom.left_edge.i : conjoined_end(cue, act.right_edge.i + 1, subjects=False)])


def clause_before(colon: Token) -> Token:
    """The head of the clause that ends at `colon`: the nearest with a subject, going up from the word
    before it (not past the colon: the parser may hang the colon on what follows), and past a clause
    that a cue reports ("Kirby was blunt when asked whether the exercise was …:")."""
    head = colon.nbor(-1)
    while head.head.i < colon.i and head.head.i != head.i:
        reported = head.dep_ == "ccomp" and is_cue(head.head)
        if any(c.dep_ in SUBJECTS for c in head.children) and not reported:
            break
        head = head.head
    return head


def colon_after(cue: Token) -> Optional[Token]:
    """The colon that introduces what the cue reports ("said in a statement: …")."""
    doc = cue.doc
    for i in range(cue.i + 1, min(cue.i + 6, len(doc))):
        if doc[i].text == ":":
            return doc[i]
        if doc[i].pos_ in ("VERB", "PUNCT") and doc[i].text not in ",":
            return None
    return None


# Phrases that open a clause, closed by a comma, that PolNeAR leaves out of its content.
OPENING_DEPS = {"prep", "advmod", "npadvmod"}


def without_opening(span: Span) -> Optional[Span]:
    """A reported clause without the conjunctions and comma-closed phrases that open it
    ("And …", "In addition, …", "Perhaps, …"), then trimmed (`trim`). Clauses that open it
    ("If …, …") stay: on PolNeAR dev, leaving them out too made content exact F 0.05 lower."""
    doc, start, end = span.doc, span.start, span.end
    while start < end:
        clause = doc[start:end].root
        opening = next((c for c in clause.lefts if c.left_edge.i == start and c.dep_ in OPENING_DEPS), None)
        if doc[start].pos_ == "CCONJ":
            start += 1
        elif opening is not None and opening.right_edge.i + 2 < end and doc[opening.right_edge.i + 1].text == ",":
            start = opening.right_edge.i + 2
        else:
            break
    return trim(doc[start:end]) if start < end else None
