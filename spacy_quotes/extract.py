"""Quotes from documents as JSON records, in chunks for texts longer than `nlp.max_length`."""
import re
from itertools import groupby
from typing import Annotated, Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Tuple

import typer
from spacy.language import Language

from .component import TrainableQuoteFinder, trained_quotes
from .inputs import Document
from .pipeline import BasePipelineNotFound, load_pipeline

Record = Dict[str, Any]

# The command-line arguments that every command reading texts shares.
InputsArgument = Annotated[
    List[str],
    typer.Argument(
        metavar="INPUT",
        help="Text files, directories (searched for .txt files), .jsonl files, or - for stdin.",
        show_default=False,
    ),
]
ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", "-m", show_default="the English base pipeline", help="Pipeline package or path."),
]
ThresholdOption = Annotated[
    Optional[float],
    typer.Option(
        min=0.0,
        show_default="the model's config",
        help="Drop the quotes a trained model scores below this: higher for precision, lower for recall.",
    ),
]

# Where a long text may be cut, coarsest first: blank lines, line breaks, sentence ends
# and whitespace. A cut goes after the match, so a chunk starts where a paragraph does.
CHUNK_BOUNDARIES = tuple(
    re.compile(pattern) for pattern in (r"\n[^\S\n]*\n\s*", r"\n", r"[.!?][\"'”’)\]]*\s+", r"\s+")
)


def chunk_text(text: str, max_length: int) -> Iterator[Tuple[int, str]]:
    """Split `text` into consecutive `(offset, chunk)` pairs of at most `max_length` characters.

    Chunks hold whole paragraphs where they fit; a longer paragraph is cut at line breaks,
    then sentence ends, then whitespace, and only as a last resort anywhere.
    """
    start = end = 0
    for piece_start, piece_end in _pieces(text, 0, len(text), max_length):
        if piece_end - start > max_length:
            yield start, text[start:end]
            start = piece_start
        end = piece_end
    yield start, text[start:end]


def _pieces(
    text: str, start: int, end: int, max_length: int, level: int = 0
) -> Iterator[Tuple[int, int]]:
    """Consecutive spans covering `text[start:end]`, each cut at the coarsest boundary that fits."""
    if end - start <= max_length:
        yield start, end
    elif level == len(CHUNK_BOUNDARIES):
        for cut in range(start, end, max_length):
            yield cut, min(cut + max_length, end)
    else:
        cuts = [match.end() for match in CHUNK_BOUNDARIES[level].finditer(text, start, end)]
        bounds = [start, *(cut for cut in cuts if cut < end), end]
        for piece_start, piece_end in zip(bounds, bounds[1:]):
            yield from _pieces(text, piece_start, piece_end, max_length, level + 1)


class _Chunk(NamedTuple):
    """Where a chunk of text comes from: its document's position and id, and its offset."""

    number: int
    doc_id: str
    offset: int


def extract_quotes(
    nlp: Language,
    documents: Iterable[Document],
    *,
    batch_size: Optional[int] = None,
    n_process: int = 1,
) -> Iterator[Tuple[str, List[Record]]]:
    """Yield each document's id and its quotes as JSON records, in input order.

    A document longer than `nlp.max_length` is processed in chunks (see `chunk_text`);
    offsets always index the document's full text and `quote_index` counts across chunks.
    """
    chunks = (
        (chunk, _Chunk(number, doc.id, offset))
        for number, doc in enumerate(documents)
        for offset, chunk in chunk_text(doc.text, nlp.max_length)
    )
    processed = nlp.pipe(chunks, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for (_, doc_id), doc_chunks in groupby(
        processed, key=lambda pair: (pair[1].number, pair[1].doc_id)
    ):
        quotes = [
            quote.to_dict(chunk.offset) for doc, chunk in doc_chunks for quote in doc._.quotes
        ]
        yield doc_id, [
            {"doc_id": doc_id, "quote_index": i, **quote} for i, quote in enumerate(quotes)
        ]


def load_model(model: Optional[str], threshold: Optional[float] = None) -> Language:
    """The pipeline `--model` names, or the base pipeline, with the `--threshold` of its trained
    `quotes` component; a bad name, or a threshold for the rule engine, is a usage error."""
    try:
        nlp = load_pipeline(model)
    except (OSError, BasePipelineNotFound) as error:
        raise typer.BadParameter(str(error), param_hint="'--model'") from None
    if threshold is not None:
        trained_component(nlp, "--threshold").threshold = threshold
    return nlp


def trained_component(nlp: Language, option: str) -> TrainableQuoteFinder:
    """The trained `quotes` component of `nlp`, which `option` needs; without one, a usage error."""
    try:
        return trained_quotes(nlp)[1]
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None
