"""Token features for the trainable `quotes` model, computed with array operations per doc.

Besides spaCy's token attributes ("POS", "DEP", "ENT_TYPE", ...) a model can use
the project's own cheap signals:

- `quote_mark`: where a token stands with respect to quotation marks (`QuoteMarks`);
- `cue_word`: which parts of the cue lexicon its lemma belongs to;
- `rule_role`: the role the rule engine gives it (cue, source or content).

`paragraph_ids`, `sentence_ids` and `syntax_tree` describe a doc's layout and parse
for the model's windows.
"""
from typing import Callable, Dict, Iterable, List, NamedTuple, Sequence

import numpy
from spacy.attrs import DEP, HEAD, IDS, IDX, IS_SPACE, LEMMA, LENGTH, LOWER, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints1d, Ints2d

from .lexicon import INTENT_CUES, OBJECT_CUES, PREPOSITION_CUES, SPEECH_VERBS
from .marks import QuoteMarks
from .quote import CONTENT, CUE, SOURCE
from .rules import find_quotes

FeatureFunction = Callable[[Doc], Ints1d]

# `quote_mark` values (0 is outside quotation marks).
OPENING_MARK, QUOTED, CLOSING_MARK = range(1, 4)
# `rule_role` values: 0 for none, a role's code on its tokens, plus 3 on the first one.
RULE_ROLES = {CUE: 1, SOURCE: 2, CONTENT: 3}


def _hashes(words: Iterable[str]) -> numpy.ndarray:
    return numpy.asarray(sorted(get_string_id(word) for word in words), dtype="uint64")


# `cue_word` bits: each lexicon a lemma is in, and "according" (as in "according to").
CUE_LEXICONS = (
    (LEMMA, _hashes(SPEECH_VERBS), 1),
    (LEMMA, _hashes(OBJECT_CUES), 2),
    (LEMMA, _hashes(INTENT_CUES), 4),
    (LEMMA, _hashes(PREPOSITION_CUES), 8),
    (LOWER, _hashes(["according"]), 16),
)


def quote_mark(doc: Doc) -> Ints1d:
    """Per token: 0 outside quotation marks, 1 opening a quoted region, 2 inside one, 3 closing it."""
    regions = QuoteMarks(doc.text).regions
    state = numpy.zeros(len(doc), dtype="uint64")
    if not regions:
        return state
    starts = numpy.asarray([region.start for region in regions])
    ends = numpy.asarray([region.end for region in regions])
    offsets = doc.to_array([IDX, LENGTH]).astype("int64")
    token_start, token_end = offsets[:, 0], offsets.sum(axis=1)
    region = numpy.searchsorted(starts, token_start, side="right") - 1
    inside = (region >= 0) & (token_start < ends[region])
    state[inside] = QUOTED
    state[inside & (token_start == starts[region])] = OPENING_MARK
    state[inside & (token_end >= ends[region])] = CLOSING_MARK
    return state


def cue_word(doc: Doc) -> Ints1d:
    """Per token: a bit for each cue lexicon its lemma is in (see `CUE_LEXICONS`)."""
    values = doc.to_array([LEMMA, LOWER])
    columns = {LEMMA: values[:, 0], LOWER: values[:, 1]}
    bits = numpy.zeros(len(doc), dtype="uint64")
    for attr, hashes, bit in CUE_LEXICONS:
        bits |= numpy.isin(columns[attr], hashes).astype("uint64") * numpy.uint64(bit)
    return bits


def rule_role(doc: Doc) -> Ints1d:
    """Per token: the role the rule engine gives it, plus 3 on the first token of a span (0s without a parse)."""
    roles = numpy.zeros(len(doc), dtype="uint64")
    if not doc.has_annotation("DEP"):
        return roles
    for quote in find_quotes(doc):
        spans = [(CUE, quote.cue), (SOURCE, quote.speaker)] + [(CONTENT, part) for part in quote.content]
        for label, span in spans:
            if span is not None:
                roles[span.start : span.end] = RULE_ROLES[label]
                roles[span.start] += len(RULE_ROLES)
    return roles


FEATURES: Dict[str, FeatureFunction] = {"quote_mark": quote_mark, "cue_word": cue_word, "rule_role": rule_role}


def token_features(doc: Doc, names: Sequence[str]) -> Ints2d:
    """The `names` features of each token of `doc`, one column each: spaCy attributes or `FEATURES`."""
    attrs = [name for name in names if name not in FEATURES]
    attr_values = doc.to_array(attrs).reshape(len(doc), -1) if attrs else None
    columns = []
    for name in names:
        if name in FEATURES:
            columns.append(FEATURES[name](doc))
        else:
            columns.append(attr_values[:, attrs.index(name)])
    return numpy.stack(columns, axis=1) if columns else numpy.zeros((len(doc), 0), dtype="uint64")


def paragraph_ids(doc: Doc) -> Ints1d:
    """Per token: how many line breaks come before it (a newline token belongs to the line it ends)."""
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE))
    breaks = numpy.zeros(len(doc) + 1, dtype="int64")
    breaks[[i + 1 for i in spaces.tolist() if "\n" in doc[i].text]] = 1
    return numpy.cumsum(breaks[:-1])


def sentence_ids(doc: Doc) -> Ints1d:
    """Per token: the index of its sentence (all 0 without sentence boundaries)."""
    starts = doc.to_array(SENT_START).astype("int64") == 1
    return numpy.maximum(numpy.cumsum(starts) - 1, 0)


class SyntaxTree(NamedTuple):
    """A parse as arrays: each token's head, dependency label and its subtree's first and last token."""

    heads: Ints1d
    deps: Ints1d
    left: Ints1d
    right: Ints1d


def syntax_tree(doc: Doc) -> SyntaxTree:
    """The parse of `doc` as arrays (without a parse each token is its own head)."""
    values = doc.to_array([HEAD, DEP])
    heads = numpy.arange(len(doc)) + values[:, 0].astype("int64")  # HEAD holds signed offsets
    left, right = numpy.arange(len(doc)), numpy.arange(len(doc))
    while True:  # push subtree edges up one level at a time, as deep as the tree
        new_left, new_right = left.copy(), right.copy()
        numpy.minimum.at(new_left, heads, left)
        numpy.maximum.at(new_right, heads, right)
        if numpy.array_equal(new_left, left) and numpy.array_equal(new_right, right):
            return SyntaxTree(heads, values[:, 1], left, right)
        left, right = new_left, new_right


@registry.layers("spacy_quotes.extract_features.v1")
def extract_features(names: List[str]) -> Model[List[Doc], List[Ints2d]]:
    """A layer that extracts the `names` features of each doc's tokens."""
    unknown = [name for name in names if name not in FEATURES and name.upper() not in IDS]
    if unknown:
        raise ValueError(f"Unknown token features {unknown}: use spaCy attributes or {sorted(FEATURES)}")
    names = [name if name in FEATURES else name.upper() for name in names]

    def forward(model: Model, docs: List[Doc], is_train: bool):
        features = [model.ops.asarray2i(token_features(doc, names), dtype="uint64") for doc in docs]
        return features, lambda d_features: []

    return Model("extract_features", forward, attrs={"names": names})


@registry.architectures("spacy_quotes.QuoteFeatures.v1")
def build_quote_features(features: List[str], rows: List[int], width: int) -> Model[List[Doc], List[Floats2d]]:
    """Embed each token's features (`extract_features`) with a hash table each, mixed by a Maxout layer.

    Built like `spacy.MultiHashEmbed.v2`, but for the features of `FEATURES` as well as spaCy's.
    """
    if len(rows) != len(features):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(features)} features")
    embeddings = [HashEmbed(width, n_rows, column=i, seed=11 + i) for i, n_rows in enumerate(rows)]
    return chain(
        extract_features(features),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, normalize=True)),
        ragged2list(),
    )
