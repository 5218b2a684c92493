"""The Quote record and its storage in `doc.spans`."""
import pytest
from spacy.tokens import Doc, DocBin

from spacy_quotes.pipeline import BASE_PIPELINES, BasePipelineNotFound, resolve_base_pipeline

TEXT = (
    "“We will not give numbers,” Pentagon press secretary John Kirby said, “but they continue "
    "to increase.” He added that talks would resume."
)


def records(doc):
    return [quote.to_dict() for quote in doc._.quotes]


def test_quotes_survive_doc_to_bytes(nlp):
    doc = nlp(TEXT)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert len(records(doc)) == 2 and records(restored) == records(doc)


def test_quotes_survive_a_docbin_round_trip(nlp):
    doc = nlp(TEXT)
    data = DocBin(docs=[doc]).to_bytes()
    [restored] = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert records(restored) == records(doc)


def test_to_dict_offsets_land_on_the_text(nlp):
    doc = nlp(TEXT)
    for record in records(doc):
        spans = [record["content"], *record["content"]["parts"], record["cue"], record["speaker"]]
        for span in filter(None, spans):
            assert TEXT[span["start_char"] : span["end_char"]] == span["text"]


def test_to_dict_shifts_offsets_for_a_chunk(nlp):
    quote = nlp(TEXT)._.quotes[0]
    shifted = quote.to_dict(char_offset=100)
    assert shifted["content"]["start_char"] == quote.start_char + 100
    assert shifted["cue"]["end_char"] == quote.cue.end_char + 100


def test_split_quote_record(nlp):
    first = records(nlp(TEXT))[0]
    assert len(first["content"]["parts"]) == 2
    assert first["content"]["text"] == TEXT[: TEXT.index(" He added")]
    assert (first["speaker_name"], first["role"], first["type"]) == ("John Kirby", "Pentagon press secretary", "direct")


def test_missing_base_pipeline_error_names_every_candidate():
    with pytest.raises(BasePipelineNotFound) as error:
        resolve_base_pipeline(("no_such_pipeline_a", "no_such_pipeline_b"))
    assert "no_such_pipeline_a" in str(error.value) and "no_such_pipeline_b" in str(error.value)


def test_base_pipeline_resolves_to_an_installed_package():
    assert resolve_base_pipeline() in BASE_PIPELINES
