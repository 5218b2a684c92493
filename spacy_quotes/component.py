"""The `quotes` pipeline component: the rule engine, or a model trained on gold quotes."""
from itertools import islice
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy
from spacy.language import Language
from spacy.pipeline import Pipe, TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples, validate_get_examples
from spacy.vocab import Vocab
from thinc.api import CategoricalCrossentropy, Model, Optimizer, set_dropout_rate
from thinc.types import Floats2d, Ints1d

from .frames import (
    Frame,
    argument_tags,
    decode_frames,
    fill_free_tokens,
    to_quotes,
    without_conflicts,
    without_loose_end,
)
from .model import B_CUE, I_CUE, CueWindows, QuoteInputs, QuoteScores, TokenSpan
from .quote import QUOTES_KEY, Quote, get_quotes, install_extensions, set_quotes
from .rules import find_quotes
from .scorer import score_quotes

# What `spacy train` maximises: quotes attributed right, and their content, cue and source.
SCORE_WEIGHTS = {
    "quotes_attribution_f": 0.4,
    "quotes_content_token_f": 0.2,
    "quotes_cue_exact_f": 0.2,
    "quotes_source_exact_f": 0.2,
    "quotes_content_exact_f": 0.0,
}


@Language.factory(
    "quotes",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
    default_config={
        "model": None,
        "threshold": 0.5,
        "fill_from_rules": True,
        "scorer": {"@scorers": "spacy_quotes.quote_scorer.v1"},
    },
    default_score_weights=SCORE_WEIGHTS,
)
def make_quote_finder(
    nlp: Language,
    name: str,
    model: Optional[Model[QuoteInputs, QuoteScores]],
    threshold: float,
    fill_from_rules: bool,
    scorer: Optional[Callable],
) -> Union["QuoteFinder", "TrainableQuoteFinder"]:
    """Create a `quotes` component: the rule engine, or with a `model` (such as
    `spacy_quotes.QuoteTagger.v1`) a component that learns from gold quotes.

    With a model, quotes scored below `threshold` are dropped, and `fill_from_rules`
    adds the rules' quotes whose tokens the model's quotes leave free (see
    `fill_free_tokens`).
    """
    if model is None:
        return QuoteFinder(nlp, name, scorer=scorer)
    return TrainableQuoteFinder(
        nlp.vocab, model, name, threshold=threshold, fill_from_rules=fill_from_rules, scorer=scorer
    )


class QuoteFinder(Pipe):
    """Find direct, indirect and mixed quotations and who said them, with rules.

    The quotes are stored in `doc.spans["quotes"]` and read through `doc._.quotes`.
    """

    def __init__(self, nlp: Language, name: str = "quotes", *, scorer: Optional[Callable] = score_quotes) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.scorer = scorer
        install_extensions()

    def __call__(self, doc: Doc) -> Doc:
        set_quotes(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> List[Quote]:
        return find_quotes(doc)


class TrainableQuoteFinder(TrainablePipe):
    """Find quotations with a model that tags cues, then each cue's source and content.

    It learns from the gold quotes in `doc.spans["quotes"]` and writes its own there,
    like the rules: see `model.py` for the model and `frames.py` for its decoding.
    Quotes it scores below `threshold` are dropped; with `fill_from_rules` the rules'
    quotes take the tokens its own leave free.
    """

    def __init__(
        self,
        vocab: Vocab,
        model: Model[QuoteInputs, QuoteScores],
        name: str = "quotes",
        *,
        threshold: float = 0.5,
        fill_from_rules: bool = True,
        scorer: Optional[Callable] = score_quotes,
    ) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.threshold = threshold
        self.fill_from_rules = fill_from_rules
        self.scorer = scorer
        self.cfg: Dict = {}
        self.loss = CategoricalCrossentropy(normalize=False)
        install_extensions()

    def predict(self, docs: Iterable[Doc], cues: Optional[List[List[TokenSpan]]] = None) -> QuoteScores:
        """Score the docs' tokens as cues, and their windows as arguments of the cues the model
        finds, or of each doc's given `cues` (such as gold ones, to score the arguments alone)."""
        return self.model.predict((list(docs), cues))

    def set_annotations(self, docs: Iterable[Doc], scores: QuoteScores) -> None:
        docs = list(docs)
        rule_quotes = [find_quotes(doc) for doc in docs]
        for doc, frames, rules in zip(docs, decode_frames(docs, scores, rule_quotes), rule_quotes):
            likely = [frame for frame in frames if frame.score >= self.threshold]
            kept = [without_loose_end(frame, doc) for frame in without_conflicts(likely, len(doc))]
            quotes = to_quotes(doc, kept)
            set_quotes(doc, fill_free_tokens(quotes, rules, len(doc)) if self.fill_from_rules else quotes)

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Optional[Optimizer] = None,
        losses: Optional[Dict[str, float]] = None,
    ) -> Dict[str, float]:
        """Learn from a batch: the model tags arguments for the gold cues (teacher forcing)."""
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        validate_examples(examples, "TrainableQuoteFinder.update")
        examples = [eg for eg in examples if QUOTES_KEY in eg.reference.spans]
        if not any(len(eg.predicted) for eg in examples):
            return losses
        docs = [eg.predicted for eg in examples]
        frames = [gold_frames(eg) for eg in examples]
        set_dropout_rate(self.model, drop)
        gold_cues = [[frame.cue for frame in doc_frames] for doc_frames in frames]
        scores, backprop = self.model.begin_update((docs, gold_cues))
        loss, d_scores = self._loss(docs, frames, scores)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores: QuoteScores) -> Tuple[float, Tuple[Floats2d, Floats2d]]:
        """The loss and its gradient, for scores of the examples' predicted docs with their gold cues."""
        examples = list(examples)
        return self._loss([eg.predicted for eg in examples], [gold_frames(eg) for eg in examples], scores)

    def _loss(
        self, docs: Sequence[Doc], frames: Sequence[List[Frame]], scores: QuoteScores
    ) -> Tuple[float, Tuple[Floats2d, Floats2d]]:
        cue_truth, role_truth = _targets(docs, frames, scores.windows)
        ops = self.model.ops
        d_cues, loss = self.loss(scores.cues, ops.asarray1i(cue_truth))
        d_roles = ops.alloc2f(*scores.roles.shape)
        if len(role_truth):
            d_roles, role_loss = self.loss(scores.roles, ops.asarray1i(role_truth))
            loss += role_loss
        return float(loss), (d_cues, d_roles)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None) -> None:
        """Initialise the model's shapes on a few of the examples' docs."""
        validate_get_examples(get_examples, "TrainableQuoteFinder.initialize")
        docs = [eg.predicted for eg in islice(get_examples(), 10)]
        self.model.initialize(X=(docs, None))


def trained_quotes(nlp: Language) -> Tuple[str, TrainableQuoteFinder]:
    """The name and component of the trained `quotes` component of `nlp`."""
    for name, pipe in nlp.pipeline:
        if isinstance(pipe, TrainableQuoteFinder):
            return name, pipe
    raise ValueError("This needs a pipeline with a trained quotes component, not the rule engine.")


def gold_frames(example: Example) -> List[Frame]:
    """The gold quotes of `example` that have a cue, aligned to the tokens of its predicted doc."""
    doc = example.predicted
    frames = []
    for quote in get_quotes(example.reference):
        cue = _align(doc, quote.cue)
        content = tuple(span for span in (_align(doc, part) for part in quote.content) if span is not None)
        if cue is not None and content:
            frames.append(Frame(cue, _align(doc, quote.speaker), content))
    return frames


def _align(doc: Doc, span: Optional[Span]) -> Optional[TokenSpan]:
    aligned = doc.char_span(span.start_char, span.end_char, alignment_mode="expand") if span is not None else None
    return (aligned.start, aligned.end) if aligned is not None and len(aligned) else None


def _targets(docs: Sequence[Doc], frames: Sequence[List[Frame]], windows: CueWindows) -> Tuple[Ints1d, Ints1d]:
    """The gold cue tag of each token, and the gold argument tag of each window row.

    The windows belong to the gold cues, in the order of `frames`.
    """
    offsets = numpy.cumsum([0] + [len(doc) for doc in docs])
    cue_truth = numpy.zeros(offsets[-1], dtype="int32")
    role_truth = numpy.zeros(len(windows.rows), dtype="int32")
    flat = [(offset, frame) for offset, doc_frames in zip(offsets, frames) for frame in doc_frames]
    for (offset, frame), (window_start, window_end), row in zip(flat, windows.bounds, windows.first_rows):
        cue_start, cue_end = offset + frame.cue[0], offset + frame.cue[1]
        cue_truth[cue_start:cue_end] = I_CUE
        cue_truth[cue_start] = B_CUE
        window = (window_start - offset, window_end - offset)
        role_truth[row : row + window_end - window_start] = argument_tags(frame, window)
    return cue_truth, role_truth
