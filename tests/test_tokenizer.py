"""The tokenizer adapted to news text: abbreviated titles kept whole."""
import spacy

from spacy_quotes.lexicon import TITLE_ABBREVIATIONS
from spacy_quotes.tokenizer import adapt_to_news

TEXT = "Lt. Col. Anna Berg and Sens. Ted Cruz (R-Tex.) met U.S. officials at 5 p.m. Don't go."


def test_titles_stay_whole_and_the_other_rules_stay():
    nlp = spacy.blank("en")
    before = [t.text for t in nlp(TEXT)]
    assert before[:3] == ["Lt", ".", "Col"]  # what the adaptation is for
    after = [t.text for t in adapt_to_news(nlp)(TEXT)]
    assert after == ["Lt.", "Col.", *before[4:7], "Sens.", *before[9:]]
    for title in TITLE_ABBREVIATIONS:
        assert [t.text for t in nlp(f"{title} Ana Ruiz said so.")][:2] == [title, "Ana"]


def test_a_pipeline_made_with_the_callback_keeps_them_when_loaded(tmp_path):
    # As the training configs have it: `[nlp.after_creation]`, run again by `spacy.load`.
    config = {"nlp": {"after_creation": {"@callbacks": "spacy_quotes.news_tokenizer.v1"}}}
    spacy.blank("en", config=config).to_disk(tmp_path)
    doc = spacy.load(tmp_path)("Capt.\u200bAna said")
    assert [t.text for t in doc] == ["Capt.", "\u200b", "Ana", "said"]
    assert doc[1].is_space
