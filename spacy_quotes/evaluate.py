"""Evaluate a quotes pipeline against gold quotes: scores and speed."""
import time
from pathlib import Path
from typing import Annotated, Dict, Iterable, List, Optional, Tuple

import srsly
import typer
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import minibatch
from wasabi import msg, table

from .component import TrainableQuoteFinder, gold_frames
from .corpus import read_corpus
from .pipeline import load_pipeline
from .quote import get_quotes
from .scorer import ROLES, score_quotes


def evaluate(nlp: Language, gold_docs: Iterable[Doc], *, gold_cues: bool = False) -> Dict[str, float]:
    """Run `nlp` on the texts of `gold_docs` and score its quotes against theirs.

    Besides the keys of `score_quotes`, `speed` is the pipeline's words per second.
    With `gold_cues`, the trained `quotes` component finds the sources and content of
    the gold cues instead of its own: the scores a perfect cue tagger would reach.
    """
    gold = list(gold_docs)
    start = time.perf_counter()
    predicted = _with_gold_cues(nlp, gold) if gold_cues else list(nlp.pipe(doc.text for doc in gold))
    seconds = time.perf_counter() - start
    scores = score_quotes(Example(doc, gold_doc) for doc, gold_doc in zip(predicted, gold))
    scores["speed"] = sum(len(doc) for doc in predicted) / seconds if seconds else 0.0
    return scores


def trained_quotes(nlp: Language) -> Tuple[str, TrainableQuoteFinder]:
    """The name and component of the trained `quotes` component of `nlp`."""
    for name, pipe in nlp.pipeline:
        if isinstance(pipe, TrainableQuoteFinder):
            return name, pipe
    raise ValueError("Gold cues need a pipeline with a trained quotes component, not the rule engine.")


def _with_gold_cues(nlp: Language, gold: List[Doc]) -> List[Doc]:
    """The docs of `nlp` for the texts of `gold`, their quotes found by its trained `quotes`
    component for the gold cues."""
    name, quotes = trained_quotes(nlp)
    with nlp.select_pipes(disable=[name]):
        docs = list(nlp.pipe(doc.text for doc in gold))
    for batch in minibatch(list(zip(docs, gold)), size=nlp.batch_size):
        batch_docs = [doc for doc, _ in batch]
        cues = [[frame.cue for frame in gold_frames(Example(doc, reference))] for doc, reference in batch]
        quotes.set_annotations(batch_docs, quotes.predict(batch_docs, cues))
    return docs


def load_gold(path: Path, nlp: Language) -> List[Doc]:
    """Gold docs from a `.spacy` file, a `.jsonl` file or a PolNeAR split directory."""
    if path.suffix == ".spacy":
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    return list(read_corpus(path, nlp))


def format_scores(scores: Dict[str, float]) -> str:
    """A table of the scores in percent: a row per role, exact and token P, R and F."""

    def cells(prefix: str) -> List[str]:
        return [f"{100 * scores[f'{prefix}_{metric}']:.2f}" for metric in "prf"]

    rows = [[role, *cells(f"quotes_{role}_exact"), *cells(f"quotes_{role}_token")] for role in ROLES]
    rows.append(["attribution", *cells("quotes_attribution"), "-", "-", "-"])
    header = ["", "exact P", "exact R", "exact F", "token P", "token R", "token F"]
    return table(rows, header=header, divider=True, aligns=("l", *"r" * 6))


def evaluate_command(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD", exists=True, help="Gold quotes: a .spacy file, a .jsonl file or a PolNeAR split directory."
        ),
    ],
    model: Annotated[
        Optional[str],
        typer.Option("--model", "-m", show_default="the English base pipeline", help="Pipeline package or path."),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", dir_okay=False, help="Also write the scores to this JSON file.")
    ] = None,
    gold_cues: Annotated[
        bool,
        typer.Option(
            "--gold-cues", help="Give a trained model the gold cues: how well it finds their sources and content."
        ),
    ] = False,
) -> None:
    """Score the quotes a pipeline finds against gold quotes."""
    nlp = load_pipeline(model)
    if gold_cues:
        try:
            trained_quotes(nlp)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--gold-cues'") from None
    try:
        gold_docs = load_gold(gold, nlp)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'GOLD'") from None
    scores = evaluate(nlp, gold_docs, gold_cues=gold_cues)
    n_quotes = sum(len(get_quotes(doc)) for doc in gold_docs)
    msg.info(f"{len(gold_docs)} docs, {n_quotes} gold quotes, {scores['speed']:.0f} words/s")
    print(format_scores(scores))
    if output is not None:
        srsly.write_json(output, scores)
        msg.good(f"Scores written to {output}")


if __name__ == "__main__":
    typer.run(evaluate_command)
