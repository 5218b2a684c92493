"""The `quotes` component: the rule engine by default, the trainable model's layers and its cue and tag decoding."""
from pathlib import Path

import numpy
import pytest
import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from spacy_quotes.component import QuoteFinder, TrainableQuoteFinder
from spacy_quotes.features import cue_word, paragraph_ids, quote_mark, rule_role, token_features
from spacy_quotes.model import (
    B_CONTENT,
    B_CUE,
    B_SOURCE,
    I_CONTENT,
    I_CUE,
    IN_CUE,
    IN_HEAD_CLAUSE,
    N_POSITIONS,
    CueWindows,
    O,
    bio_spans,
    cue_windows,
    decode_cues,
    decode_roles,
    runs,
)
from spacy_quotes.pipeline import resolve_base_pipeline
from spacy_quotes.quote import get_quotes
from spacy_quotes.rules import find_quotes
from spacy_quotes.scorer import score_quotes

SAMPLE = Path(__file__).parent.parent / "corpus" / "sample.jsonl"
CONFIG = Path(__file__).parent.parent / "configs" / "quotes_cnn.cfg"


@pytest.fixture(scope="module")
def texts():
    return [record["text"] for record in srsly.read_jsonl(SAMPLE)]


@pytest.fixture(scope="module")
def model_config():
    """The `quotes` component's model block in the CNN training config."""
    return {"model": spacy.util.load_config(CONFIG, interpolate=True)["components"]["quotes"]["model"]}


# The rule engine ---------------------------------------------------------------------


def test_default_quotes_is_the_rule_engine(nlp: Language, texts):
    assert isinstance(nlp.get_pipe("quotes"), QuoteFinder)
    assert nlp.get_pipe_config("quotes")["model"] is None
    for doc in nlp.pipe(texts):
        expected = [quote.to_dict() for quote in find_quotes(doc)]
        assert [quote.to_dict() for quote in get_quotes(doc)] == expected
    assert any(get_quotes(doc) for doc in nlp.pipe(texts))


def test_rule_engine_scores_with_the_quote_scorer(nlp: Language):
    doc = nlp("“We will win,” Smith said.")
    scores = nlp.get_pipe("quotes").score([Example(doc, doc)])
    assert scores["quotes_attribution_f"] == 1.0


def test_model_config_makes_a_trainable_component(model_config):
    assert isinstance(spacy.blank("en").add_pipe("quotes", config=model_config), TrainableQuoteFinder)


# Features ----------------------------------------------------------------------------


def test_quote_mark_states(nlp: Language):
    doc = nlp.make_doc("He said “we won” today.")
    assert dict(zip([t.text for t in doc], quote_mark(doc).tolist())) == {
        "He": 0, "said": 0, "“": 1, "we": 2, "won": 2, "”": 3, "today": 0, ".": 0
    }


def test_cue_word_bits(nlp: Language):
    doc = nlp("According to Smith, she denied it and wants more.")
    bits = dict(zip([t.text for t in doc], cue_word(doc).tolist()))
    assert bits["According"] == 16
    assert bits["denied"] & 1 and bits["denied"] & 2  # a speech verb and an object cue
    assert bits["wants"] & 4  # an intent cue
    assert bits["Smith"] == 0


def test_rule_role_marks_the_rules_quotes(nlp: Language):
    doc = nlp("“We will win,” Smith said.")
    quote = find_quotes(doc)[0]
    roles = rule_role(doc)
    assert roles[quote.cue.start] == 1 + 3 and roles[quote.speaker.start] == 2 + 3
    assert set(roles[quote.content[0].start + 1 : quote.content[0].end].tolist()) == {3}
    assert not rule_role(nlp.make_doc("No parse here.")).any()


def test_token_features_columns(nlp: Language):
    doc = nlp("He said “yes”.")
    features = token_features(doc, ["POS", "quote_mark"])
    assert features.shape == (len(doc), 2)
    assert features[:, 0].tolist() == doc.to_array("POS").tolist()


def test_paragraph_ids_count_line_breaks(nlp: Language):
    doc = nlp.make_doc("One.\n\nTwo three.\nFour")
    assert paragraph_ids(doc).tolist() == [0, 0, 0, 1, 1, 1, 1, 2]


# Windows and decoding -------------------------------------------------------------------


def test_runs_and_bio_spans():
    assert runs(numpy.array([1, 1, 0, 1], dtype=bool)).tolist() == [[0, 2], [3, 4]]
    tags = numpy.array([0, B_CUE, I_CUE, B_CUE, I_CUE, 0, I_CUE, I_CUE])
    assert bio_spans(tags, B_CUE, I_CUE).tolist() == [[1, 3], [3, 5], [6, 8]]
    starts = numpy.zeros(len(tags), dtype=bool)
    starts[7] = True
    assert bio_spans(tags, B_CUE, I_CUE, starts).tolist() == [[1, 3], [3, 5], [6, 7], [7, 8]]


def test_cue_windows_stay_in_the_paragraph_and_the_size(nlp: Language):
    first = nlp.make_doc("Intro.\nA b c d e f g h i j k said l m n o p q r s.\nNext paragraph here.")
    second = nlp.make_doc("x y said z")
    said = [t.i for t in first if t.text == "said"][0]
    windows = cue_windows([first, second], [[(said, said + 1)], [(2, 3)]], size=5)
    offset = len(first)
    assert windows.bounds.tolist() == [[said - 5, said + 6], [offset, offset + 4]]
    assert windows.rows.tolist() == list(range(said - 5, said + 6)) + list(range(offset, offset + 4))
    assert windows.owners.tolist() == [0] * 11 + [1] * 4
    positions = windows.relations[:, 0]
    assert positions.min() >= 0 and positions.max() < N_POSITIONS
    cue_row = windows.rows.tolist().index(said)
    before, at, after = positions[cue_row - 1 : cue_row + 2]
    assert len({before, at, after}) == 3
    assert windows.window_starts.tolist() == [True] + [False] * 10 + [True] + [False] * 3


def relations_to(doc: Doc, cue: str) -> dict:
    """Each token's syntax relation to the first token `cue`, in a window of the whole doc."""
    i = [t.text for t in doc].index(cue)
    windows = cue_windows([doc], [[(i, i + 1)]], size=len(doc))
    return dict(zip([t.text for t in doc], windows.relations[:, 1].tolist()))


def test_cue_syntax_relates_tokens_to_the_cue(nlp: Language):
    doc = nlp("The minister said that taxes would not rise, he added.")
    strings = doc.vocab.strings
    relation = relations_to(doc, "said")
    assert relation["The"] == relation["minister"] == strings["nsubj"]
    assert relation["taxes"] == relation["rise"] == strings["ccomp"]
    assert relation["said"] == IN_CUE
    relation = relations_to(doc, "added")
    assert relation["taxes"] == relation["said"] == strings[doc[2].dep_] and relation["he"] == strings["nsubj"]
    relation = relations_to(nlp("Taxes will rise next year, according to the minister."), "according")
    assert relation["Taxes"] == relation["year"] == IN_HEAD_CLAUSE and relation["minister"] == strings["prep"]


def test_decode_cues_keeps_docs_apart(nlp: Language):
    docs = [nlp.make_doc("a said"), nlp.make_doc("told b")]
    tags = [0, B_CUE, I_CUE, 0]  # the second doc's I_CUE begins a cue of its own
    scores = numpy.eye(3)[tags]
    assert decode_cues(docs, scores) == [[(1, 2)], [(0, 1)]]


def test_decode_cues_finds_the_likeliest_well_formed_tags(nlp: Language):
    doc = nlp.make_doc("She has said that it is said")
    scores = numpy.asarray(
        [
            [1.0, 0.0, 0.0],
            [0.05, 0.9, 0.05],
            [0.15, 0.05, 0.8],
            [0.5, 0.05, 0.45],  # likeliest outside, but then "it" could only begin a cue
            [0.05, 0.05, 0.9],
            [1.0, 0.0, 0.0],
            [0.35, 0.2, 0.45],  # likeliest inside a cue, but no cue goes on here
        ]
    )
    assert decode_cues([doc], scores) == [[(1, 5)]]


def test_decode_cues_takes_a_begin_tag_after_a_cue_as_going_on_with_it(nlp: Language):
    doc = nlp.make_doc("Politifact then ruled that")
    tags = [0, B_CUE, B_CUE, 0]
    assert decode_cues([doc], numpy.eye(3)[tags]) == [[(1, 3)]]


def test_decode_roles_finds_the_likeliest_well_formed_tags_of_each_window():
    cues, bounds = numpy.asarray([[0, 1], [10, 11]]), numpy.asarray([[0, 4], [10, 12]])
    rows, owners = numpy.asarray([0, 1, 2, 3, 10, 11]), numpy.asarray([0, 0, 0, 0, 1, 1])
    windows = CueWindows(cues, bounds, rows, owners, relations=numpy.zeros((6, 2), dtype="uint64"))
    probs = numpy.full((6, 5), 0.01)
    # The likeliest tag of each token is I-CONTENT right after B-SOURCE; the best
    # well-formed sequence begins the content instead.
    probs[0, B_SOURCE] = probs[1, I_CONTENT] = probs[2, I_CONTENT] = probs[3, O] = 0.9
    probs[1, B_CONTENT] = 0.8
    # A window may begin inside a span.
    probs[4, I_CONTENT] = probs[5, I_CONTENT] = 0.9
    tags = decode_roles(windows, numpy.log(probs))
    assert tags.tolist() == [B_SOURCE, B_CONTENT, I_CONTENT, O, I_CONTENT, I_CONTENT]


def test_untrained_model_predicts_well_formed_quotes(texts, model_config):
    """Whatever an (initialised, untrained) model predicts is stored as valid quotes."""
    pipeline = spacy.load(resolve_base_pipeline())
    quotes = pipeline.add_pipe("quotes", config={**model_config, "fill_from_rules": False})
    docs = list(pipeline.pipe(texts, disable=["quotes"]))
    quotes.initialize(lambda: [Example(doc, doc) for doc in docs], nlp=pipeline)
    for doc in quotes.pipe(docs):
        assert isinstance(doc, Doc)
        for quote in get_quotes(doc):
            assert quote.method == "model" and quote.content and quote.cue is not None
    assert set(score_quotes([Example(doc, doc) for doc in docs])) >= {"quotes_attribution_f"}


def test_trained_component_fills_from_the_rules_unless_told_not_to(texts, model_config):
    pipeline = spacy.load(resolve_base_pipeline())
    docs = list(pipeline.pipe(texts))
    for fill in (True, False):
        quotes = pipeline.add_pipe("quotes", name=f"quotes_{fill}", config={**model_config, "fill_from_rules": fill})
        quotes.initialize(lambda: [Example(doc, doc) for doc in docs], nlp=pipeline)
        methods = {quote.method for doc in quotes.pipe(docs) for quote in get_quotes(doc)}
        assert any(method.startswith("rules.") for method in methods) == fill
