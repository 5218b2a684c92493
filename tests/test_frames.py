"""Decoding a trained model's frames into well-formed quotes."""
from dataclasses import replace

import numpy
from spacy.language import Language

from spacy_quotes.frames import (
    Frame,
    argument_tags,
    decode_frames,
    fill_free_tokens,
    join_parts,
    likelier_content,
    to_quotation_marks,
    to_quotes,
    to_whole_cue,
    with_cue_extent,
    with_modifiers,
    with_source,
    without_bare_marks,
    without_conflicts,
    without_loose_end,
)
from spacy_quotes.marks import QuoteMarks
from spacy_quotes.model import B_CONTENT, B_SOURCE, I_CONTENT, I_SOURCE, QuoteScores, cue_windows
from spacy_quotes.rules import find_quotes


def test_without_conflicts_resolves_greedily_by_score():
    best = Frame(cue=(0, 1), source=None, content=((2, 5),), score=0.9)
    overlapping = Frame(cue=(8, 9), source=(6, 8), content=((3, 6), (9, 12)), score=0.5)
    cue_taken = Frame(cue=(3, 4), source=None, content=((12, 13),), score=0.4)
    content_taken = Frame(cue=(13, 14), source=None, content=((2, 4),), score=0.3)
    kept = without_conflicts([overlapping, content_taken, cue_taken, best], 14)
    # The overlapping content loses the tokens of the better quote, not its other part.
    assert kept == [best, Frame(cue=(8, 9), source=(6, 8), content=((5, 6), (9, 12)), score=0.5)]


def test_without_conflicts_lets_quotes_share_a_source_but_not_take_others_tokens():
    # "He said …, and added …": both cues keep the speaker.
    said = Frame(cue=(1, 2), source=(0, 1), content=((2, 6),), score=0.9)
    added = Frame(cue=(8, 9), source=(0, 1), content=((9, 12),), score=0.8)
    # A source inside a better quote's content is dropped, its quote kept.
    source_in_content = Frame(cue=(13, 14), source=(3, 4), content=((14, 16),), score=0.7)
    kept = without_conflicts([source_in_content, added, said], 16)
    assert kept == [said, added, replace(source_in_content, source=None)]


def test_join_parts_keeps_only_gaps_around_the_cue_or_source():
    frame = Frame(cue=(5, 6), source=(6, 8), content=((0, 2), (3, 5), (9, 12), (14, 16)))
    assert join_parts(frame).content == ((0, 5), (9, 16))


def test_to_quotation_marks_widens_content_cut_short_inside_a_quotation(nlp: Language):
    doc = nlp("Ortiz called the plan “a betrayal of every rider,” and walked out.")
    marks = QuoteMarks(doc.text)
    # Content that stops inside the quotation it opens ends at the closing mark (token 11);
    # content that starts inside the quotation it closes starts at the opening mark (token 4).
    cut_short = Frame(cue=(1, 2), source=(0, 1), content=((2, 8),))
    assert to_quotation_marks(cut_short, doc, marks).content == ((2, 12),)
    late_start = Frame(cue=(1, 2), source=(0, 1), content=((6, 12),))
    assert to_quotation_marks(late_start, doc, marks).content == ((4, 12),)
    # Content that ends outside any quotation, or a widening that would take the cue, stays.
    whole = Frame(cue=(1, 2), source=(0, 1), content=((2, 12),))
    assert to_quotation_marks(whole, doc, marks) == whole
    cue_inside = Frame(cue=(9, 10), source=None, content=((2, 8),))
    assert to_quotation_marks(cue_inside, doc, marks) == cue_inside


def test_to_quotation_marks_stays_in_the_paragraph(nlp: Language):
    # A quotation running on into the next paragraph is not a quotation cut short.
    doc = nlp("Moore said “the plan is a betrayal of riders.\n“We will fight it,” she added.")
    frame = Frame(cue=(1, 2), source=(0, 1), content=((2, 11),))
    assert to_quotation_marks(frame, doc, QuoteMarks(doc.text)) == frame


def test_without_bare_marks_drops_content_parts_of_punctuation_alone(nlp: Language):
    doc = nlp('"MORALES: Well, the council waited too long.')
    frame = Frame(cue=(2, 3), source=(1, 2), content=((0, 1), (3, 10)))
    assert without_bare_marks(frame, doc).content == ((3, 10),)
    # Content of punctuation alone stays: the frame is not left without content.
    assert without_bare_marks(replace(frame, content=((0, 1),)), doc).content == ((0, 1),)


def test_without_loose_end_cuts_trailing_conjunctions_and_separators(nlp: Language):
    doc = nlp("Ortiz said the fares would rise, and that riders -- and drivers -- would pay.")
    # "the fares would rise, and": the comma and "and" go; "rise" stays.
    frame = Frame(cue=(1, 2), source=(0, 1), content=((2, 8),))
    assert without_loose_end(frame, doc).content == ((2, 6),)
    # Only the last part is cut, and content that ends in a word stays as it is.
    parts = Frame(cue=(1, 2), source=(0, 1), content=((2, 6), (8, 11)))
    assert without_loose_end(parts, doc).content == ((2, 6), (8, 10))
    assert without_loose_end(replace(frame, content=((2, 16),)), doc).content == ((2, 16),)


def test_to_whole_cue_reaches_the_verb_that_auxiliaries_serve(nlp: Language):
    doc = nlp("The transit agency did not immediately respond to a request for comment.")
    frame = Frame(cue=(3, 6), source=(0, 3), content=((7, 12),))  # "did not immediately"
    assert to_whole_cue(frame, doc).cue == (3, 7)  # "did not immediately respond"
    assert to_whole_cue(replace(frame, cue=(3, 4)), doc).cue == (3, 7)  # "did"
    # The verb is taken from the start of the content, unless it is all the content.
    assert to_whole_cue(replace(frame, content=((6, 12),)), doc) == replace(frame, cue=(3, 7))
    assert to_whole_cue(replace(frame, content=((6, 7),)), doc) == replace(frame, content=((6, 7),))
    # A cue with a verb of its own stays.
    assert to_whole_cue(replace(frame, cue=(3, 7)), doc).cue == (3, 7)


def test_to_whole_cue_ends_before_the_words_of_a_noun_after_it(nlp: Language):
    doc = nlp("The council unveiled a plan to cut fares.")
    frame = Frame(cue=(2, 4), source=(0, 2), content=((4, 8),))  # "unveiled a"
    assert to_whole_cue(frame, doc).cue == (2, 3)  # "unveiled"
    assert to_whole_cue(replace(frame, cue=(2, 6)), doc).cue == (2, 5)  # "unveiled a plan to"
    # Not down to a cue without a verb.
    assert to_whole_cue(replace(frame, cue=(3, 4)), doc).cue == (3, 4)


def test_with_modifiers_widens_the_cue_over_the_words_its_verb_governs(nlp: Language):
    doc = nlp("The mayor also said that the fares would rise.")
    frame = Frame(cue=(3, 4), source=(0, 2), content=((4, 9),))
    assert with_modifiers(frame, doc).cue == (2, 4)  # "also said"
    # Not over the frame's own source or content.
    assert with_modifiers(replace(frame, source=(0, 3)), doc) == replace(frame, source=(0, 3))
    assert with_modifiers(Frame(cue=(4, 5), source=None, content=((5, 9),)), doc).cue == (4, 5)


def test_with_modifiers_widens_the_cue_over_the_adverbs_and_preposition_after_it(nlp: Language):
    doc = nlp("The mayor spoke bitterly of the fares.")
    frame = Frame(cue=(2, 3), source=(0, 2), content=((5, 7),))
    assert with_modifiers(frame, doc).cue == (2, 5)  # "spoke bitterly of"
    # Not over the frame's own content.
    assert with_modifiers(replace(frame, content=((3, 7),)), doc).cue == (2, 3)


def test_argument_tags_clip_to_the_window():
    frame = Frame(cue=(4, 5), source=(2, 4), content=((0, 2), (5, 9)))
    assert argument_tags(frame, (1, 7)).tolist() == [I_CONTENT, B_SOURCE, I_SOURCE, 0, B_CONTENT, I_CONTENT]


def test_likelier_content_weighs_the_rules_content_by_the_model():
    model = Frame(cue=(0, 1), source=None, content=((1, 4),), score=0.5)
    rules = Frame(cue=(0, 1), source=None, content=((1, 3),))
    # The model is sure of tokens 1 and 2 and leans to O, slightly, on token 3.
    probs = numpy.full((4, 5), 0.01)
    probs[0, 0] = probs[1, B_CONTENT] = probs[2, I_CONTENT] = 0.96
    probs[3, 0], probs[3, I_CONTENT] = 0.5, 0.46
    chosen = likelier_content(model, rules, numpy.log(probs), (0, 4))
    assert chosen == Frame(cue=(0, 1), source=None, content=((1, 3),), score=0.5)
    probs[3, 0], probs[3, I_CONTENT] = 0.05, 0.91
    assert likelier_content(model, rules, numpy.log(probs), (0, 4)) == model
    assert likelier_content(model, None, numpy.log(probs), (0, 4)) == model


def test_with_source_takes_the_rules_source_for_the_same_cue():
    model = Frame(cue=(1, 2), source=None, content=((2, 6),), score=0.7)
    rules = Frame(cue=(1, 2), source=(0, 1), content=((2, 5),))
    assert with_source(model, rules) == replace(model, source=(0, 1))
    assert with_source(replace(model, source=(7, 8)), rules) == replace(model, source=(0, 1))
    assert with_source(replace(model, source=(7, 8)), replace(rules, source=None)).source == (7, 8)
    assert with_source(model, None) == model


def test_with_cue_extent_takes_the_rules_cue_unless_it_takes_in_an_argument():
    model = Frame(cue=(1, 3), source=(0, 1), content=((4, 9),), score=0.7)  # "said of", say
    assert with_cue_extent(model, Frame(cue=(1, 2), source=(0, 1), content=((3, 9),))).cue == (1, 2)
    assert with_cue_extent(model, Frame(cue=(1, 5), source=(0, 1), content=((5, 9),))) == model
    assert with_cue_extent(model, Frame(cue=(0, 2), source=None, content=((3, 9),))) == model
    assert with_cue_extent(model, None) == model


def test_decoded_cues_take_the_rules_extent_but_given_cues_keep_theirs(nlp: Language):
    doc = nlp("The mayor said last week that the fares would rise.")
    rules = find_quotes(doc)
    assert [quote.cue.text for quote in rules] == ["said"]
    windows = cue_windows([doc], [[(2, 5)]], 64)  # "said last week"
    tags = numpy.zeros(len(windows.rows), dtype="int32")
    tags[[0, 1, 5, 6, 7, 8, 9]] = [B_SOURCE, I_SOURCE, B_CONTENT, I_CONTENT, I_CONTENT, I_CONTENT, I_CONTENT]
    roles = numpy.full((len(tags), 5), 0.01)
    roles[numpy.arange(len(tags)), tags] = 0.96
    cues = numpy.full((len(doc), 3), 1 / 3)
    for given, cue in ((False, (2, 3)), (True, (2, 5))):
        (frame,) = decode_frames([doc], QuoteScores(cues, windows, roles, cues_given=given), [rules])[0]
        assert (frame.cue, frame.source, frame.content) == (cue, (0, 2), ((5, 10),))


def test_to_quotes_fills_the_quote_fields(nlp: Language):
    doc = nlp("Mayor Lena Ortiz said the fare rise was “a betrayal”.")
    frame = Frame(cue=(3, 4), source=(0, 3), content=((4, len(doc) - 1),), score=0.8)
    (quote,) = to_quotes(doc, [frame])
    assert (quote.cue.text, quote.speaker.text) == ("said", "Mayor Lena Ortiz")
    assert (quote.speaker_name, quote.role, quote.type) == ("Lena Ortiz", "Mayor", "mixed")
    assert (quote.score, quote.method) == (0.8, "model")


def test_to_quotes_takes_any_source_span(nlp: Language):
    """A predicted source may cut through a name: "The spokesman, John" of "…, John Smith,"."""
    doc = nlp("The spokesman, John Smith, said the talks would resume.")
    (quote,) = to_quotes(doc, [Frame(cue=(6, 7), source=(0, 4), content=((7, 11),))])
    assert quote.speaker.text == "The spokesman, John"


def test_fill_free_tokens_adds_the_rules_quotes_the_model_left_free(nlp: Language):
    doc = nlp("“Prices will fall,” the minister said on Monday.\n\nCritics said the plan was a fantasy.\n\n“Nobody believes it.”")
    rules = find_quotes(doc)
    assert [quote.method for quote in rules] == ["rules.clausal", "rules.clausal", "rules.floating"]
    first, second, floating = rules
    # The model found the first quote with other boundaries, and the second without its source:
    # both of the rules' quotes overlap the model's, the floating one is free.
    frames = [Frame(cue=(8, 9), source=(6, 8), content=((1, 4),)), Frame(cue=(14, 15), source=None, content=((15, 20),))]
    model = to_quotes(doc, frames)
    assert fill_free_tokens(model, rules, len(doc)) == [*model, floating]
    assert fill_free_tokens([], rules, len(doc)) == rules
