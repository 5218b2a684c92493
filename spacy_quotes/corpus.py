"""Gold quotes from PolNeAR's brat standoff or the project's JSONL, as Docs and DocBins.

Both readers tokenise with `nlp.make_doc` only and store the gold quotes with
`set_quotes`, so gold and predicted docs share one representation. Character
offsets are aligned to tokens: whitespace at either end is trimmed, then a range
that does not fall on token boundaries is expanded to the tokens it touches.
`ConversionStats` counts the expanded ranges and the ones that could not be aligned.
"""
import logging
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import spacy
import srsly
import typer
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from wasabi import msg

from .marks import QuoteMarks
from .pipeline import resolve_base_pipeline
from .quote import QUOTE_TYPES, Quote, set_quotes

logger = logging.getLogger(__name__)

CharRange = Tuple[int, int]

# brat lines: `T<n>\t<label> <start> <end>[;<start> <end>]*\t<surface>` and `E<n>\t<role>:<id> ...`.
_TEXTBOUND = re.compile(r"(T\d+)\t\S+ (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_EVENT = re.compile(r"E\d+\t(.*)")
_ATTRIBUTIONS = ("Attribution", "Attribution-no-source")


@dataclass
class ConversionStats:
    """What a conversion read, and how well its character offsets fit the tokens."""

    docs: int = 0
    quotes: int = 0
    spans: int = 0  # character ranges aligned to tokens
    expanded: int = 0  # of which were widened to token boundaries
    unaligned: int = 0  # ranges with no token to align to (dropped)
    dropped_quotes: int = 0  # attributions without any aligned content
    skipped_lines: int = 0  # malformed annotation lines

    def __str__(self) -> str:
        return ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in asdict(self).items())


@dataclass(frozen=True)
class GoldRecord:
    """One gold quote as character ranges: content parts, cue and source."""

    content: Tuple[CharRange, ...]
    cue: Optional[CharRange]
    source: Optional[CharRange]
    type: Optional[str] = None


class Format(str, Enum):
    """The input formats `convert` reads."""

    polnear = "polnear"
    jsonl = "jsonl"


# Aligning character ranges to tokens


def align(doc: Doc, marks: QuoteMarks, char_range: CharRange, stats: ConversionStats) -> Optional[Span]:
    """The tokens covering `char_range` of the doc's text (`marks.text`) without its outer
    whitespace, or None if none do."""
    start, end = char_range
    text = marks.text[start:end]
    start, end = start + len(text) - len(text.lstrip()), start + len(text.rstrip())
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None:
        stats.unaligned += 1
        return None
    stats.spans += 1
    stats.expanded += (span.start_char, span.end_char) != (start, end)
    return span


def _merge_parts(spans: Iterable[Span], text: str) -> Tuple[Span, ...]:
    """Sort content parts and merge those that overlap or are apart by whitespace only.

    brat cuts an annotation at each line break, so a quote running over two
    paragraphs arrives in two pieces that are one stretch of text.
    """
    merged: List[Span] = []
    for span in sorted(spans, key=lambda span: span.start):
        last = merged[-1] if merged else None
        if last is not None and not text[last.end_char : span.start_char].strip():
            span = span.doc[last.start : max(last.end, span.end)]
            merged.pop()
        merged.append(span)
    return tuple(merged)


def gold_quote(doc: Doc, marks: QuoteMarks, record: GoldRecord, stats: ConversionStats) -> Optional[Quote]:
    """Align `record` to the tokens of `doc`, whose quotation `marks` these are; None if none
    of its content aligns."""
    parts = (align(doc, marks, part, stats) for part in record.content)
    content = _merge_parts((part for part in parts if part is not None), marks.text)
    if not content:
        stats.dropped_quotes += 1
        return None
    cue = align(doc, marks, record.cue, stats) if record.cue else None
    source = align(doc, marks, record.source, stats) if record.source else None
    return Quote(
        content=content,
        cue=cue,
        speaker=source,
        speaker_name=None,
        role=None,
        type=record.type or marks.quote_type(content),
        score=1.0,
        method="gold",
    )


def make_gold_doc(
    nlp: Language, text: str, records: Iterable[GoldRecord], stats: ConversionStats, doc_id: str
) -> Doc:
    """Tokenise `text` and store its gold quotes in `doc.spans["quotes"]`."""
    doc = nlp.make_doc(text)
    doc.user_data["id"] = doc_id
    marks = QuoteMarks(text)
    quotes = [quote for quote in (gold_quote(doc, marks, record, stats) for record in records) if quote]
    set_quotes(doc, quotes)
    stats.docs += 1
    stats.quotes += len(quotes)
    return doc


# PolNeAR: brat standoff


def _pieces(offsets: str) -> List[CharRange]:
    """`"3 9;12 20"` -> `[(3, 9), (12, 20)]`."""
    return [(int(start), int(end)) for start, end in (piece.split() for piece in offsets.split(";"))]


def _covering(pieces: Sequence[CharRange]) -> Optional[CharRange]:
    """One range from the first piece's start to the last one's end: cues and sources are single spans."""
    return (min(start for start, _ in pieces), max(end for _, end in pieces)) if pieces else None


def parse_brat(lines: Iterable[str], stats: ConversionStats) -> List[GoldRecord]:
    """The attributions of one brat `.ann` file, one record per `E` line.

    Content pieces (of `Content` and `Content2` arguments) become content parts;
    a discontinuous cue or source becomes its covering range. Events other than
    attributions, such as the Discuss and Discard flags, are ignored. Lines that
    are neither text-bound annotations, events nor notes are counted as skipped.
    """
    pieces: Dict[str, List[CharRange]] = {}
    events: List[List[Tuple[str, str]]] = []
    for line in lines:
        textbound, event = _TEXTBOUND.match(line), _EVENT.match(line)
        if textbound:
            pieces[textbound[1]] = _pieces(textbound[2])
        elif event:
            events.append([tuple(arg.split(":", 1)) for arg in event[1].split()])
        elif line.strip() and not line.startswith("#"):
            stats.skipped_lines += 1
    return [_brat_record(args, pieces) for args in events if args and args[0][0] in _ATTRIBUTIONS]


def _brat_record(args: List[Tuple[str, str]], pieces: Dict[str, List[CharRange]]) -> GoldRecord:
    """The record of an event from its `(role, id)` arguments."""

    def role(prefix: str) -> List[CharRange]:
        return [piece for name, id_ in args if name.startswith(prefix) for piece in pieces.get(id_, [])]

    return GoldRecord(content=tuple(role("Content")), cue=_covering(role("Cue")), source=_covering(role("Source")))


def _annotation_files(attributions_dir: Path) -> Dict[str, List[Path]]:
    """Each article's `<article>_<annotator>.ann` files, in the order of their annotators' names."""
    files: Dict[str, List[Path]] = defaultdict(list)
    for path in attributions_dir.glob("*.ann"):
        files[path.stem.rsplit("_", 1)[0]].append(path)
    return {article: sorted(paths) for article, paths in sorted(files.items())}


def _read_text(path: Path) -> str:
    """The file's text with its line endings as they are, since offsets count them."""
    with path.open(encoding="utf-8", newline="") as file:
        return file.read()


def read_polnear(
    split_dir: Union[str, Path], nlp: Language, stats: Optional[ConversionStats] = None
) -> Iterator[Doc]:
    """Gold docs of a PolNeAR split (`text/*.txt`, `attributions/*.ann`), one per annotated article:
    its first annotator's."""
    split_dir, stats = Path(split_dir), stats or ConversionStats()
    for article, ann_paths in _annotation_files(split_dir / "attributions").items():
        yield _polnear_doc(split_dir, article, ann_paths[0], nlp, stats)


def read_polnear_annotators(
    split_dir: Union[str, Path], nlp: Language, stats: Optional[ConversionStats] = None
) -> Iterator[List[Doc]]:
    """For each article of a PolNeAR split that more than one annotator annotated, their gold docs."""
    split_dir, stats = Path(split_dir), stats or ConversionStats()
    for article, ann_paths in _annotation_files(split_dir / "attributions").items():
        if len(ann_paths) > 1:
            yield [_polnear_doc(split_dir, article, ann_path, nlp, stats) for ann_path in ann_paths]


def _polnear_doc(split_dir: Path, article: str, ann_path: Path, nlp: Language, stats: ConversionStats) -> Doc:
    """The gold doc of one annotator's annotation of an article."""
    records = parse_brat(_read_text(ann_path).splitlines(), stats)
    return make_gold_doc(nlp, _read_text(split_dir / "text" / f"{article}.txt"), records, stats, article)


# The project's JSONL: see corpus/README.md


def _char_range(value: Any, text: str) -> CharRange:
    """A `[start, end]` pair, or a span record with `start_char` and `end_char`, checked against `text`."""
    start, end = (value["start_char"], value["end_char"]) if isinstance(value, dict) else value
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad character range {value!r} for a text of {len(text)} characters")
    return start, end


def _optional_range(value: Any, text: str) -> Optional[CharRange]:
    return None if value is None else _char_range(value, text)


def _jsonl_record(quote: Dict[str, Any], text: str) -> GoldRecord:
    """A gold record from a quote of the annotation format, or from a quote that `extract` wrote."""
    type_ = quote.get("type")
    if type_ is not None and type_ not in QUOTE_TYPES:
        raise ValueError(f"unknown quote type {type_!r}: expected one of {', '.join(QUOTE_TYPES)}")
    content = quote["content"]
    parts = content["parts"] if isinstance(content, dict) else content
    return GoldRecord(
        content=tuple(_char_range(part, text) for part in parts),
        cue=_optional_range(quote.get("cue"), text),
        source=_optional_range(quote["source"] if "source" in quote else quote.get("speaker"), text),
        type=type_,
    )


def read_jsonl(path: Union[str, Path], nlp: Language, stats: Optional[ConversionStats] = None) -> Iterator[Doc]:
    """Gold docs of a JSONL file in the project's annotation format, one per line."""
    stats = stats or ConversionStats()
    for line_no, record in enumerate(srsly.read_jsonl(path), 1):
        try:
            if not isinstance(record, dict):
                raise TypeError(f"a record is a JSON object, not {type(record).__name__}")
            text = record["text"]
            quotes = [_jsonl_record(quote, text) for quote in record.get("quotes", [])]
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}, line {line_no}: {error!r}") from error
        yield make_gold_doc(nlp, text, quotes, stats, str(record.get("id", line_no)))


# Conversion to DocBin


def detect_format(path: Path) -> Format:
    """PolNeAR for a directory with `text/` and `attributions/`, JSONL for a `.jsonl` file."""
    if (path / "text").is_dir() and (path / "attributions").is_dir():
        return Format.polnear
    if path.suffix == ".jsonl":
        return Format.jsonl
    raise ValueError(f"{path} is neither a PolNeAR split directory (text/, attributions/) nor a .jsonl file")


def read_corpus(
    path: Union[str, Path], nlp: Language, stats: Optional[ConversionStats] = None, fmt: Optional[Format] = None
) -> Iterator[Doc]:
    """Gold docs from a PolNeAR split directory or a JSONL file."""
    path = Path(path)
    reader = read_polnear if (fmt or detect_format(path)) == Format.polnear else read_jsonl
    return reader(path, nlp, stats)


def convert(
    input_path: Union[str, Path],
    output_path: Union[str, Path],
    nlp: Union[Language, str, None] = None,
    fmt: Optional[Format] = None,
) -> ConversionStats:
    """Write the gold docs of `input_path` to a `.spacy` DocBin at `output_path`.

    `nlp` is the pipeline (or its name) whose tokenizer is used; by default the
    base pipeline.
    """
    if not isinstance(nlp, Language):
        nlp = spacy.load(nlp or resolve_base_pipeline())
    stats = ConversionStats()
    doc_bin = DocBin(docs=read_corpus(input_path, nlp, stats, fmt), store_user_data=True)
    output_path = Path(output_path)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    doc_bin.to_disk(output_path)
    logger.info("Converted %s to %s: %s", input_path, output_path, stats)
    return stats


def convert_command(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", exists=True, help="A PolNeAR split directory or a .jsonl file.")
    ],
    output_path: Annotated[Path, typer.Argument(metavar="OUTPUT", dir_okay=False, help="The .spacy file to write.")],
    base_model: Annotated[
        Optional[str],
        typer.Option(
            "--base-model", "-b", show_default="the English base pipeline", help="Pipeline whose tokenizer to use."
        ),
    ] = None,
    fmt: Annotated[
        Optional[Format], typer.Option("--format", "-f", show_default="from INPUT", help="Input format.")
    ] = None,
) -> None:
    """Convert gold quotes (PolNeAR brat standoff or JSONL) to a .spacy DocBin."""
    try:
        stats = convert(input_path, output_path, base_model, fmt)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'INPUT'") from None
    msg.good(f"Converted {input_path} to {output_path}")
    msg.table(list(asdict(stats).items()), aligns=("l", "r"))


if __name__ == "__main__":
    typer.run(convert_command)
