"""The quote scorer on hand-built examples, and the evaluation around it."""
import json
from pathlib import Path
from typing import List, Optional, Sequence

import pytest
import spacy
import srsly
import typer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry
from typer.testing import CliRunner

from spacy_quotes import extract as extract_module
from spacy_quotes.evaluate import FIGURES, behind_rules, evaluate, evaluate_command, format_scores
from spacy_quotes.quote import Quote, set_quotes
from spacy_quotes.scorer import score_quotes

TEXT = "Ann Lee said the port will close. “It is over,” Bob Ray said. Sales fell, analysts said."


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def span(doc: Doc, phrase: str, occurrence: int = 0):
    """The span of the `occurrence`-th `phrase` in the doc's text."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    return doc.char_span(start, start + len(phrase))


def quote(doc: Doc, content: Sequence[str], cue: Optional[str], cue_at: int, source: Optional[str]) -> Quote:
    return Quote(
        content=tuple(span(doc, part) for part in content),
        cue=span(doc, cue, cue_at) if cue else None,
        speaker=span(doc, source) if source else None,
        speaker_name=None,
        role=None,
        type="indirect",
        score=1.0,
        method="test",
    )


def annotated(doc: Doc, quotes: List[Quote]) -> Doc:
    set_quotes(doc, quotes)
    return doc


def predict(doc: Doc) -> Doc:
    """The first gold quote exactly, the second partly, and a spurious third."""
    return annotated(
        doc,
        [
            quote(doc, ["the port will close"], "said", 0, "Ann Lee"),
            quote(doc, ["It is over,”"], "said", 1, "Ray"),
            quote(doc, ["Sales fell"], "said", 2, None),
        ],
    )


@pytest.fixture
def gold(blank: Language) -> Doc:
    doc = blank(TEXT)
    return annotated(
        doc,
        [
            quote(doc, ["the port will close"], "said", 0, "Ann Lee"),
            quote(doc, ["“It is over,”"], "said", 1, "Bob Ray"),
        ],
    )


@pytest.fixture
def example(blank: Language, gold: Doc) -> Example:
    return Example(predict(blank(TEXT)), gold)


def test_scores_by_hand(example: Example) -> None:
    scores = score_quotes([example])
    expected = {
        # contents: 1 of 3 predicted exact, 1 of 2 gold found
        "quotes_content_exact": (1 / 3, 1 / 2),
        # content tokens: predicted 4 + 5 + 2, gold 4 + 6, shared 4 + 5
        "quotes_content_token": (9 / 11, 9 / 10),
        "quotes_cue_exact": (2 / 3, 1.0),
        "quotes_cue_token": (2 / 3, 1.0),
        "quotes_source_exact": (1 / 2, 1 / 2),
        # source tokens: predicted Ann Lee + Ray, gold Ann Lee + Bob Ray
        "quotes_source_token": (1.0, 3 / 4),
        "quotes_attribution": (1 / 3, 1 / 2),
        # one line each: content parts are scored as contents are
        "quotes_content_part": (1 / 3, 1 / 2),
    }
    for prefix, (p, r) in expected.items():
        assert scores[f"{prefix}_p"] == pytest.approx(p), prefix
        assert scores[f"{prefix}_r"] == pytest.approx(r), prefix
        assert scores[f"{prefix}_f"] == pytest.approx(2 * p * r / (p + r)), prefix
    assert len(scores) == 24


def test_tokenisation_of_the_prediction_does_not_matter(blank: Language, gold: Doc, example: Example) -> None:
    predicted = blank(TEXT)
    with predicted.retokenize() as retokenizer:
        retokenizer.merge(span(predicted, "port will"))
    assert score_quotes([Example(predict(predicted), gold)]) == score_quotes([example])


def test_source_must_match_for_attribution(blank: Language) -> None:
    gold = blank(TEXT)
    gold = annotated(gold, [quote(gold, ["Sales fell"], "said", 2, None)])
    predicted = blank(TEXT)
    predicted = annotated(predicted, [quote(predicted, ["Sales fell"], "said", 2, "analysts")])
    scores = score_quotes([Example(predicted, gold)])
    assert scores["quotes_content_exact_f"] == 1.0
    assert scores["quotes_attribution_f"] == 0.0


def test_content_parts_are_cut_at_line_breaks(blank: Language) -> None:
    text = "Ann Lee said the port will close.\n\nIt will reopen in May, she said."
    gold = blank(text)
    gold = annotated(gold, [quote(gold, ["the port will close.\n\nIt will reopen in May"], "said", 0, "Ann Lee")])
    predicted = blank(text)
    predicted = annotated(predicted, [quote(predicted, ["the port will close."], "said", 0, "Ann Lee")])
    scores = score_quotes([Example(predicted, gold)])
    assert scores["quotes_content_exact_f"] == 0.0
    # gold parts: "the port will close." and "It will reopen in May"; the first is found
    assert (scores["quotes_content_part_p"], scores["quotes_content_part_r"]) == (1.0, 0.5)


def test_missing_annotation(blank: Language, example: Example) -> None:
    unannotated = Example(example.predicted, blank(TEXT))
    assert set(score_quotes([unannotated]).values()) == {0.0}
    no_predictions = Example(blank(TEXT), example.reference)
    scores = score_quotes([no_predictions, unannotated])
    assert scores["quotes_content_exact_p"] == scores["quotes_content_exact_r"] == 0.0
    assert set(score_quotes([]).values()) == {0.0}


def test_registered_scorer() -> None:
    assert registry.scorers.get("spacy_quotes.quote_scorer.v1")() is score_quotes


def test_evaluate_runs_the_pipeline(blank: Language, example: Example) -> None:
    scores = evaluate(blank, [example.reference])  # a blank pipeline predicts no quotes
    assert scores["quotes_content_exact_r"] == 0.0
    assert scores["speed"] > 0
    table = format_scores(scores)
    rows = [line.split()[0] for line in table.strip().splitlines()[2:]]
    assert rows == ["content", "cue", "source", "content", "attribution"]


def test_evaluate_command(nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "load_pipeline", lambda name=None: nlp)
    text = '"We will win," Senator Ana Ruiz said.'
    gold = {"id": "one", "text": text, "quotes": [{"content": [[0, 14]], "cue": [31, 35], "source": [15, 30]}]}
    srsly.write_jsonl(tmp_path / "gold.jsonl", [gold])
    app = typer.Typer()
    app.command()(evaluate_command)
    output = tmp_path / "scores.json"
    result = CliRunner().invoke(app, [str(tmp_path / "gold.jsonl"), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "attribution" in result.output
    scores = json.loads(output.read_text())
    assert scores["quotes_cue_exact_f"] == 1.0
    (tmp_path / "broken.jsonl").write_text('{"text": "He said so."}\n{broken\n', encoding="utf-8")
    result = CliRunner().invoke(app, [str(tmp_path / "broken.jsonl")])
    assert result.exit_code == 2 and "Invalid JSON on line 2" in result.output
    for option in ("--gold-cues", "--against-rules"):
        result = CliRunner().invoke(app, [str(tmp_path / "gold.jsonl"), option])
        assert result.exit_code == 2 and "needs a pipeline with a trained" in result.output and option in result.output


def test_behind_rules_names_the_figures_below_the_rules() -> None:
    rules = dict.fromkeys(FIGURES, 0.5)
    model = {**rules, "quotes_cue_exact_p": 0.4, "quotes_source_token_r": 0.6, "speed": 0.0}
    assert behind_rules(model, rules) == ["quotes_cue_exact_p"]
    assert len(FIGURES) == 24 and all(key in score_quotes([]) for key in FIGURES)
