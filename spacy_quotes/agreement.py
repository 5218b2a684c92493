"""Agreement between annotators: how well one annotator's quotes score against another's.

PolNeAR had some articles annotated by every annotator. Scoring each annotator against
each other one, with the scorer that scores models, tells how far exact spans are a
matter of convention: a ceiling for any model trained on the corpus.
"""
from pathlib import Path
from typing import Annotated, Dict, Iterable, List, Optional

import spacy
import srsly
import typer
from spacy.tokens import Doc
from spacy.training import Example
from wasabi import msg

from .corpus import read_polnear_annotators
from .evaluate import format_scores
from .scorer import score_quotes


def agreement(annotations: Iterable[List[Doc]]) -> Dict[str, float]:
    """The scores of every annotator's quotes against every other annotator's, of the same text.

    Each item of `annotations` holds the gold docs of one text, one per annotator. All
    ordered pairs count, so precision and recall are equal and the F-score is
    symmetric, micro-averaged over the pairs.
    """
    examples = [
        Example(predicted, reference)
        for docs in annotations
        for i, reference in enumerate(docs)
        for j, predicted in enumerate(docs)
        if i != j
    ]
    return score_quotes(examples)


def agreement_command(
    split_dir: Annotated[
        Path,
        typer.Argument(
            metavar="SPLIT_DIR", exists=True, file_okay=False, help="A PolNeAR split directory (text/, attributions/)."
        ),
    ],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", dir_okay=False, help="Also write the scores to this JSON file.")
    ] = None,
) -> None:
    """Score the annotators of the articles annotated more than once against each other."""
    annotations = list(read_polnear_annotators(split_dir, spacy.blank("en")))
    if not annotations:
        raise typer.BadParameter("no article in it has more than one annotation file", param_hint="'SPLIT_DIR'")
    scores = agreement(annotations)
    n_pairs = sum(len(docs) * (len(docs) - 1) for docs in annotations)
    msg.info(f"{len(annotations)} articles annotated more than once, {n_pairs} ordered pairs of annotators")
    print(format_scores(scores))
    if output is not None:
        srsly.write_json(output, scores)
        msg.good(f"Scores written to {output}")


if __name__ == "__main__":
    typer.run(agreement_command)
