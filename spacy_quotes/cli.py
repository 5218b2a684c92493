"""The `spacy-quotes` command line.

`extract` writes the quotes it finds in texts as JSON lines. More commands are added at
the bottom of this module with `app.command(NAME)(function)`.
"""

import re
import sys
from dataclasses import dataclass
from itertools import groupby
from typing import (
    Annotated,
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    NamedTuple,
    Optional,
    TextIO,
    Tuple,
)

import srsly
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from spacy.language import Language

from .benchmark import benchmark_command
from .evaluate import evaluate_command
from .inputs import Document, Failure, Item, read_inputs
from .pipeline import BasePipelineNotFound, load_pipeline
from .render import render_command

Record = Dict[str, Any]

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


def _documents(items: Iterable[Item], on_failure: Callable[[Failure], None]) -> Iterator[Document]:
    """The documents among `items`; each failure goes to `on_failure` as it comes."""
    for item in items:
        if isinstance(item, Failure):
            on_failure(item)
        else:
            yield item


@dataclass
class _Tally:
    """Counts of an `extract` run; failures are reported on stderr and to `errors`."""

    errors: Optional[TextIO] = None
    documents: int = 0
    quotes: int = 0
    failures: int = 0

    def fail(self, failure: Failure) -> None:
        self.failures += 1
        print(failure, file=sys.stderr)
        if self.errors is not None:
            print(srsly.json_dumps(failure.to_dict()), file=self.errors)

    def __str__(self) -> str:
        return f"Documents: {self.documents}, quotes: {self.quotes}, failures: {self.failures}"


def _progress(output: TextIO) -> Progress:
    """A progress display on stderr, shown when that is a terminal the output does not go to."""
    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.completed:.0f} documents, {task.fields[quotes]} quotes"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal or output.isatty(),
    )


def _load(model: Optional[str]) -> Language:
    try:
        return load_pipeline(model)
    except (OSError, BasePipelineNotFound) as error:
        raise typer.BadParameter(str(error), param_hint="'--model'") from None


app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False)


@app.callback()
def main() -> None:
    """Find who said what in news text."""


def extract_command(
    inputs: Annotated[
        List[str],
        typer.Argument(
            metavar="INPUT",
            help="Text files, directories (searched for .txt files), .jsonl files, or - for stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        typer.FileTextWrite,
        typer.Option(
            "--output",
            "-o",
            lazy=False,
            encoding="utf-8",
            show_default="stdout",
            help="JSONL file for the quotes.",
        ),
    ] = "-",
    model: Annotated[
        Optional[str],
        typer.Option(
            "--model",
            "-m",
            show_default="the English base pipeline",
            help="Pipeline package or path.",
        ),
    ] = None,
    batch_size: Annotated[
        Optional[int], typer.Option(min=1, show_default="the pipeline's", help="Texts per batch.")
    ] = None,
    n_process: Annotated[int, typer.Option(help="Processes to run; -1 for one per CPU.")] = 1,
    max_length: Annotated[
        Optional[int],
        typer.Option(
            min=1,
            show_default="the pipeline's max_length",
            help="Process longer texts in chunks of this size.",
        ),
    ] = None,
    errors: Annotated[
        Optional[typer.FileTextWrite],
        typer.Option(
            lazy=False, encoding="utf-8", help="Also record each failure in this JSONL file."
        ),
    ] = None,
) -> None:
    """Find the quotes in texts and write one JSON line per quote.

    Exits with 1 when any input could not be read, after processing all the others.
    """
    nlp = _load(model)
    if max_length:
        nlp.max_length = max_length
    tally = _Tally(errors)
    documents = _documents(read_inputs(inputs), tally.fail)
    with _progress(output) as progress:
        task = progress.add_task("extract", quotes=0)
        for _, records in extract_quotes(
            nlp, documents, batch_size=batch_size, n_process=n_process
        ):
            output.writelines(srsly.json_dumps(record) + "\n" for record in records)
            tally.documents += 1
            tally.quotes += len(records)
            progress.update(task, completed=tally.documents, quotes=tally.quotes)
    print(tally, file=sys.stderr)
    if tally.failures:
        raise typer.Exit(1)


app.command("extract")(extract_command)
app.command("evaluate")(evaluate_command)
app.command("render")(render_command)
app.command("benchmark")(benchmark_command)

if __name__ == "__main__":
    app()
