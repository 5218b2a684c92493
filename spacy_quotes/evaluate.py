"""Evaluate a quotes pipeline against gold quotes: scores and speed."""
import time
from pathlib import Path
from typing import Annotated, Callable, Dict, Iterable, List, Optional, Tuple

import srsly
import typer
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import minibatch
from wasabi import msg, table

from .component import TrainableQuoteFinder, gold_frames, trained_quotes
from .corpus import read_corpus
from .extract import ModelOption, ThresholdOption, load_model, trained_component
from .quote import get_quotes, set_quotes
from .rules import find_quotes
from .scorer import ROLES, score_quotes

# The figures a trained model is held against the rules on: P, R and F of each role, exact
# and token overlap, of content parts and of attribution.
FIGURES = [
    *(f"quotes_{role}_{match}_{metric}" for role in ROLES for match in ("exact", "token") for metric in "prf"),
    *(f"quotes_{name}_{metric}" for name in ("content_part", "attribution") for metric in "prf"),
]


def evaluate(nlp: Language, gold_docs: Iterable[Doc], *, gold_cues: bool = False) -> Dict[str, float]:
    """Run `nlp` on the texts of `gold_docs` and score its quotes against theirs.

    Besides the keys of `score_quotes`, `speed` is the pipeline's words per second.
    With `gold_cues`, the trained `quotes` component finds the sources and content of
    the gold cues instead of its own: the scores a perfect cue tagger would reach.
    """
    if gold_cues:
        return _scores(lambda gold: _with_gold_cues(nlp, gold), gold_docs)
    return _scores(lambda gold: list(nlp.pipe(doc.text for doc in gold)), gold_docs)


def evaluate_rules(nlp: Language, gold_docs: Iterable[Doc]) -> Dict[str, float]:
    """The scores of the rule engine, on the annotations of the other components of `nlp`,
    a pipeline with a trained `quotes` component: what that component is held against."""
    return _scores(lambda gold: _with_rules(nlp, gold), gold_docs)


def behind_rules(scores: Dict[str, float], rule_scores: Dict[str, float]) -> List[str]:
    """The `FIGURES` in which `scores` fall below the rules' `rule_scores`."""
    return [key for key in FIGURES if scores[key] < rule_scores[key]]


def _figure_name(key: str) -> str:
    """"content exact P" for `quotes_content_exact_p`."""
    *words, metric = key.split("_")[1:]
    return " ".join([*words, metric.upper()])


def _scores(predict: Callable[[List[Doc]], List[Doc]], gold_docs: Iterable[Doc]) -> Dict[str, float]:
    """The scores of the docs that `predict` gives for `gold_docs`, and their words per second."""
    gold = list(gold_docs)
    start = time.perf_counter()
    predicted = predict(gold)
    seconds = time.perf_counter() - start
    scores = score_quotes(Example(doc, gold_doc) for doc, gold_doc in zip(predicted, gold))
    scores["speed"] = sum(len(doc) for doc in predicted) / seconds if seconds else 0.0
    return scores


def _with_gold_cues(nlp: Language, gold: List[Doc]) -> List[Doc]:
    """The docs of `nlp` for the texts of `gold`, their quotes found by its trained `quotes`
    component for the gold cues."""
    docs, quotes = _without_trained_quotes(nlp, gold)
    for batch in minibatch(list(zip(docs, gold)), size=nlp.batch_size):
        batch_docs = [doc for doc, _ in batch]
        cues = [[frame.cue for frame in gold_frames(Example(doc, reference))] for doc, reference in batch]
        quotes.set_annotations(batch_docs, quotes.predict(batch_docs, cues))
    return docs


def _with_rules(nlp: Language, gold: List[Doc]) -> List[Doc]:
    """The docs of `nlp` for the texts of `gold`, their quotes found by the rules instead of its trained `quotes`."""
    docs, _ = _without_trained_quotes(nlp, gold)
    for doc in docs:
        set_quotes(doc, find_quotes(doc))
    return docs


def _without_trained_quotes(nlp: Language, gold: List[Doc]) -> Tuple[List[Doc], TrainableQuoteFinder]:
    """The docs of `nlp` for the texts of `gold` but for its trained `quotes` component, and that component."""
    name, quotes = trained_quotes(nlp)
    with nlp.select_pipes(disable=[name]):
        return list(nlp.pipe(doc.text for doc in gold)), quotes


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
    rows.append(["content parts", *cells("quotes_content_part"), "-", "-", "-"])
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
    model: ModelOption = None,
    threshold: ThresholdOption = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", dir_okay=False, help="Also write the scores to this JSON file.")
    ] = None,
    gold_cues: Annotated[
        bool,
        typer.Option(
            "--gold-cues", help="Give a trained model the gold cues: how well it finds their sources and content."
        ),
    ] = False,
    against_rules: Annotated[
        bool,
        typer.Option(
            "--against-rules",
            help="Also score the rule engine on the same docs: the figures in which a trained model falls behind it.",
        ),
    ] = False,
) -> None:
    """Score the quotes a pipeline finds against gold quotes."""
    nlp = load_model(model, threshold)
    for option, needs_model in (("--gold-cues", gold_cues), ("--against-rules", against_rules)):
        if needs_model:
            trained_component(nlp, option)
    try:
        gold_docs = load_gold(gold, nlp)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'GOLD'") from None
    scores: Dict = evaluate(nlp, gold_docs, gold_cues=gold_cues)
    n_quotes = sum(len(get_quotes(doc)) for doc in gold_docs)
    msg.info(f"{len(gold_docs)} docs, {n_quotes} gold quotes, {scores['speed']:.0f} words/s")
    print(format_scores(scores))
    if against_rules:
        scores["rules"] = evaluate_rules(nlp, gold_docs)
        msg.info("The rule engine, on the same docs")
        print(format_scores(scores["rules"]))
        behind = [_figure_name(key) for key in behind_rules(scores, scores["rules"])]
        if behind:
            msg.warn(f"Behind the rules in {len(behind)} of {len(FIGURES)} figures: {', '.join(behind)}")
        else:
            msg.good(f"Ahead of the rules or level in all {len(FIGURES)} figures")
    if output is not None:
        srsly.write_json(output, scores)
        msg.good(f"Scores written to {output}")


if __name__ == "__main__":
    typer.run(evaluate_command)
