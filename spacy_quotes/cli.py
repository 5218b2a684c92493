"""The `spacy-quotes` command line.

`extract` writes the quotes it finds in texts as JSON lines. More commands are added at
the bottom of this module with `app.command(NAME)(function)`.
"""

import sys
from dataclasses import dataclass
from typing import (
    Annotated,
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    Optional,
    TextIO,
)

import srsly
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .agreement import agreement_command
from .benchmark import benchmark_command
from .evaluate import evaluate_command
from .extract import InputsArgument, ModelOption, ThresholdOption, extract_quotes, load_model
from .inputs import Document, Failure, Item, read_inputs
from .render import render_command

Record = Dict[str, Any]


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


app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False)


@app.callback()
def main() -> None:
    """Find who said what in news text."""


def extract_command(
    inputs: InputsArgument,
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
    model: ModelOption = None,
    threshold: ThresholdOption = None,
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
    nlp = load_model(model, threshold)
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
app.command("agreement")(agreement_command)

if __name__ == "__main__":
    app()
