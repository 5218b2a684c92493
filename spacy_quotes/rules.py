"""The rule engine: quotations from the dependency parse, the entities and the quote marks.

It finds quotes from their cues (`cues.py`), with the content (`content.py`) and source
(`sources.py`) each cue reports, then from the quotations no cue has claimed.
"""
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Set, Tuple, Union

from spacy.tokens import Doc, Span, Token

from .content import (
    after_cue_date,
    appeal_of,
    clause_before,
    colon_after,
    conjoined_end,
    follows_comma,
    is_as_clause,
    object_and_complement,
    object_end,
    without_concession,
    without_next_report,
    without_opening,
)
from .cues import (
    cue_span,
    fixed_lemma,
    holds_report,
    is_cue,
    is_noun_cue,
    opens_with_that,
    refused_speech,
    that_clause,
)
from .lexicon import EDITORIAL_LABELS, INTENT_CUES, OBJECT_CUES, PREPOSITION_CUES
from .marks import QuoteMarks
from .quote import Quote
from .sources import DASHES, dash_source, source_of
from .spans import after_dateline, after_spaces, fills_paragraph, is_paragraph_break, is_phrase, trim
from .speakers import NAMED, SpeakerResolver

# Dependencies that attach a reporting clause to the clause it reports ("…, he said").
REPORTS_HEAD = ("parataxis", "advcl", "ccomp")

RELATIVES = {"which", "who", "whom", "whose"}  # what opens a relative clause that a comma sets off
WINDOW = 12  # tokens searched beside a quotation for its cue

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
            paragraph += is_paragraph_break(token)
        self.quoted = [False] * len(doc)
        for span, _ in self.regions:
            self.quoted[span.start : span.end] = [True] * len(span)

    def run(self) -> List[Quote]:
        by_cue: Dict[int, Attribution] = {}
        for token in self.doc:
            if self.quoted[token.i] or not (is_cue(token) or is_noun_cue(token)):
                continue
            attribution = self._from_parse(token)
            if attribution is not None:
                by_cue[token.i] = attribution
        attributions = list(by_cue.values())
        headlines = self._headlines()
        attributions += self._from_regions(by_cue, attributions + headlines)
        attributions += headlines
        attributions = _without_overlaps(attributions)
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
            content = without_next_report(content)
            if content is not None:
                content = without_concession(content)
        # Content keeps to its cue's paragraph, or to the next one after a colon that ends it.
        paragraph = self.paragraph[content.start if method == "colon" else cue.i]
        parts, balanced = self._snap_to_regions(content, paragraph)
        if not parts:
            return None
        span, source = cue_span(cue), source_of(cue)
        own = [span] if source is None or source.start <= span.start < source.end else [span, source]
        parts = _around(parts, own)
        return Attribution(span, source, parts, method, balanced) if parts else None

    def _content(self, cue: Token) -> Tuple[Union[Span, List[Span], None], str]:
        """The clause a cue verb or noun reports (in parts, if the cue interrupts it), and how it was found."""
        doc = self.doc
        if is_noun_cue(cue):
            clause = that_clause(cue)
            return trim(doc[clause.left_edge.i : clause.right_edge.i + 1]), "noun"
        refused = refused_speech(cue)
        if refused is not None:  # "declined" + "to comment"
            end = conjoined_end(cue, refused.right_edge.i + 1, subjects=False)
            return trim(doc[refused.left_edge.i : end]), "intent"
        # Not one in another paragraph: the parser may hang the quotation before on the cue.
        clauses = [c for c in cue.children if c.dep_ == "ccomp" and self.paragraph[c.i] == self.paragraph[cue.i]]
        if clauses:
            # The one after the cue that "that" opens, of two: "Claiming …, Trump told Fox that …".
            child = next((c for c in clauses if c.i > cue.i and opens_with_that(c)), clauses[0])
            # Kept whole: `without_opening` here cost 0.1 points of content exact F on PolNeAR dev.
            start = after_cue_date(cue, child)
            end = conjoined_end(cue, child.right_edge.i + 1)
            if child.i > cue.i:
                end = self._past_colon(end)
            return trim(doc[start:end]), "clausal"
        clause = next(filter(None, map(that_clause, _objects_of_prepositions(cue))), None)
        if clause is not None:
            # Hung on the noun of the cue's phrase: "said in a statement that …".
            return trim(doc[clause.left_edge.i : conjoined_end(cue, clause.right_edge.i + 1)]), "clausal"
        head = cue.head
        if cue.dep_ in REPORTS_HEAD and follows_comma(cue) and head.pos_ in ("VERB", "AUX") and not is_cue(head):
            # "…, he said", and what the clause goes on with: "…, Graham said, since …";
            # not "…, he said, referring to …", where the clause is the head cue's.
            before = without_opening(doc[head.left_edge.i : cue.left_edge.i])
            after = trim(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
            return ([before, after] if before is not None and after is not None else before), "clausal"
        if cue.dep_ == "advcl" and head.i > cue.i and is_as_clause(cue) and head.pos_ in ("VERB", "AUX"):
            # Before its clause: "As Pollak observed, the biggest victor was …".
            after = trim(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
            if after is not None:
                return after, "clausal"
        if cue.dep_ == "parataxis" and head.i > cue.i:
            # Interposed: "Acts of protest, Mr. Obama said, are acts of patriotism."
            before = without_opening(doc[head.left_edge.i : cue.left_edge.i])
            after = trim(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
            if before is not None and after is not None:
                return [before, after], "interposed"
        colon = colon_after(cue)
        if colon is not None and self._ends_paragraph(colon):
            return self._paragraph_after(colon), "colon"
        if colon is not None:
            end = colon.sent.end
            region = self._region_at(colon.i + 1)
            if region is not None:
                end = region.end
            return trim(doc[colon.i + 1 : end]), "colon"
        complemented = object_and_complement(cue)
        if complemented is not None:
            return trim(complemented), "object"
        appeal = appeal_of(cue)
        if appeal is not None:
            return appeal, "intent"
        lemma = fixed_lemma(cue)
        for child in cue.children:
            if lemma in OBJECT_CUES and child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > cue.i:
                if not holds_report(child):  # "proposes allowing parents to …", "admitted using …"
                    return trim(doc[child.left_edge.i : child.right_edge.i + 1]), "object"
            if lemma in OBJECT_CUES and child.dep_ == "dobj" and child.pos_ != "PRON":
                if is_noun_cue(child):  # "expressed concern that …": the noun is the cue
                    continue
                return trim(doc[child.left_edge.i : object_end(cue, child)]), "object"
            if lemma in INTENT_CUES and child.dep_ == "xcomp":
                intent = trim(doc[child.left_edge.i : conjoined_end(cue, child.right_edge.i + 1, subjects=False)])
                expected = next((c for c in cue.lefts if c.dep_ == "nsubjpass"), None)
                if lemma == "expect" and expected is not None and intent is not None:
                    # "Turnout is expected to rise": what is expected is said, by no one named.
                    return [trim(doc[expected.left_edge.i : expected.right_edge.i + 1]), intent], "expected"
                return intent, "intent"
            if child.dep_ == "prep" and child.lower_ in PREPOSITION_CUES.get(lemma, ()):
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    return trim(doc[pobj.left_edge.i : pobj.right_edge.i + 1]), "object"
        before = self._sentence_before(cue)
        if before is not None:
            return before, "clausal"
        return None, ""

    def _ends_paragraph(self, token: Token) -> bool:
        """Whether only spaces part `token` from the paragraph's break."""
        after = after_spaces(self.doc, token.i + 1)
        return after < len(self.doc) and is_paragraph_break(self.doc[after])

    def _paragraph_after(self, colon: Token) -> Optional[Span]:
        """The paragraph after a colon that ends its own ("The mayor added:\n\nThe plan …"),
        unless it opens with a quotation, which the quotation's own cue look-up finds."""
        doc = self.doc
        start = colon.i + 1
        while start < len(doc) and doc[start].is_space:
            start += 1
        if start == len(doc) or self.quoted[start]:
            return None
        return trim(doc[start : self._paragraph_end(start)])

    def _paragraph_end(self, i: int) -> int:
        """The paragraph break after token `i`, or the doc's end."""
        while i < len(self.doc) and not is_paragraph_break(self.doc[i]):
            i += 1
        return i

    def _sentence_before(self, cue: Token) -> Optional[Span]:
        """What a sentence says before the comma and the reporting clause it ends with, where the
        parser hung neither on the other: "Sorry, the governor said."."""
        doc, sent = self.doc, cue.sent
        subject = next((c for c in reversed(list(cue.lefts)) if c.dep_ == "nsubj"), None)
        if subject is None or not is_cue(cue, speech_only=True):
            return None
        comma = subject.left_edge.i - 1
        if comma <= sent.start or doc[comma].text != "," or self.quoted[comma]:
            return None
        if any(not (token.is_punct or token.is_space) for token in doc[cue.i + 1 : sent.end]):
            return None
        before = doc[after_dateline(doc, sent.start, comma) : comma]
        if any(is_cue(token, speech_only=True) for token in before):  # "“…,” said Ms. Lee, half joking."
            return None
        return without_opening(before)

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
                return trim(doc[content.start : comma])
        return content

    def _according_to(self, cue: Token) -> Optional[Attribution]:
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            return None
        clause = cue.head
        while (clause.dep_ != "ccomp" or _closes_report(cue, clause)) and clause.head.i != clause.i:
            clause = clause.head
        tokens = [t for t in clause.subtree if not (cue.left_edge.i <= t.i <= cue.right_edge.i)]
        tokens = [t for t in tokens if t.sent == cue.sent]
        source_end = pobj.right_edge.i + 1
        if not tokens and cue.i == cue.sent.start:
            # The parser hung the clause on the object: "According to X, the budget …".
            comma = next((t for t in pobj.subtree if t.i > pobj.i and t.text == ","), None)
            rest = list(self.doc[comma.i + 1 : cue.sent.end]) if comma is not None else []
            if sum(not t.is_punct for t in rest) >= 3:  # a clause, not an aside ("…, basically.")
                tokens, source_end = rest, comma.i
        if not tokens:
            return None
        before = [t for t in tokens if t.i < cue.i]
        after = [t for t in tokens if t.i > cue.i]
        # The clause is on one side of "according to X": take the larger side.
        side = before if len(before) >= len(after) else after
        content = without_opening(self.doc[side[0].i : side[-1].i + 1])
        parts, balanced = self._snap_to_regions(content, self.paragraph[cue.i])
        if not parts:
            return None
        source = trim(self.doc[pobj.left_edge.i : source_end])
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
            part = trim(self.doc[after_dateline(self.doc, start, end) : end])
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
            if is_phrase(span):
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
                attribution = Attribution(self.doc[cue.i : cue.i + 1], dash_source(cue), [span], "dash", balanced)
            elif cue is not None:
                attribution = Attribution(cue_span(cue), source_of(cue), [span], "direct", balanced)
                by_cue[cue.i] = attribution
            elif (introduced := self._introduced_by_colon(span, balanced)) is not None:
                attribution = introduced
            elif (continued := self._continued(previous, span, by_cue)) is not None:
                # "“…,” she said. “…”": the next sentence goes on with the same quotation.
                continued.parts.append(span)
                continue
            elif fills_paragraph(span) and previous is not None:
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
        while i > 0 and doc[i].is_space and not is_paragraph_break(doc[i]):
            i -= 1
        if i < 1 or doc[i].text != ":":
            return None
        verb = clause_before(doc[i])
        source = source_of(verb)
        if source is None:
            return None
        start = min([verb.i] + [c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")])
        clause = doc[start : i + 1]
        if is_cue(verb):  # "She said she recalls …:"
            cue = cue_span(verb)
        elif source.end > start or any(is_cue(t) for t in clause):  # "… when asked whether …:"
            cue = doc[i : i + 1]
        else:
            cue = clause
        return Attribution(cue, source, [span], "colon", balanced)

    def _cue_beside(self, span: Span) -> Optional[Token]:
        """The nearest cue after the quotation in its sentence, else the nearest before it
        (in the paragraph before, if that ends in a colon just before the quotation)."""
        doc = self.doc
        after = after_spaces(doc, span.end)
        # A quotation that ends in a full stop ends its sentence: “….” He added: … (but “….” ― Jane Doe)
        ends_sentence = len(span) > 1 and span[-2].text == "."
        for i in range(span.end, min(span.end + WINDOW, len(doc))):
            token = doc[i]
            new_sentence = token.is_sent_start and (i > span.end or (ends_sentence and token.is_alpha))
            if self.quoted[i] or is_paragraph_break(token) or new_sentence:
                break
            if is_cue(token, speech_only=True) and (token.lower_ != "according" or source_of(token) is not None):
                return token
            if i == after and token.text in DASHES and dash_source(token) is not None:
                return token
        for i in range(span.start - 1, max(span.start - WINDOW, 0) - 1, -1):
            token = doc[i]
            if i == span.start - 1 and i > 0 and doc[i - 1].text == ":" and is_paragraph_break(token):
                continue  # "He said:\n\n“…”": a paragraph that ends in a colon introduces the next
            if self.quoted[i] or is_paragraph_break(token) or (token.is_sent_end and token.text != ":"):
                break
            if is_cue(token, speech_only=True):
                return token
        return None

    def _headlines(self) -> List[Attribution]:
        """Headline and transcript style, "The Pentagon: …", "HOST: …": a named source at
        the start of a paragraph (after any opening quotation mark), a colon, then what it
        said, to the paragraph's end. Editorial labels ("Correction: …") name no source."""
        found = []
        doc = self.doc
        for paragraph_start in [0] + [token.i + 1 for token in doc if is_paragraph_break(token)]:
            start = paragraph_start
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
            # The paragraph bounds what a speaker says, even where a quotation runs on past it.
            content = trim(doc[colon.i + 1 : self._paragraph_end(colon.i)])
            opened = any(token.is_quote for token in doc[paragraph_start:start])
            marks = [token.i for token in content if token.is_quote] if content is not None else []
            if opened and marks == [content.end - 1]:
                content = trim(content[:-1])  # the mark that closes the quotation the paragraph opened
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


def _closes_report(according: Token, clause: Token) -> bool:
    """Whether "according to X" closes `clause`, a clause another cue reports: then it
    attributes the report, not the clause ("Bass told KTLA the plan would cost more,
    according to the station"), as PolNeAR's annotators read it."""
    after = according.doc[according.right_edge.i + 1 : clause.right_edge.i + 1]
    return is_cue(clause.head) and all(token.is_punct for token in after)


def _objects_of_prepositions(cue: Token) -> Iterator[Token]:
    """The objects of the prepositions after a cue, but for the one whose object is its content
    ("pointed to reports that …"): "statement" in "said in a statement"."""
    own = PREPOSITION_CUES.get(fixed_lemma(cue), ())
    for prep in cue.rights:
        if prep.dep_ == "prep" and prep.lower_ not in own:
            yield from (c for c in prep.children if c.dep_ == "pobj")


def _later(a: Optional[Attribution], b: Attribution) -> Attribution:
    return b if a is None or b.start >= a.start else a


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
                attribution.source = trim(source.doc[source.start : token.left_edge.i])
                break


def _around(parts: List[Span], spans: List[Span]) -> List[Span]:
    """Content parts without the tokens of `spans` (a quote's own cue and source), split where
    they held them: "which he said was …" is "which" and "was …", as in PolNeAR (73 such
    contents of the rules' on train)."""
    own = {i for span in spans for i in range(span.start, span.end)}
    pieces = []
    for part in parts:
        if own.isdisjoint(range(part.start, part.end)):
            pieces.append(part)
            continue
        start = part.start
        for i in range(part.start, part.end + 1):
            if i == part.end or i in own:
                piece = trim(part.doc[start:i]) if start < i else None
                if piece is not None:
                    pieces.append(piece)
                start = i + 1
    return pieces


def _without_overlaps(attributions: List[Attribution]) -> List[Attribution]:
    """The attributions in the order of their content, without those whose content or cue falls
    inside an earlier one's content (not in the gaps between its parts, where its cue and source
    are: "“…,” Caddell said, speaking of …. “…”"). Of two whose content starts on the same token,
    one with a source comes first ("The vote is expected to pass, aides said": the aides' quote,
    not the sourceless "is expected")."""
    kept: List[Attribution] = []
    taken: Set[int] = set()
    for attribution in sorted(attributions, key=lambda a: (a.start, a.source is None)):
        tokens = {i for part in attribution.parts for i in range(part.start, part.end)}
        cue = range(attribution.cue.start, attribution.cue.end) if attribution.cue is not None else ()
        if not taken.isdisjoint(tokens) or not taken.isdisjoint(cue):
            continue
        kept.append(attribution)
        taken |= tokens
    return kept
