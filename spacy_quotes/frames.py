"""Frames: the quotes of a trained model as token spans, and their decoding into well-formed quotes.

`decode_frames` reads each cue's frame from the model's scores; the functions after it
mend the frames' spans, `without_conflicts` makes them well-formed, and `to_quotes`
turns them into `Quote`s as the rules' quotes are.
"""
from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy
from spacy.tokens import Doc, Span, Token
from thinc.api import to_numpy
from thinc.types import Floats2d, Ints1d

from .cues import modified_end, modified_start
from .marks import QuoteMarks
from .model import (
    B_CONTENT,
    B_SOURCE,
    I_CONTENT,
    I_SOURCE,
    CueWindows,
    QuoteScores,
    TokenSpan,
    bio_spans,
    decode_roles,
    runs,
    span_confidence,
)
from .quote import Quote
from .sources import DASHES
from .speakers import SpeakerResolver


@dataclass(frozen=True)
class Frame:
    """A quote as token spans of its doc: a cue, the source and the content parts it takes."""

    cue: TokenSpan
    source: Optional[TokenSpan]
    content: Tuple[TokenSpan, ...]
    score: float = 1.0


def argument_tags(frame: Frame, window: TokenSpan) -> Ints1d:
    """The BIO tags of a frame's source and content over the tokens of `window` (O elsewhere)."""
    window_start, window_end = window
    tags = numpy.zeros(window_end - window_start, dtype="int32")
    arguments = [(frame.source, B_SOURCE, I_SOURCE)] if frame.source else []
    arguments += [(part, B_CONTENT, I_CONTENT) for part in frame.content]
    for (start, end), begin, inside in arguments:
        first, last = max(start, window_start), min(end, window_end)
        if first < last:
            tags[first - window_start : last - window_start] = inside
            if start == first:
                tags[first - window_start] = begin
    return tags


def decode_frames(
    docs: Sequence[Doc], scores: QuoteScores, rule_quotes: Sequence[List[Quote]]
) -> List[List[Frame]]:
    """The frames of each doc: each predicted cue with its most likely source and all its content parts.

    A frame's score is its cue's mean tag probability (1 for given cues) times that of
    its content; cues without content give no frame. Content parts are joined by
    `join_parts` and widened to the quotation marks they stop inside (`to_quotation_marks`),
    then weighed against the rules' content for the same cue (`likelier_content`), from
    each doc's `rule_quotes`, and rid of bare punctuation (`without_bare_marks`). Frames take
    the rules' source where they found one (`with_source`) and, unless the cues were given,
    the extent of their cue (`with_cue_extent`); such cues are also mended where they stop
    short of their verb or run into a noun phrase (`to_whole_cue`). Cues take the words
    around them that their verb governs (`with_modifiers`).
    """
    windows = scores.windows
    cue_probs, role_probs = to_numpy(scores.cues), to_numpy(scores.roles)
    cue_confidence = (
        numpy.ones(len(windows.cues)) if scores.cues_given else span_confidence(cue_probs.max(axis=1), windows.cues)
    )
    log_probs = numpy.log(numpy.maximum(role_probs, 1e-9))
    offsets = numpy.cumsum([0] + [len(doc) for doc in docs])
    rule_frames = [[frame for frame in map(_as_frame, quotes) if frame] for quotes in rule_quotes]
    marks = [QuoteMarks(doc.text) for doc in docs]
    frames: List[List[Frame]] = [[] for _ in docs]
    for cue_index, (sources, content) in _arguments(windows, role_probs, log_probs).items():
        if not content:
            continue
        doc_index = int(numpy.searchsorted(offsets, windows.cues[cue_index, 0], side="right")) - 1
        offset = int(offsets[doc_index])
        cue_start, cue_end = (windows.cues[cue_index] - offset).tolist()
        window_start, window_end = (windows.bounds[cue_index] - offset).tolist()
        source = max(sources, key=lambda item: item[1], default=None)
        frame = Frame(
            cue=(cue_start, cue_end),
            source=(source[0][0] - offset, source[0][1] - offset) if source else None,
            content=tuple((start - offset, end - offset) for (start, end), _ in content),
            score=float(cue_confidence[cue_index]) * float(numpy.mean([score for _, score in content])),
        )
        first_row = int(windows.first_rows[cue_index])
        window_log_probs = log_probs[first_row : first_row + window_end - window_start]
        rule_frame = next((rule for rule in rule_frames[doc_index] if _overlap(rule.cue, frame.cue)), None)
        doc = docs[doc_index]
        frame = to_quotation_marks(join_parts(frame), doc, marks[doc_index])
        frame = likelier_content(frame, rule_frame, window_log_probs, (window_start, window_end))
        frame = with_source(without_bare_marks(frame, doc), rule_frame)
        if not scores.cues_given:
            frame = to_whole_cue(with_cue_extent(frame, rule_frame), doc)
        frames[doc_index].append(with_modifiers(frame, doc))
    return frames


ScoredSpans = List[Tuple[TokenSpan, float]]


def _arguments(
    windows: CueWindows, role_probs: Floats2d, log_probs: Floats2d
) -> Dict[int, Tuple[ScoredSpans, ScoredSpans]]:
    """Each cue's sources and content parts from the likeliest argument tags, as batch tokens with scores."""
    tags = decode_roles(windows, log_probs)
    confidence = role_probs[numpy.arange(len(tags)), tags]
    arguments: Dict[int, Tuple[ScoredSpans, ScoredSpans]] = {}
    for role, begin, inside in ((0, B_SOURCE, I_SOURCE), (1, B_CONTENT, I_CONTENT)):
        spans = bio_spans(tags, begin, inside, windows.window_starts)
        for (start, end), span_score in zip(spans.tolist(), span_confidence(confidence, spans).tolist()):
            tokens = (int(windows.rows[start]), int(windows.rows[end - 1]) + 1)
            arguments.setdefault(int(windows.owners[start]), ([], []))[role].append((tokens, span_score))
    return arguments


def likelier_content(frame: Frame, rule: Optional[Frame], log_probs: Floats2d, window: TokenSpan) -> Frame:
    """`frame`, or `frame` with the content of the rules' `rule` for the same cue if the model finds it likelier.

    The likelihood is that of the argument tags over the cue's window (`log_probs`):
    the rules' boundaries win where the model is unsure of its own. On PolNeAR dev
    this gave the CNN 0.4 points more exact content F and attribution F (1.7 and 1.5
    before argument tags were decoded by `decode_roles`).
    """
    if rule is None or rule.content == frame.content:
        return frame
    candidates = (frame, replace(frame, content=rule.content))
    rows = numpy.arange(len(log_probs))
    return max(candidates, key=lambda candidate: log_probs[rows, argument_tags(candidate, window)].sum())


def with_source(frame: Frame, rule: Optional[Frame]) -> Frame:
    """`frame`, with the source of the rules' `rule` for the same cue where they found one.

    The rules read the source off the parse, as the cue's subject, agent or "according to"
    object. On PolNeAR dev, taking it where the model found none gave the CNN 0.15 points
    more attribution F and the transformer 0.5; taking it over the model's own as well gave
    the CNN 0.5 more exact source F and 0.4 more attribution F, and the transformer the same
    exact F (0.35 less source token F).
    """
    if rule is None or rule.source is None:
        return frame
    return replace(frame, source=rule.source)


def with_cue_extent(frame: Frame, rule: Optional[Frame]) -> Frame:
    """`frame`, its cue as long as the cue of the rules' `rule` that overlaps it, unless that
    would take in the frame's source or content.

    The rules' cues reach as far as PolNeAR's do (`cue_span`); the model's often take in
    or leave out a word ("said of", "said at a", "said in the letter"). On PolNeAR dev the
    two cues differed for 70 of the CNN's quotes: the rules' was the gold one in 34 of
    them, the model's in 16. Taking the rules' gave 0.7 points more exact cue F, and no
    other figure changed.
    """
    if rule is None or any(_overlap(rule.cue, span) for span in (frame.source, *frame.content) if span):
        return frame
    return replace(frame, cue=rule.cue)


def _as_frame(quote: Quote) -> Optional[Frame]:
    """A quote the rules found as a frame, if it has a cue."""
    if quote.cue is None:
        return None
    source = (quote.speaker.start, quote.speaker.end) if quote.speaker is not None else None
    content = tuple((part.start, part.end) for part in quote.content)
    return Frame((quote.cue.start, quote.cue.end), source, content, quote.score)


def _overlap(first: TokenSpan, second: TokenSpan) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def join_parts(frame: Frame) -> Frame:
    """Join the content parts that neither the frame's cue nor its source separates.

    What splits a quote's content is its own cue or source ("…, she said, …"): in
    PolNeAR dev 151 of 170 gaps. Other gaps are tagging noise; joining them gave
    2.7 points more exact content F on dev.
    """
    parts = [frame.content[0]]
    for start, end in frame.content[1:]:
        gap_start = parts[-1][1]
        if any(span and gap_start <= span[0] and span[1] <= start for span in (frame.cue, frame.source)):
            parts.append((start, end))
        else:
            parts[-1] = (parts[-1][0], end)
    return replace(frame, content=tuple(parts))


def without_bare_marks(frame: Frame, doc: Doc) -> Frame:
    """The frame without content parts of punctuation alone, such as the quotation mark that
    opens each paragraph of a transcript ('"MORALES: Well, …'), unless no other part is left.
    One of the 22,898 gold content parts of PolNeAR train is such a mark."""
    worded = tuple(part for part in frame.content if not all(token.is_punct for token in doc[slice(*part)]))
    return replace(frame, content=worded) if worded else frame


def to_quotation_marks(frame: Frame, doc: Doc, marks: QuoteMarks) -> Frame:
    """Widen content that stops inside a quotation it opens to the closing mark, and content
    that starts inside a quotation it closes back to the opening mark.

    A quotation cut short is a tagging slip, not PolNeAR's convention: of the 47 CNN
    contents on dev that stop inside a quotation they open, 38 have gold content that
    ends at its closing mark. The quotation must close in its paragraph, and the tokens
    added must not hold the frame's cue or source.
    """
    start, end = frame.content[0][0], frame.content[-1][1]
    first_char, last_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    new_start, new_end = start, end
    closing = marks.region_at(last_char - 1)
    if closing and closing.balanced and first_char <= closing.start and last_char < closing.end:
        if "\n" not in marks.text[last_char : closing.end]:
            new_end = doc.char_span(closing.start, closing.end, alignment_mode="expand").end
    opening = marks.region_at(first_char)
    if opening and opening.balanced and opening.start < first_char and opening.end <= last_char:
        if "\n" not in marks.text[opening.start : first_char]:
            new_start = doc.char_span(opening.start, opening.end, alignment_mode="expand").start
    added = [span for span in ((new_start, start), (end, new_end)) if span[0] < span[1]]
    if any(_overlap(span, argument) for span in added for argument in (frame.cue, frame.source) if argument):
        return frame
    content = ((new_start, frame.content[0][1]), *frame.content[1:])
    return replace(frame, content=(*content[:-1], (content[-1][0], new_end)))


def to_whole_cue(frame: Frame, doc: Doc) -> Frame:
    """The frame, its cue reaching the verb its words serve if they are auxiliaries alone ("did not
    immediately" + "respond", "to" + "admit"), taking the verb from the start of its content if
    need be, or ending before a phrase that its last words open ("unveiled a", "refuses to").

    In PolNeAR train this would change 69 of the 19,831 gold cues (most of them ending with
    the "to" of an infinitive, which 900 others stop before). On dev it changed 28 of the
    CNN's cues: 10 became exact and one inexact, and 5 contents became exact.
    """
    start, end = frame.cue
    content = frame.content
    verb = _served_verb(doc[start:end])
    if verb is not None:
        first_start, first_end = content[0]
        if first_start == end and verb.i + 1 < first_end:  # "did not immediately" + "respond to …"
            content = ((verb.i + 1, first_end), *content[1:])
        end = verb.i + 1
    while _leads_on(doc[end - 1], end) and any(token.pos_ == "VERB" for token in doc[start : end - 1]):
        end -= 1
    arguments = [span for span in (frame.source, *content) if span]
    if end > frame.cue[1] and any(_overlap((frame.cue[1], end), span) for span in arguments):
        return frame
    return replace(frame, cue=(start, end), content=content)


def _served_verb(cue: Span) -> Optional[Token]:
    """The verb after `cue` that all its words serve, if they are auxiliaries, negations and
    adverbs with at least one auxiliary or particle, and only adverbs and particles part them."""
    heads = {token.head for token in cue}
    verb = heads.pop() if len(heads) == 1 else None
    if (
        verb is None
        or verb.i < cue.end
        or verb.pos_ not in ("VERB", "AUX")
        or not all(token.dep_ in _AUXILIARY_DEPS for token in cue)
        or not any(token.pos_ in ("AUX", "PART") for token in cue)
        or not all(token.pos_ in ("ADV", "PART") for token in cue.doc[cue.end : verb.i])
    ):
        return None
    return verb


# The relations of the words that serve a verb: "did not immediately respond", "to admit".
_AUXILIARY_DEPS = {"aux", "auxpass", "neg", "advmod"}


def _leads_on(token: Token, end: int) -> bool:
    """Whether a cue's last token belongs to a phrase after the cue: a noun's determiner or
    adjective ("unveiled a"), or the "to" of an infinitive ("refuses to")."""
    opens = token.pos_ in ("DET", "ADJ", "NUM") or (token.pos_ == "PART" and token.lower_ == "to")
    return opens and token.head.i >= end


def with_modifiers(frame: Frame, doc: Doc) -> Frame:
    """The frame, its cue widened as the rules' cues are: over the auxiliaries, adverbs and
    particles just before it that the cue's root governs (`modified_start`), and over the
    adverbs and the preposition of its content right after it (`modified_end`), unless they
    are the frame's source or content. On PolNeAR dev the first made 23 of the CNN's cues
    exact and one inexact; the second took its cue exact F from 69.7 to 70.0.
    """
    cue = doc[slice(*frame.cue)]
    start, end = modified_start(cue), modified_end(cue)
    arguments = [span for span in (frame.source, *frame.content) if span]
    if start < cue.start and any(_overlap((start, cue.start), span) for span in arguments):
        start = cue.start
    if end > cue.end and any(_overlap((cue.end, end), span) for span in arguments):
        end = cue.end
    return replace(frame, cue=(start, end))


# Marks that separate clauses: content ends before them, not with them.
_SEPARATORS = {",", ";", ":", *DASHES}


def without_loose_end(frame: Frame, doc: Doc) -> Frame:
    """Content without the conjunctions and separating marks (",", ";", "--") it ends with.

    In PolNeAR train 113 of 19,832 gold content parts end so; on dev, cutting them made
    21 of the CNN's 45 such contents end where gold content does, and spoilt one. It is
    cut once `without_conflicts` has taken other quotes' tokens out of it ("… were not
    complete, and [another quote's cue]"): 0.15 points more exact content F than before.
    """
    start, end = frame.content[-1]
    while end - start > 1 and (doc[end - 1].pos_ == "CCONJ" or doc[end - 1].text in _SEPARATORS):
        end -= 1
    return replace(frame, content=(*frame.content[:-1], (start, end)))


def without_conflicts(frames: Iterable[Frame], length: int) -> List[Frame]:
    """Well-formed frames, best score first: a token is in one quote's cue or content, or in sources.

    A frame whose cue overlaps a better frame's tokens is dropped; its content loses
    the tokens already taken (and its own cue's), and is dropped when none is left;
    its source is dropped if it holds a cue's or content's tokens. Quotes may share a
    source ("He said … and added …"), as 2,237 of the 19,832 in PolNeAR train do:
    keeping shared sources gave the CNN 1.9 points more attribution F on dev.
    """
    said, speaking = numpy.zeros(length, dtype=bool), numpy.zeros(length, dtype=bool)
    kept = []
    for frame in sorted(frames, key=lambda frame: -frame.score):
        cue = slice(*frame.cue)
        free = ~(said | speaking)
        if not free[cue].all():
            continue
        free[cue] = False
        content = tuple(
            (start + part_start, start + part_end)
            for start, end in frame.content
            for part_start, part_end in runs(free[start:end]).tolist()
        )
        if not content:
            continue
        for start, end in (frame.cue, *content):
            said[start:end] = True
        source = frame.source if frame.source and not said[slice(*frame.source)].any() else None
        if source:
            speaking[slice(*source)] = True
        kept.append(Frame(frame.cue, source, content, frame.score))
    return kept


def fill_free_tokens(quotes: List[Quote], candidates: Iterable[Quote], length: int) -> List[Quote]:
    """`quotes` and those of `candidates` (the rules') whose tokens no quote has taken yet, in text order.

    A candidate's content and cue must be free of other quotes' tokens; its speaker may
    be another quote's too ("“…,” she said. “…”"), but no quote's content or cue.
    The model misses quotes the rules find, and finds none without a cue; on PolNeAR dev
    this gave the CNN 0.6 points more exact content F, 1.8 more token content F and 0.2
    more attribution F.
    """
    said, speaking = numpy.zeros(length, dtype=bool), numpy.zeros(length, dtype=bool)
    filled = list(quotes)
    for quote in quotes:
        _take(said, speaking, quote)
    for quote in candidates:
        own = [span for span in (quote.cue, *quote.content) if span is not None]
        if any((said | speaking)[span.start : span.end].any() for span in own):
            continue
        if quote.speaker is not None and said[quote.speaker.start : quote.speaker.end].any():
            continue
        _take(said, speaking, quote)
        filled.append(quote)
    return sorted(filled, key=lambda quote: (quote.content[0].start, quote.content[-1].end))


def _take(said: numpy.ndarray, speaking: numpy.ndarray, quote: Quote) -> None:
    """Mark the tokens of a quote's content and cue in `said`, and of its speaker in `speaking`."""
    for span in (quote.cue, *quote.content):
        if span is not None:
            said[span.start : span.end] = True
    if quote.speaker is not None:
        speaking[quote.speaker.start : quote.speaker.end] = True


def to_quotes(doc: Doc, frames: Iterable[Frame]) -> List[Quote]:
    """Quotes from frames, with speakers resolved and types read from the quotation marks, as the rules do."""
    resolver = SpeakerResolver(doc)
    marks = QuoteMarks(doc.text)
    quotes = []
    for frame in sorted(frames, key=lambda frame: frame.content[0]):
        content = tuple(doc[start:end] for start, end in frame.content)
        speaker = doc[slice(*frame.source)] if frame.source else None
        name, role = resolver.resolve(speaker)
        quotes.append(
            Quote(
                content=content,
                cue=doc[slice(*frame.cue)],
                speaker=speaker,
                speaker_name=name,
                role=role,
                type=marks.quote_type(content),
                score=frame.score,
                method="model",
            )
        )
    return quotes
