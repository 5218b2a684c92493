"""Gold corpora: PolNeAR brat standoff, the annotation JSONL, DocBin conversion, corpus/sample.jsonl."""
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
import spacy
import srsly
import typer
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from typer.testing import CliRunner

from spacy_quotes.agreement import agreement, agreement_command
from spacy_quotes.corpus import (
    ConversionStats,
    Format,
    GoldRecord,
    convert,
    convert_command,
    detect_format,
    parse_brat,
    read_jsonl,
    read_polnear,
    read_polnear_annotators,
)
from spacy_quotes.marks import QuoteMarks
from spacy_quotes.quote import QUOTE_TYPES, Quote, get_quotes

SAMPLE = Path(__file__).parent.parent / "corpus" / "sample.jsonl"

# An invented article; the brat annotation below is built from the offsets of these phrases.
ARTICLE = (
    "Harbour Minister Ada Kell said the port would reopen in June. "
    "“We have fixed the cranes,” she added. “The ships can come back.”\n"
    "Delays are expected, it was reported."
)


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def offsets(phrase: str, shift: int = 0) -> str:
    """The brat offsets of the first `phrase` in ARTICLE, its start moved by `shift`."""
    start = ARTICLE.index(phrase)
    return f"{start + shift} {start + len(phrase)}"


def brat_lines(annotator: str) -> List[str]:
    if annotator == "bbbb":  # a second annotator, who saw one attribution only
        return [
            f"T1\tCue {offsets('said')}\tsaid",
            f"T2\tContent {offsets('the port would reopen in June')}\tthe port would reopen in June",
            f"T3\tAttribution-no-source {offsets('said')}\tsaid",
            "E1\tAttribution-no-source:T3 Content:T2 Cue:T1",
        ]
    return [
        f"T1\tSource {offsets('Harbour Minister Ada Kell')}\tHarbour Minister Ada Kell",
        f"T2\tCue {offsets('said')}\tsaid",
        # Starts one character into "the": expanded to the token.
        f"T3\tContent {offsets('the port would reopen in June', shift=1)}\t" "he port would reopen in June",
        f"T4\tAttribution {offsets('said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {offsets('she')}\tshe",
        f"T6\tCue {offsets('added')}\tadded",
        f"T7\tContent {offsets('“We have fixed the cranes,”')};{offsets('“The ships can come back.”')}\t…",
        f"T8\tAttribution {offsets('added')}\tadded",
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        f"T9\tCue {offsets('was reported')}\twas reported",
        f"T10\tContent {offsets('Delays are expected')}\tDelays are expected",
        f"T11\tAttribution-no-source {offsets('was reported')}\twas reported",
        "E3\tAttribution-no-source:T11 Content:T10 Cue:T9",
        f"T12\tDiscuss {offsets('ships')}\tships",
        "#1\tAnnotatorNotes T12\tA note, not an annotation",
        "T13\tContent\tno offsets at all",
    ]


@pytest.fixture
def polnear_split(tmp_path: Path) -> Path:
    """A PolNeAR-like split: one article with two annotators' files."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "news_2016-01-01_harbour.txt").write_text(ARTICLE, encoding="utf-8")
    for annotator in ("bbbb", "aaaa"):
        ann = tmp_path / "attributions" / f"news_2016-01-01_harbour_{annotator}.ann"
        ann.write_text("\n".join(brat_lines(annotator)) + "\n", encoding="utf-8")
    return tmp_path


def summary(quote: Quote) -> Tuple[List[str], Optional[str], Optional[str], str]:
    return (
        [part.text for part in quote.content],
        quote.cue.text if quote.cue else None,
        quote.speaker.text if quote.speaker else None,
        quote.type,
    )


def char_record(quote: Quote) -> Dict[str, object]:
    """A quote in the annotation JSONL's compact form."""
    return {
        "content": [[part.start_char, part.end_char] for part in quote.content],
        "cue": [quote.cue.start_char, quote.cue.end_char] if quote.cue else None,
        "source": [quote.speaker.start_char, quote.speaker.end_char] if quote.speaker else None,
        "type": quote.type,
    }


def test_read_polnear(polnear_split: Path, blank: Language) -> None:
    stats = ConversionStats()
    (doc,) = read_polnear(polnear_split, blank, stats)
    assert doc.user_data["id"] == "news_2016-01-01_harbour"
    assert [summary(quote) for quote in get_quotes(doc)] == [
        (["the port would reopen in June"], "said", "Harbour Minister Ada Kell", "indirect"),
        (["“We have fixed the cranes,”", "“The ships can come back.”"], "added", "she", "direct"),
        (["Delays are expected"], "was reported", None, "indirect"),
    ]
    assert all(quote.method == "gold" and quote.score == 1.0 for quote in get_quotes(doc))
    assert (stats.docs, stats.quotes, stats.spans) == (1, 3, 9)
    assert (stats.expanded, stats.unaligned, stats.dropped_quotes, stats.skipped_lines) == (1, 0, 0, 1)


def test_read_polnear_annotators(polnear_split: Path, blank: Language) -> None:
    # A second article, annotated once, is left out.
    (polnear_split / "text" / "news_2016-01-02_other.txt").write_text(ARTICLE, encoding="utf-8")
    ann = "\n".join(brat_lines("aaaa")) + "\n"
    (polnear_split / "attributions" / "news_2016-01-02_other_aaaa.ann").write_text(ann, encoding="utf-8")
    (annotations,) = read_polnear_annotators(polnear_split, blank)
    assert [doc.user_data["id"] for doc in annotations] == ["news_2016-01-01_harbour"] * 2
    assert [len(get_quotes(doc)) for doc in annotations] == [3, 1]  # aaaa, then bbbb


def test_agreement_scores_every_annotator_against_every_other(polnear_split: Path, blank: Language) -> None:
    aaaa, bbbb = next(read_polnear_annotators(polnear_split, blank))
    assert agreement([[aaaa, aaaa]])["quotes_attribution_f"] == 1.0
    scores = agreement([[aaaa, bbbb]])
    # bbbb has one of aaaa's three quotes, with its content and cue but without its source.
    assert scores["quotes_content_exact_p"] == scores["quotes_content_exact_r"] == 0.5
    assert scores["quotes_cue_exact_f"] == 0.5
    assert scores["quotes_source_exact_f"] == scores["quotes_attribution_f"] == 0.0


def test_agreement_command(polnear_split: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(agreement_command)
    result = CliRunner().invoke(app, [str(polnear_split), "--output", str(tmp_path / "agreement.json")])
    assert result.exit_code == 0, result.output
    assert "1 articles annotated more than once, 2 ordered pairs" in result.output
    assert srsly.read_json(tmp_path / "agreement.json")["quotes_cue_exact_f"] == 0.5
    result = CliRunner().invoke(app, [str(tmp_path / "attributions")])
    assert result.exit_code == 2
    assert "no article in it has more than one annotation file" in " ".join(result.output.replace("│", " ").split())


def test_parse_brat_covers_discontinuous_cue_and_skips_flags() -> None:
    lines = [
        "T1\tCue 0 3;8 12\tsaid … that",
        "T2\tContent 20 30;40 50\tpart one … part two",
        "T3\tContent 60 70\tthe Content2 argument",
        "T4\tDiscuss 0 3\tsaid",
        "E1\tAttribution-no-source:T5 Cue:T1 Content:T2 Content2:T3",
        "E2\tDiscuss:T4",
        "E3\tAttribution-no-source:T6",
    ]
    records = parse_brat(lines, ConversionStats())
    assert records == [
        GoldRecord(content=((20, 30), (40, 50), (60, 70)), cue=(0, 12), source=None),
        GoldRecord(content=(), cue=None, source=None),
    ]


def test_content_apart_by_whitespace_is_one_part(tmp_path: Path, blank: Language) -> None:
    text = "The mayor said the budget is\nbalanced and fair."
    start = text.index("the budget")
    break_at = text.index("\n")
    path = tmp_path / "gold.jsonl"
    content = [[start, break_at], [break_at + 1, len(text) - 1]]
    record = {"text": text, "quotes": [{"content": content, "cue": None, "source": None}]}
    srsly.write_jsonl(path, [record])
    (doc,) = read_jsonl(path, blank)
    assert [part.text for part in get_quotes(doc)[0].content] == ["the budget is\nbalanced and fair"]


def test_jsonl_round_trip_through_extract_records(polnear_split: Path, blank: Language, tmp_path: Path) -> None:
    """Gold quotes written in either JSONL form, compact or as `extract` writes them, read back the same."""
    (doc,) = read_polnear(polnear_split, blank)
    compact = {"id": "harbour", "text": doc.text, "quotes": [char_record(quote) for quote in get_quotes(doc)]}
    extracted = {"id": "harbour", "text": doc.text, "quotes": [quote.to_dict() for quote in get_quotes(doc)]}
    srsly.write_jsonl(tmp_path / "compact.jsonl", [compact])
    srsly.write_jsonl(tmp_path / "extracted.jsonl", [extracted])
    for name in ("compact.jsonl", "extracted.jsonl"):
        (read_back,) = read_jsonl(tmp_path / name, blank)
        assert read_back.user_data["id"] == "harbour"
        assert [char_record(quote) for quote in get_quotes(read_back)] == compact["quotes"]


@pytest.mark.parametrize(
    "quote,error",
    [
        ({"content": [[0, 99]]}, "bad character range"),
        ({"content": [[5, 5]]}, "bad character range"),
        ({"content": [[0, 3]], "type": "reported"}, "unknown quote type"),
        ({"cue": [0, 3]}, "content"),
    ],
)
def test_read_jsonl_rejects_bad_records(quote: Dict[str, object], error: str, tmp_path: Path, blank: Language) -> None:
    path = tmp_path / "bad.jsonl"
    srsly.write_jsonl(path, [{"text": "He said so."}, {"text": "He said so.", "quotes": [quote]}])
    with pytest.raises(ValueError, match=f"line 2: .*{error}"):
        list(read_jsonl(path, blank))


@pytest.mark.parametrize("record,error", [(["He said so."], "JSON object, not list"), ({"id": 2}, "'text'")])
def test_read_jsonl_rejects_a_line_that_is_no_document(record, error: str, tmp_path: Path, blank: Language) -> None:
    path = tmp_path / "bad.jsonl"
    srsly.write_jsonl(path, [{"text": "He said so."}, record])
    with pytest.raises(ValueError, match=f"line 2: .*{error}"):
        list(read_jsonl(path, blank))


def test_convert_round_trips_through_docbin(polnear_split: Path, blank: Language, tmp_path: Path) -> None:
    output = tmp_path / "out" / "dev.spacy"
    stats = convert(polnear_split, output, blank)
    assert (stats.docs, stats.quotes) == (1, 3)
    (doc,) = DocBin().from_disk(output).get_docs(blank.vocab)
    (original,) = read_polnear(polnear_split, blank)
    assert doc.user_data["id"] == original.user_data["id"]
    assert [quote.to_dict() for quote in get_quotes(doc)] == [quote.to_dict() for quote in get_quotes(original)]


def test_convert_command(tmp_path: Path, blank: Language) -> None:
    app = typer.Typer()
    app.command()(convert_command)
    blank.to_disk(tmp_path / "blank_en")
    output = tmp_path / "sample.spacy"
    result = CliRunner().invoke(app, [str(SAMPLE), str(output), "--base-model", str(tmp_path / "blank_en")])
    assert result.exit_code == 0, result.output
    assert "quotes" in result.output and "expanded" in result.output
    assert len(DocBin().from_disk(output)) == len(SAMPLE.read_text(encoding="utf-8").splitlines())
    (tmp_path / "broken.jsonl").write_text('{"text": "He said so."}\n{broken\n', encoding="utf-8")
    arguments = [str(tmp_path / "broken.jsonl"), str(output), "--base-model", str(tmp_path / "blank_en")]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2 and "Invalid JSON on line 2" in result.output


def test_detect_format(polnear_split: Path, tmp_path: Path) -> None:
    assert detect_format(polnear_split) == Format.polnear
    assert detect_format(SAMPLE) == Format.jsonl
    with pytest.raises(ValueError):
        detect_format(tmp_path / "gold.csv")


# corpus/sample.jsonl: hand-written, so every offset is checked.


def sample_docs(nlp: Language) -> Tuple[List[Doc], ConversionStats]:
    stats = ConversionStats()
    return list(read_jsonl(SAMPLE, nlp, stats)), stats


def test_sample_offsets_are_exact(nlp: Language) -> None:
    """Every range is in its text, trimmed, and on the base pipeline's token boundaries."""
    for record in srsly.read_jsonl(SAMPLE):
        text = record["text"]
        for quote in record["quotes"]:
            ranges = [*quote["content"], *(quote[key] for key in ("cue", "source") if quote[key])]
            for start, end in ranges:
                assert 0 <= start < end <= len(text), (record["id"], start, end)
                assert text[start:end] == text[start:end].strip(), (record["id"], text[start:end])
    docs, stats = sample_docs(nlp)
    assert stats.expanded == stats.unaligned == stats.dropped_quotes == 0
    assert stats.docs == len(docs) >= 20


def test_sample_roles_do_not_overlap(blank: Language) -> None:
    """Like PolNeAR, each token has at most one role in at most one quote."""
    for doc in sample_docs(blank)[0]:
        tokens = [i for span in doc.spans["quotes"] for i in range(span.start, span.end)]
        assert len(tokens) == len(set(tokens)), doc.user_data["id"]


def test_sample_types_match_the_quotation_marks(blank: Language) -> None:
    for doc in sample_docs(blank)[0]:
        marks = QuoteMarks(doc.text)
        for quote in get_quotes(doc):
            assert quote.type == marks.quote_type(quote.content), (doc.user_data["id"], quote.text)


def test_sample_covers_the_constructions(blank: Language) -> None:
    quotes = [quote for doc in sample_docs(blank)[0] for quote in get_quotes(doc)]
    assert {quote.type for quote in quotes} == set(QUOTE_TYPES)
    assert any(len(quote.content) == 2 for quote in quotes)
    assert any(quote.speaker is None for quote in quotes)
    assert any(quote.cue is None for quote in quotes)
    cues_and_sources = {span.text.lower() for quote in quotes for span in (quote.cue, quote.speaker) if span}
    assert {"according to", "saying", "he"} <= cues_and_sources
