"""The rule engine: quotations from the dependency parse, the entities and the quote marks."""
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Set, Tuple, Union

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    APPEAL_CUES,
    CHARGE_CUES,
    CUE_VERBS,
    EDITORIAL_LABELS,
    INTENT_CUES,
    LEMMA_FIXES,
    NOUN_CUES,
    OBJECT_CUES,
    PARTICLE_CUES,
    PREPOSITION_CUES,
    REFUSAL_VERBS,
    SPEECH_VERBS,
)
from .marks import QuoteMarks
from .quote import Quote
from .speakers import NAMED, SpeakerResolver

SUBJECTS = ("nsubj", "nsubjpass")
# Dependencies through which a cue without a subject inherits its head's ("…, saying that …"),
# also through a preposition ("answered by saying …", "after admitting …").
INHERITS_SUBJECT = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep")
# Dependencies that attach a reporting clause to the clause it reports ("…, he said").
REPORTS_HEAD = ("parataxis", "advcl", "ccomp")

RELATIVES = {"which", "who", "whom", "whose"}  # what opens a relative clause that a comma sets off
WINDOW = 12  # tokens searched beside a quotation for its cue
DASHES = ("―", "—", "–", "-", "--")  # "“…” ― Jane Doe": a dash that signs a quotation
APPOSITIVE_MARKS = (",",) + DASHES  # what opens and closes an appositive: "Kirby, the …, said"
# A wire story's dateline: "WASHINGTON —", "MIAMI (Reuters) -", "PORTLAND, Ore. (AP) —".
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"  # the place, in capitals
    r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"  # its state or country
    r"(?: \([^()\n]{1,40}\))?"  # the agency
    r" ?(?:--?|[–—―]) "
)

SCORES = {
    "direct": 0.95,
    "clausal": 0.85,
    "according_to": 0.85,
    "colon": 0.75,
    "object": 0.6,
    "intent": 0.6,
    "noun": 0.6,
    "expected": 0.6,
    "headline": 0.6,
    "interposed": 0.8,
    "dash": 0.7,
    "floating": 0.5,
}


@dataclass
class Attribution:
    """A quote in the making: its cue, source and content parts."""

    cue: Optional[Span]
    source: Optional[Span]
    parts: List[Span]
    method: str
    balanced: bool = True
    follows: Optional["Attribution"] = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.parts[0].start


def find_quotes(doc: Doc) -> List[Quote]:
    """All quotations in `doc`, in document order."""
    return QuoteRules(doc).run()


class QuoteRules:
    """One pass of the rules over one parsed document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.marks = QuoteMarks(doc.text)
        self.regions: List[Tuple[Span, bool]] = []
        for region in self.marks.regions:
            span = doc.char_span(region.start, region.end, alignment_mode="expand")
            if span is not None and len(span):
                self.regions.append((span, region.balanced))
        self._region_ends = [span.end for span, _ in self.regions]
        self.paragraph: List[int] = []
        paragraph = 0
        for token in doc:
            self.paragraph.append(paragraph)
            paragraph += _is_paragraph_break(token)
        self.quoted = [False] * len(doc)
        for span, _ in self.regions:
            self.quoted[span.start : span.end] = [True] * len(span)

    def run(self) -> List[Quote]:
        by_cue: Dict[int, Attribution] = {}
        for token in self.doc:
            if self.quoted[token.i] or not (_is_cue(token) or _is_noun_cue(token)):
                continue
            attribution = self._from_parse(token)
            if attribution is not None:
                by_cue[token.i] = attribution
        attributions = list(by_cue.values())
        attributions += self._from_regions(by_cue, attributions)
        attributions += self._headlines()
        attributions = _without_overlaps(sorted(attributions, key=lambda a: a.start))
        _cut_sources_before_quotes(attributions)
        return list(self._to_quotes(attributions))

    # Attributions found from a cue word -------------------------------------------------

    def _from_parse(self, cue: Token) -> Optional[Attribution]:
        if cue.lower_ == "according":
            return self._according_to(cue)
        content, method = self._content(cue)
        if content is None:
            return None
        if method in ("object", "intent"):
            content = self._without_aside(content)
        elif method == "clausal" and not isinstance(content, list):
            content = _without_next_report(content)
            if content is not None:
                content = _without_concession(content)
        parts, balanced = self._snap_to_regions(content, self.paragraph[cue.i])
        if not parts:
            return None
        return Attribution(_cue_span(cue), _source(cue), parts, method, balanced)

    def _content(self, cue: Token) -> Tuple[Union[Span, List[Span], None], str]:
        """The clause a cue verb or noun reports (in parts, if the cue interrupts it), and how it was found."""
        doc = self.doc
        if _is_noun_cue(cue):
            clause = _that_clause(cue)
            return _trim(doc[clause.left_edge.i : clause.right_edge.i + 1]), "noun"
        # Not one in another paragraph: the parser may hang the quotation before on the cue.
        clauses = [c for c in cue.children if c.dep_ == "ccomp" and self.paragraph[c.i] == self.paragraph[cue.i]]
        if clauses:
            # The one after the cue that "that" opens, of two: "Claiming …, Trump told Fox that …".
            child = next((c for c in clauses if c.i > cue.i and _opens_with_that(c)), clauses[0])
            # Kept whole: `_without_opening` here cost 0.1 points of content exact F on PolNeAR dev.
            start = _after_cue_date(cue, child)
            end = _conjoined_end(cue, child.right_edge.i + 1)
            if child.i > cue.i:
                end = self._past_colon(end)
            return _trim(doc[start:end]), "clausal"
        head = cue.head
        if cue.dep_ in REPORTS_HEAD and _follows_comma(cue) and head.pos_ in ("VERB", "AUX") and not _is_cue(head):
            # "…, he said", and what the clause goes on with: "…, Graham said, since …";
            # not "…, he said, referring to …", where the clause is the head cue's.
            before = _without_opening(doc[head.left_edge.i : cue.left_edge.i])
            after = _trim(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
            return ([before, after] if before is not None and after is not None else before), "clausal"
        if cue.dep_ == "advcl" and head.i > cue.i and _is_as_clause(cue) and head.pos_ in ("VERB", "AUX"):
            # Before its clause: "As Pollak observed, the biggest victor was …".
            after = _trim(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
            if after is not None:
                return after, "clausal"
        if cue.dep_ == "parataxis" and head.i > cue.i:
            # Interposed: "Acts of protest, Mr. Obama said, are acts of patriotism."
            before = _without_opening(doc[head.left_edge.i : cue.left_edge.i])
            after = _trim(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
            if before is not None and after is not None:
                return [before, after], "interposed"
        colon = _colon_after(cue)
        if colon is not None:
            end = colon.sent.end
            region = self._region_at(colon.i + 1)
            if region is not None:
                end = region.end
            return _trim(doc[colon.i + 1 : end]), "colon"
        complemented = _object_and_complement(cue)
        if complemented is not None:
            return _trim(complemented), "object"
        appeal = _appeal(cue)
        if appeal is not None:
            return appeal, "intent"
        lemma = _lemma(cue)
        for child in cue.children:
            if lemma in OBJECT_CUES and child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > cue.i:
                if not _holds_report(child):  # "proposes allowing parents to …", "admitted using …"
                    return _trim(doc[child.left_edge.i : child.right_edge.i + 1]), "object"
            if lemma in OBJECT_CUES and child.dep_ == "dobj" and child.pos_ != "PRON":
                if _is_noun_cue(child):  # "expressed concern that …": the noun is the cue
                    continue
                return _trim(doc[child.left_edge.i : _object_end(cue, child)]), "object"
            if lemma in INTENT_CUES and child.dep_ == "xcomp":
                intent = _trim(doc[child.left_edge.i : _conjoined_end(cue, child.right_edge.i + 1, subjects=False)])
                expected = next((c for c in cue.lefts if c.dep_ == "nsubjpass"), None)
                if lemma == "expect" and expected is not None and intent is not None:
                    # "Turnout is expected to rise": what is expected is said, by no one named.
                    return [_trim(doc[expected.left_edge.i : expected.right_edge.i + 1]), intent], "expected"
                return intent, "intent"
            if child.dep_ == "prep" and child.lower_ in PREPOSITION_CUES.get(lemma, ()):
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    return _trim(doc[pobj.left_edge.i : pobj.right_edge.i + 1]), "object"
        return None, ""

    def _past_colon(self, end: int) -> int:
        """Where a reported clause that stops at `end` ends, if a colon there goes on with
        what it says, to the end of the next sentence in its paragraph ("notes that three
        things are happening at once: Home values are rising …"). A quotation after the
        colon is a quote of its own (`_introduced_by_colon`)."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ":" or doc[end + 1].is_quote:
            return end
        return doc[end + 1].sent.end if self.paragraph[end + 1] == self.paragraph[end] else end

    def _without_aside(self, content: Span) -> Optional[Span]:
        """A phrase a cue reports without the writer's aside it ends with, outside quotation
        marks: a relative clause after a comma ("questioned the health of Donald Trump, who
        is 70"). PolNeAR leaves such clauses out of reported nouns, not of reported clauses
        ("warned that …, which …"): cutting them there too made 10 contents on dev inexact
        for 12 made exact."""
        doc = self.doc
        for token in content:
            comma = token.left_edge.i - 1
            if (
                token.dep_ == "relcl"
                and token.left_edge.lower_ in RELATIVES
                and content.start < comma
                and doc[comma].text == ","
                and not self.quoted[comma]
                and token.right_edge.i + 1 >= content.end
            ):
                return _trim(doc[content.start : comma])
        return content

    def _according_to(self, cue: Token) -> Optional[Attribution]:
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            return None
        clause = cue.head
        while clause.dep_ not in ("ROOT", "ccomp") and clause.head.i != clause.i:
            clause = clause.head
        tokens = [t for t in clause.subtree if not (cue.left_edge.i <= t.i <= cue.right_edge.i)]
        tokens = [t for t in tokens if t.sent == cue.sent]
        if not tokens:
            return None
        before = [t for t in tokens if t.i < cue.i]
        after = [t for t in tokens if t.i > cue.right_edge.i]
        # The clause is on one side of "according to X": take the larger side.
        side = before if len(before) >= len(after) else after
        content = _without_opening(self.doc[side[0].i : side[-1].i + 1])
        parts, balanced = self._snap_to_regions(content, self.paragraph[cue.i])
        if not parts:
            return None
        source = _trim(self.doc[pobj.left_edge.i : pobj.right_edge.i + 1])
        return Attribution(self.doc[cue.i : to.i + 1], source, parts, "according_to", balanced)

    def _snap_to_regions(self, content: Union[Span, List[Span], None], paragraph: int) -> Tuple[List[Span], bool]:
        """Keep each part of `content` to the cue's paragraph, then widen it so that it
        never cuts through a quotation (which may run across paragraphs)."""
        parts: List[Span] = []
        balanced = True
        for part in content if isinstance(content, list) else [content]:
            if part is None:
                continue
            start, end = part.start, part.end
            while start < end and self.paragraph[start] != paragraph:
                start += 1
            while end > start and self.paragraph[end - 1] != paragraph:
                end -= 1
            part = _trim(self.doc[_after_dateline(self.doc, self.marks.text, start, end) : end])
            if part is None:
                continue
            start, end = part.start, part.end
            for span, span_balanced in self._regions_overlapping(start, end):
                start, end = min(start, span.start), max(end, span.end)
                balanced = balanced and span_balanced
            if parts and start < parts[-1].end:
                parts[-1] = self.doc[parts[-1].start : end]
            else:
                parts.append(self.doc[start:end])
        return parts, balanced

    # Attributions found from a quotation ----------------------------------------------

    def _from_regions(self, by_cue: Dict[int, Attribution], found: List[Attribution]) -> List[Attribution]:
        """Quotations no cue's content has claimed: find their cue beside them."""
        taken = [False] * len(self.doc)
        for attribution in found:
            for part in attribution.parts:
                taken[part.start : part.end] = [True] * len(part)
        earlier = sorted(found, key=lambda a: a.start)
        new: List[Attribution] = []
        previous: Optional[Attribution] = None
        j = 0
        for span, balanced in self.regions:
            while j < len(earlier) and earlier[j].start <= span.start:
                previous, j = _later(previous, earlier[j]), j + 1
            if any(taken[span.start : span.end]):
                continue
            if _is_phrase(span):
                continue  # a scare quote: "the “progress” of the talks"
            cue = self._cue_beside(span)
            if cue is not None and cue.i in by_cue:
                attribution = by_cue[cue.i]
                if self.marks.quote_type(attribution.parts) == "direct" or self._goes_on_after(attribution, span):
                    attribution.parts.append(span)
                    attribution.parts.sort(key=lambda part: part.start)
                    continue
                cue = None
            if cue is not None and cue.is_punct:
                attribution = Attribution(self.doc[cue.i : cue.i + 1], _dash_source(cue), [span], "dash", balanced)
            elif cue is not None:
                attribution = Attribution(_cue_span(cue), _source(cue), [span], "direct", balanced)
                by_cue[cue.i] = attribution
            elif (introduced := self._introduced_by_colon(span, balanced)) is not None:
                attribution = introduced
            elif (continued := self._continued(previous, span, by_cue)) is not None:
                # "“…,” she said. “…”": the next sentence goes on with the same quotation.
                continued.parts.append(span)
                continue
            elif _fills_paragraph(span) and previous is not None:
                attribution = Attribution(None, previous.source, [span], "floating", balanced, previous)
            else:
                continue  # a scare quote or an unattributed title
            new.append(attribution)
            previous = attribution
        return new

    def _goes_on_after(self, attribution: Attribution, span: Span) -> bool:
        """Whether `span` goes on, after its cue, with a clause the cue interrupts: "It was, the
        president said, ''a stone where …''" (not after a colon, which introduces a quotation
        of its own: "…, Kall said: “…”")."""
        cue = attribution.cue
        return (
            cue is not None
            and attribution.parts[-1].end <= cue.start
            and cue.end <= span.start < cue.sent.end
            and all(token.text != ":" for token in self.doc[cue.start : span.start])
        )

    def _continued(
        self, previous: Optional[Attribution], span: Span, by_cue: Dict[int, Attribution]
    ) -> Optional[Attribution]:
        """The quotation earlier in its paragraph that `span` goes on with: the `previous`
        attribution if it quotes (in part), else the quoting one whose cue its cue modifies
        ("“…,” DuVernay said, emphasizing why …. “…”")."""
        if previous is None or previous.cue is None:
            return None
        if self.marks.quote_type(previous.parts) == "indirect":
            previous = by_cue.get(previous.cue.root.head.i, previous)
        last = previous.parts[-1]
        same_paragraph = last.end >= span.start or self.paragraph[last.end] == self.paragraph[span.start]
        quotes = self.marks.quote_type(previous.parts) != "indirect"
        return previous if quotes and same_paragraph and last.end <= span.start else None

    def _introduced_by_colon(self, span: Span, balanced: bool) -> Optional[Attribution]:
        """A quotation after a clause with a subject and a colon: "Powell was blunt: “…”". Its
        cue, as PolNeAR marks it, runs from the clause's verb to the colon; it is the verb's
        cue where the verb is a cue, and the colon alone where the source comes after the verb
        ("… is exemplified by this finding:") or the clause holds a cue of its own."""
        doc, i = self.doc, span.start - 1
        while i > 0 and doc[i].is_space and not _is_paragraph_break(doc[i]):
            i -= 1
        if i < 1 or doc[i].text != ":":
            return None
        verb = _clause_before(doc[i])
        source = _source(verb)
        if source is None:
            return None
        start = min([verb.i] + [c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")])
        clause = doc[start : i + 1]
        if _is_cue(verb):  # "She said she recalls …:"
            cue = _cue_span(verb)
        elif source.end > start or any(_is_cue(t) for t in clause):  # "… when asked whether …:"
            cue = doc[i : i + 1]
        else:
            cue = clause
        return Attribution(cue, source, [span], "colon", balanced)

    def _cue_beside(self, span: Span) -> Optional[Token]:
        """The nearest cue after the quotation in its sentence, else the nearest before it
        (in the paragraph before, if that ends in a colon just before the quotation)."""
        doc = self.doc
        after = _after_spaces(doc, span.end)
        # A quotation that ends in a full stop ends its sentence: “….” He added: … (but “….” ― Jane Doe)
        ends_sentence = len(span) > 1 and span[-2].text == "."
        for i in range(span.end, min(span.end + WINDOW, len(doc))):
            token = doc[i]
            new_sentence = token.is_sent_start and (i > span.end or (ends_sentence and token.is_alpha))
            if self.quoted[i] or _is_paragraph_break(token) or new_sentence:
                break
            if _is_cue(token, speech_only=True) and (token.lower_ != "according" or _source(token) is not None):
                return token
            if i == after and token.text in DASHES and _dash_source(token) is not None:
                return token
        for i in range(span.start - 1, max(span.start - WINDOW, 0) - 1, -1):
            token = doc[i]
            if i == span.start - 1 and i > 0 and doc[i - 1].text == ":" and _is_paragraph_break(token):
                continue  # "He said:\n\n“…”": a paragraph that ends in a colon introduces the next
            if self.quoted[i] or _is_paragraph_break(token) or (token.is_sent_end and token.text != ":"):
                break
            if _is_cue(token, speech_only=True):
                return token
        return None

    def _headlines(self) -> List[Attribution]:
        """Headline and transcript style, "The Pentagon: …", "WALLACE: …": a named source at
        the start of a paragraph (after any opening quotation mark), a colon, then what it
        said, to the paragraph's end. Editorial labels ("Correction: …") name no source."""
        found = []
        doc = self.doc
        for start in [0] + [token.i + 1 for token in doc if _is_paragraph_break(token)]:
            while start < len(doc) and (doc[start].is_quote or doc[start].is_space):
                start += 1
            colon = next((t for t in doc[start : start + 6] if t.text == ":"), None)
            if colon is None or colon.i == start or self.paragraph[colon.i] != self.paragraph[start]:
                continue
            source = doc[start : colon.i]
            if any(t.pos_ in ("VERB", "AUX") for t in source) or source.text.lower() in EDITORIAL_LABELS:
                continue
            named = any(token.ent_type_ in NAMED for token in source)
            # A headline's capitals make any word a name: "Poll: …", "Sanders: …".
            if not (named or all(t.pos_ == "PROPN" or t.is_upper or t.is_title for t in source)):
                continue
            end = colon.i + 1
            while end < len(doc) and not _is_paragraph_break(doc[end]):
                end += 1
            # The paragraph bounds what a speaker says, even where a quotation runs on past it.
            content = _trim(doc[colon.i + 1 : end])
            if content is not None:
                found.append(Attribution(doc[colon.i : colon.i + 1], source, [content], "headline"))
        return found

    # Helpers --------------------------------------------------------------------------

    def _region_at(self, i: int) -> Optional[Span]:
        if i < len(self.doc) and self.quoted[i]:
            for span, _ in self._regions_overlapping(i, i + 1):
                return span
        return None

    def _regions_overlapping(self, start: int, end: int) -> Iterator[Tuple[Span, bool]]:
        """The regions overlapping tokens `start:end`, found by bisection (regions are in order)."""
        i = bisect_right(self._region_ends, start)
        while i < len(self.regions) and self.regions[i][0].start < end:
            yield self.regions[i]
            i += 1

    def _to_quotes(self, attributions: List[Attribution]) -> Iterator[Quote]:
        resolver = SpeakerResolver(self.doc)
        resolved: Dict[int, Tuple[Optional[str], Optional[str]]] = {}
        for attribution in attributions:
            if attribution.follows is not None:
                name, role = resolved.get(id(attribution.follows), (None, None))
            else:
                name, role = resolver.resolve(attribution.source)
            resolved[id(attribution)] = (name, role)
            score = SCORES[attribution.method]
            score *= 1.0 if attribution.balanced else 0.7
            score *= 1.0 if attribution.source is not None else 0.8
            yield Quote(
                content=tuple(attribution.parts),
                cue=attribution.cue,
                speaker=attribution.source,
                speaker_name=name,
                role=role,
                type=self.marks.quote_type(attribution.parts),
                score=score,
                method=f"rules.{attribution.method}",
            )


def _later(a: Optional[Attribution], b: Attribution) -> Attribution:
    return b if a is None or b.start >= a.start else a


def _is_cue(token: Token, speech_only: bool = False) -> bool:
    """A cue verb that is not negated or refused, or the "according" of "according to".

    With `speech_only`, only verbs that introduce a quotation beside them count.
    """
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == "to"
    lemma = _lemma(token)
    if token.pos_ != "VERB" or lemma not in (SPEECH_VERBS if speech_only else CUE_VERBS):
        return False
    particle = PARTICLE_CUES.get(lemma)
    prepositions = PREPOSITION_CUES.get(lemma, ())
    if particle is not None and not any(
        (c.dep_ == "prt" and c.lower_ == particle) or (c.dep_ == "prep" and c.lower_ in prepositions)
        for c in token.children
    ):
        return False
    if any(c.dep_ == "neg" and _negates(c, token) for c in token.children):
        return False
    if token.dep_ == "ccomp" and _lemma(token.head) == "let":  # "Let's say you earn …": a supposition
        return False
    return not (token.dep_ == "xcomp" and _lemma(token.head) in REFUSAL_VERBS)


def _lemma(token: Token) -> str:
    """The token's lemma, right where the lemmatizer is known to be wrong."""
    return LEMMA_FIXES.get(token.lower_, token.lemma_)


def _is_noun_cue(token: Token) -> bool:
    """A noun of speech or belief with the clause it reports: "Trump's claim that …"."""
    return token.pos_ == "NOUN" and _lemma(token) in NOUN_CUES and _that_clause(token) is not None


def _that_clause(noun: Token) -> Optional[Token]:
    return next((c for c in noun.rights if c.dep_ in ("acl", "ccomp") and _opens_with_that(c)), None)


def _holds_report(head: Token) -> bool:
    """Whether a phrase holds a verb of speech: a report of its own."""
    return any(_is_cue(token, speech_only=True) for token in head.subtree)


def _negates(neg: Token, cue: Token) -> bool:
    """Whether a cue's `neg` child negates it: not when a quotation mark parts them, as the
    parser may hang a quotation's last word on the cue ("“Probably not,” she said")."""
    first, last = sorted((neg.i, cue.i))
    return not any(token.is_quote for token in neg.doc[first:last])


def _cue_span(cue: Token) -> Span:
    """The cue verb with its auxiliaries, the adverbs around it, its particle or the preposition
    of its content, and a colon right after it: "has said", "also noted", "said sarcastically",
    "pointed out", "called for", "added:". In PolNeAR train, cues hold such a colon 222 times in
    240, such a preposition 304 times in 314, and an adverb right after the verb 29 times in 36
    (in 300 articles). A cue in the infinitive or gerund of a verb just before it takes that
    verb's cue span too: "seemed to think", "keeps saying", "could not resist pointing out"."""
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
    head = cue.head
    if cue.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX") and head.i < start:
        if all(token.pos_ in CHAIN_WORDS for token in doc[head.i + 1 : start]):
            start = _cue_span(head).start
    return doc[start:end]


# Words a cue's verb governs just before it that belong to the cue: "has often cited", "also said".
CUE_MODIFIERS = {"AUX", "ADV", "PART"}
# Words that may part a cue from the verb whose infinitive or gerund it is: "went on to say".
CHAIN_WORDS = {"AUX", "ADV", "PART", "ADP"}


def modified_start(cue: Span) -> int:
    """Where `cue` starts with the auxiliaries, adverbs and particles just before it that its root
    governs: PolNeAR train has such words in 3,981 cues and leaves them out of 175."""
    start, root = cue.start, cue.root
    while start > 0 and cue.doc[start - 1].pos_ in CUE_MODIFIERS and cue.doc[start - 1].head == root:
        start -= 1
    return start


def modified_end(cue: Span) -> int:
    """Where `cue` ends with the adverbs right after it that its root governs, and the
    preposition of its content after them: "said sarcastically", "spoke emotionally of"."""
    doc, root, end = cue.doc, cue.root, cue.end
    while end < len(doc) and doc[end].dep_ == "advmod" and doc[end].pos_ == "ADV" and doc[end].head == root:
        end += 1
    lemma = _lemma(root)
    prepositions = (*PREPOSITION_CUES.get(lemma, ()), APPEAL_CUES.get(lemma))
    if end < len(doc) and doc[end].lower_ in prepositions and doc[end].head == root:
        end += 1
    return end


def _source(cue: Token) -> Optional[Span]:
    """The noun phrase that does the saying, inherited from the head clause where missing."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        return _phrase(pobj) if pobj is not None else None
    if _is_noun_cue(cue):  # "Trump's claim that …", "his suggestion that …"
        owner = next((c for c in cue.lefts if c.dep_ == "poss"), None)
        return _phrase(owner) if owner is not None else None
    token = cue
    for _ in range(3):
        subjects = []
        for child in token.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _phrase(pobj)
            # Not a dummy subject, nor what "is expected" ("Turnout is expected to rise").
            dummy = child.lower_ == "there" or (child.dep_ == "nsubjpass" and (child.lower_ == "it" or _lemma(token) == "expect"))
            if child.dep_ in SUBJECTS and not dummy:
                subjects.append(child)
        if subjects:
            # The nearest: the parser may take a dateline ("LONDON (Reuters) -") for a second subject.
            return _phrase(subjects[-1])
        hung_on_report = token.dep_ in ("conj", "advcl") and token.head.dep_ == "ccomp" and _is_cue(token.head.head)
        if token.i == cue.i and hung_on_report:
            # "Kirby said … and warned …", "…, arguing …": hung on the clause the cue before reports.
            token = token.head.head
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


def _after_cue_date(cue: Token, clause: Token) -> int:
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


def _phrase(head: Token) -> Optional[Span]:
    """The noun phrase headed by `head`, relative clauses and all, as PolNeAR marks sources, with
    the comma or dash that closes an appositive in it: "Kirby, the Pentagon press secretary,".
    A participle after a comma is left out ("Kirby, speaking to reporters,"), as PolNeAR leaves
    it out of 78 of 98 sources in train."""
    doc = head.doc
    start = head.left_edge.i
    for token in doc[start : head.i]:
        if _is_paragraph_break(token):
            start = token.i + 1  # a dateline or timestamp paragraph is not part of the name
    participle = next((c for c in head.rights if c.dep_ == "acl" and doc[c.left_edge.i - 1].text == ","), None)
    phrase = _trim(doc[start : participle.left_edge.i - 1 if participle is not None else head.right_edge.i + 1])
    if phrase is None:
        return None
    end = phrase.end
    closing = end < len(doc) and doc[end].text in APPOSITIVE_MARKS
    if closing and any(token.text in APPOSITIVE_MARKS for token in phrase[1:]):
        return doc[phrase.start : end + 1]
    return phrase


def _opens_with_that(clause: Token) -> bool:
    return any(child.dep_ == "mark" and child.lower_ == "that" for child in clause.lefts)


def _without_next_report(content: Span) -> Optional[Span]:
    """A reported clause without a second cue of the same speaker that the parser hangs on
    it: "Kirby said the strikes would continue and warned that …", "…, arguing that …"."""
    doc = content.doc
    for token in content:
        if (
            token.head.i != content.root.i
            or not _is_cue(token, speech_only=True)
            or any(c.dep_ in SUBJECTS for c in token.children)
        ):
            continue
        if token.dep_ == "conj":
            joins = [c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i]
            return _trim(doc[content.start : joins[-1] if joins else token.left_edge.i])
        if token.dep_ == "advcl" and token.tag_ == "VBG" and doc[token.left_edge.i - 1].text == ",":
            return _trim(doc[content.start : token.left_edge.i])
    return content


def _conjoined_end(cue: Token, end: int, subjects: bool = True) -> int:
    """Where a cue's content that stops at `end` ends: past the clauses the parser joins to
    the cue right after it ("says it would cut revenue at first, but would add …"; with
    `subjects`, also "…, but Chaffetz declined"), unless they hold a report of their own
    ("… and warned that …"). PolNeAR takes them into the content."""
    doc = cue.doc
    for child in cue.rights:
        if child.i < end or child.is_punct or child.dep_ == "cc":
            continue
        joined = child.dep_ == "conj" and all(t.is_punct or t.dep_ == "cc" for t in doc[end : child.left_edge.i])
        if not joined or _is_cue(child) or _holds_report(child):
            break
        if not subjects and any(c.dep_ in SUBJECTS for c in child.children):
            break
        end = child.right_edge.i + 1
    return end


CONCESSIVES = {"although", "though"}  # what opens a clause the writer adds: "…, although he refused to …"


def _without_concession(content: Span) -> Optional[Span]:
    """A reported clause without the concessive clause it ends with after a comma ("claimed that
    paying no taxes was smart, although he again refused to …"): the writer's, in PolNeAR."""
    doc = content.doc
    for token in content.root.rights:
        opens = token.left_edge
        concedes = token.dep_ == "advcl" and opens.lower_ in CONCESSIVES and doc[opens.i - 1].text == ","
        if concedes and token.right_edge.i + 1 >= content.end:
            return _trim(doc[content.start : opens.i])
    return content


def _follows_comma(cue: Token) -> bool:
    """Whether a reporting clause comes after its clause and a comma ("…, he said")."""
    start = cue.left_edge.i
    if cue.doc[start].text == ",":  # the parser may hang the comma on the cue
        start += 1
    return cue.head.i < start and start > 0 and cue.doc[start - 1].text in (",", "”", '"', "’", "'")


def _is_as_clause(cue: Token) -> bool:
    """Whether a cue heads an "as" clause with a speaker: "as Pollak observed", "as reported by the Times"."""
    children = list(cue.children)
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in children) and any(
        c.dep_ in SUBJECTS + ("agent",) for c in children
    )


def _object_and_complement(cue: Token) -> Optional[Span]:
    """A cue's object with what the cue says of it, both content in PolNeAR: "called the plan
    “a betrayal”", "described him as a liar", "told his advisers to wait", "accused them of lying"."""
    complements = ("as",) + CHARGE_CUES.get(_lemma(cue), ())
    parts = [
        c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in complements)
    ]
    if len(parts) < 2 or parts[0].dep_ not in ("dobj", "oprd"):
        return None
    return cue.doc[parts[0].left_edge.i : parts[-1].right_edge.i + 1]


# What goes on with a cue's object, where the parser hangs it on the cue: "attacked Clinton for …".
OBJECT_PREPOSITIONS = {"as", "for", "by", "of", "about", "on"}


def _object_end(cue: Token, dobj: Token) -> int:
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


def _appeal(cue: Token) -> Optional[Span]:
    """Whom a cue calls on, and to do what: "called on Congress to act" (not "called on Monday")."""
    particle = APPEAL_CUES.get(_lemma(cue))
    on = next((c for c in cue.rights if c.dep_ in ("prep", "prt") and c.lower_ == particle), None)
    whom = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    act = next((c for c in cue.rights if c.dep_ == "xcomp"), None)
    if whom is None or act is None or act.i < whom.i:
        return None
    return _trim(cue.doc[whom.left_edge.i : _conjoined_end(cue, act.right_edge.i + 1, subjects=False)])


def _dash_source(dash: Token) -> Optional[Span]:
    """The name that follows a signing dash, if one does ("― Jane Doe", also after a no-break space)."""
    doc = dash.doc
    start = end = _after_spaces(doc, dash.i + 1)
    while end < len(doc) and end - start < 5 and doc[end].pos_ == "PROPN":
        end += 1
    return doc[start:end] if end > start else None


def _after_spaces(doc: Doc, i: int) -> int:
    """The first token from `i` on that is not a space within a line (such as a no-break space)."""
    while i < len(doc) and doc[i].is_space and not _is_paragraph_break(doc[i]):
        i += 1
    return i


def _after_dateline(doc: Doc, text: str, start: int, end: int) -> int:
    """Where a part of `doc` (whose `text` this is) starts once a dateline (`DATELINE`) that it
    starts with, or inside, is left out."""
    first = start
    while first > 0 and start - first < 12 and not _is_paragraph_break(doc[first - 1]):
        first -= 1
    for opening in (start, first):
        match = DATELINE.match(text, doc[opening].idx)
        if match and match.end() > doc[start].idx:
            return next((i for i in range(start, end) if doc[i].idx >= match.end()), start)
    return start


def _is_phrase(span: Span) -> bool:
    """A short quoted phrase with no verb: a title or a scare quote, not a quotation, unless
    it ends in a mark inside its quotation marks, as a short reply does ("“Absolutely not,”")."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(span) > 2 and span[-1].is_quote and span[-2].text in (",", ".", "!", "?"):
        return False
    return len(words) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in words)


def _clause_before(colon: Token) -> Token:
    """The head of the clause that ends at `colon`: the nearest with a subject, going up from the word
    before it (not past the colon: the parser may hang the colon on what follows), and past a clause
    that a cue reports ("Kirby was blunt when asked whether the exercise was …:")."""
    head = colon.nbor(-1)
    while head.head.i < colon.i and head.head.i != head.i:
        reported = head.dep_ == "ccomp" and _is_cue(head.head)
        if any(c.dep_ in SUBJECTS for c in head.children) and not reported:
            break
        head = head.head
    return head


def _colon_after(cue: Token) -> Optional[Token]:
    """The colon that introduces what the cue reports ("said in a statement: …")."""
    doc = cue.doc
    for i in range(cue.i + 1, min(cue.i + 6, len(doc))):
        if doc[i].text == ":":
            return doc[i]
        if doc[i].pos_ in ("VERB", "PUNCT") and doc[i].text not in ",":
            return None
    return None


def _trim(span: Span) -> Optional[Span]:
    """`span` without edge punctuation and spaces, but keeping quotation marks, and without
    a conjunction it ends with (the parser may hang the "and" of the next clause on it)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ" or (doc[end - 1].is_punct and not _keeps_end(doc, start, end))
    ):
        end -= 1
    return doc[start:end] if end > start else None


# Phrases that open a clause, closed by a comma, that PolNeAR leaves out of its content.
OPENING_DEPS = {"prep", "advmod", "npadvmod"}


def _without_opening(span: Span) -> Optional[Span]:
    """A reported clause without the conjunctions and comma-closed phrases that open it
    ("And …", "In addition, …", "Perhaps, …"), then `_trim`med. Clauses that open it
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
    return _trim(doc[start:end]) if start < end else None


def _keeps_end(doc: Doc, start: int, end: int) -> bool:
    """A closing quotation mark, or a closing bracket opened inside the span, stays."""
    last = doc[end - 1]
    return last.is_quote or (last.is_right_punct and any(t.is_left_punct for t in doc[start : end - 1]))


def _is_paragraph_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _fills_paragraph(span: Span) -> bool:
    """Whether a quotation is all its paragraph holds."""
    doc = span.doc
    before = span.start == 0 or _is_paragraph_break(doc[span.start - 1])
    after_tokens = doc[span.end : span.end + 2]
    after = span.end == len(doc) or all(t.is_punct or _is_paragraph_break(t) for t in after_tokens[:1])
    return before and after


def _cut_sources_before_quotes(attributions: List[Attribution]) -> None:
    """Cut each source before a relative clause of it that holds another quote's cue or content
    ("Park, who argued that …, said"): PolNeAR's sources hold another quote's cue in 1 of 20,426."""
    owner: Dict[int, int] = {}  # the attribution whose cue or content each token is in
    for k, attribution in enumerate(attributions):
        for span in (attribution.cue, *attribution.parts):
            owner.update(dict.fromkeys(range(span.start, span.end) if span is not None else (), k))
    for k, attribution in enumerate(attributions):
        source = attribution.source
        for token in source if source is not None else ():
            if token.dep_ != "relcl" or token.left_edge.i <= source.start:
                continue
            if any(owner.get(t.i, k) != k for t in token.subtree):
                attribution.source = _trim(source.doc[source.start : token.left_edge.i])
                break


def _without_overlaps(attributions: List[Attribution]) -> List[Attribution]:
    """Drop attributions whose content or cue falls inside an earlier one's content (not in
    the gaps between its parts, where its cue and source are: "“…,” Caddell said, speaking
    of …. “…”")."""
    kept: List[Attribution] = []
    taken: Set[int] = set()
    for attribution in attributions:
        tokens = {i for part in attribution.parts for i in range(part.start, part.end)}
        cue = range(attribution.cue.start, attribution.cue.end) if attribution.cue is not None else ()
        if not taken.isdisjoint(tokens) or not taken.isdisjoint(cue):
            continue
        kept.append(attribution)
        taken |= tokens
    return kept
