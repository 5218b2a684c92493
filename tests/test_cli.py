"""The `extract` command: reading inputs, JSONL output, offsets, chunking and failures."""

import io
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
import srsly
from typer.testing import CliRunner, Result

from spacy_quotes import extract as extract_module
from spacy_quotes.cli import app
from spacy_quotes.extract import chunk_text, extract_quotes
from spacy_quotes.inputs import Document, Failure, read_inputs

QUOTE = '"We will win," Smith said.'
ARTICLE = Path(__file__).parent.parent / "corpus" / "example_article.txt"


@pytest.fixture
def extract(nlp, monkeypatch) -> Callable[..., Result]:
    """Run `spacy-quotes extract ARGS` on the session's pipeline, restoring its max_length."""
    monkeypatch.setattr(extract_module, "load_pipeline", lambda name=None: nlp)
    monkeypatch.setattr(nlp, "max_length", nlp.max_length)

    def run(*args: str, stdin: Optional[str] = None) -> Result:
        return CliRunner().invoke(app, ["extract", *args], input=stdin)

    return run


def write(path: Path, content: str) -> Path:
    """Write `content` as UTF-8 without translating line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))
    return path


def parse(jsonl: str) -> List[Dict[str, Any]]:
    return [srsly.json_loads(line) for line in jsonl.splitlines()]


def assert_offsets(record: Dict[str, Any], text: str) -> None:
    """Each text in the record is the slice of the original `text` its offsets name."""
    content = record["content"]
    spans = [content, *content["parts"], record["cue"], record["speaker"]]
    for span in filter(None, spans):
        assert text[span["start_char"] : span["end_char"]] == span["text"]
    assert content["parts"][0]["start_char"] == content["start_char"]
    assert content["parts"][-1]["end_char"] == content["end_char"]


# Reading inputs


def test_read_directory_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "news" / "zeta.txt", "Z")
    write(tmp_path / "news" / "2021" / "march" / "b.txt", "B")
    write(tmp_path / "news" / "2021" / "a.TXT", "A")
    write(tmp_path / "news" / "feed.jsonl", '{"text": "F"}\n')
    write(tmp_path / "news" / "notes.md", "not a document")
    write(tmp_path / "news" / ".cache" / "x.txt", "hidden")
    items = list(read_inputs([str(tmp_path / "news")]))
    assert items == [
        Document("2021/a", "A"),
        Document("2021/march/b", "B"),
        Document("feed:1", "F"),
        Failure(str(tmp_path / "news" / "notes.md"), None, "unsupported file type: expected .txt, .jsonl or a directory"),
        Document("zeta", "Z"),
    ]


def test_read_jsonl_ids(tmp_path):
    lines = [
        '{"text": "one", "id": 7}',
        '{"text": "two", "meta": {"id": "m-2"}}',
        "",
        '{"text": "three"}',
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    assert list(read_inputs([str(path)])) == [
        Document("7", "one"),
        Document("m-2", "two"),
        Document("news:4", "three"),
    ]


def test_read_jsonl_after_a_byte_order_mark(tmp_path):
    # Windows tools write one at the start of a UTF-8 file; a text's own stays in it.
    path = write(tmp_path / "bom.jsonl", '\ufeff{"text": "one", "id": 1}\n{"text": "\ufefftwo"}\n')
    assert list(read_inputs([str(path)])) == [Document("1", "one"), Document("bom:2", "\ufefftwo")]


def test_read_keeps_text_exactly_as_given(tmp_path):
    text = '  \r\nCafé owners said:\r\n\r\n"Non."\r\n'
    path = write(tmp_path / "story.txt", text)
    jsonl = write(tmp_path / "lines.jsonl", srsly.json_dumps({"text": text, "id": "j"}) + "\r\n")
    assert [doc.text for doc in read_inputs([str(path), str(jsonl)])] == [text, text]


def test_read_stdin_as_one_document():
    stdin = io.BytesIO(b"line one\r\nline two\n")
    assert list(read_inputs(["-"], stdin=stdin)) == [Document("-", "line one\r\nline two\n")]


def test_read_empty_directory_fails(tmp_path):
    write(tmp_path / ".hidden.txt", "x")
    assert list(read_inputs([str(tmp_path)])) == [Failure(str(tmp_path), None, "directory holds no files")]


# The extract command


def test_extract_txt_file(extract, tmp_path):
    path = write(tmp_path / "smith.txt", QUOTE)
    result = extract(str(path))
    assert result.exit_code == 0
    [record] = parse(result.stdout)
    assert (record["doc_id"], record["quote_index"], record["type"]) == ("smith", 0, "direct")
    assert "We will win" in record["content"]["text"]
    assert record["speaker"]["text"] == "Smith"
    assert_offsets(record, QUOTE)
    assert result.stderr == "Documents: 1, quotes: 1, failures: 0\n"


def test_extract_record_fields(extract, tmp_path):
    result = extract(str(write(tmp_path / "smith.txt", QUOTE)))
    [record] = parse(result.stdout)
    fields = "doc_id quote_index type content cue speaker speaker_name role score method"
    assert set(record) == set(fields.split())
    assert set(record["content"]) == {"text", "start_char", "end_char", "parts"}
    assert isinstance(record["score"], float) and isinstance(record["method"], str)


def test_extract_many_inputs_in_order(extract, tmp_path):
    write(tmp_path / "dir" / "b.txt", QUOTE)
    write(tmp_path / "dir" / "sub" / "a.txt", QUOTE)
    lines = [srsly.json_dumps({"text": QUOTE, "id": "x"}), srsly.json_dumps({"text": QUOTE})]
    jsonl = write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = extract(str(tmp_path / "dir"), str(jsonl), "-", stdin=QUOTE)
    assert result.exit_code == 0
    assert [r["doc_id"] for r in parse(result.stdout)] == ["b", "sub/a", "x", "feed:2", "-"]
    assert result.stderr == "Documents: 5, quotes: 5, failures: 0\n"


def test_extract_to_output_file(extract, tmp_path):
    path = write(tmp_path / "smith.txt", QUOTE)
    out = tmp_path / "quotes.jsonl"
    result = extract(str(path), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert parse(out.read_text(encoding="utf-8")) == parse(extract(str(path)).stdout)


def test_offsets_index_original_text_with_crlf_and_non_ascii(extract, tmp_path):
    text = (
        "  \r\nPARÍS — Café owners gathered on Tuesday.\r\n\r\n"
        '"We will stay open," José Álvarez said.\r\n\r\n'
        "The minister said that taxes would rise next year.\r\n"
    )
    result = extract("-", stdin=text)
    records = parse(result.stdout)
    assert {"direct", "indirect"} <= {record["type"] for record in records}
    for record in records:
        assert_offsets(record, text)


def test_a_byte_order_mark_and_no_break_space_stay_in_the_offsets_not_the_quotes(extract, tmp_path):
    text = '\ufeff"We will stay open," José Álvarez said.\r\n\r\nKirby said:\xa0"The exercise goes ahead."\r\n'
    path = write(tmp_path / "bom.txt", text)
    records = parse(extract(str(path)).stdout)
    contents = [record["content"]["text"] for record in records]
    assert contents == ['"We will stay open,"', '"The exercise goes ahead."']
    assert [record["speaker"]["text"] for record in records] == ["José Álvarez", "Kirby"]
    assert records[0]["content"]["start_char"] == 1
    for record in records:
        assert_offsets(record, text)


def test_offsets_on_example_article(extract):
    text = ARTICLE.read_bytes().decode("utf-8")
    records = parse(extract(str(ARTICLE)).stdout)
    assert len(records) >= 8
    assert [r["quote_index"] for r in records] == list(range(len(records)))
    for record in records:
        assert_offsets(record, text)


# Bad input


# (file name, content or None for a missing file, the message after the file name)
BAD_INPUTS = [
    ("missing.txt", None, ": no such file or directory"),
    (
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        ": binary data, not UTF-8 text (contains NUL bytes)",
    ),
    ("latin1.txt", "café".encode("latin-1"), ": not UTF-8 text (byte 0xe9 at offset 3)"),
    ("blank.txt", b" \r\n\t\n", ": empty document"),
    ("notes.md", QUOTE.encode(), ": unsupported file type: expected .txt, .jsonl or a directory"),
    ("feed.jsonl", b'{"text": "ok"}\n{"text": "no" \n', ":2: invalid JSON: "),
    ("feed.jsonl", b'\n{"id": 1}\n', ':2: no "text" field'),
    ("feed.jsonl", b'{"text": ["a"]}\n', ':1: "text" must be a string, not list'),
    ("feed.jsonl", b'{"text": "  "}\n', ":1: empty document"),
    ("feed.jsonl", b'"text"\n', ":1: expected a JSON object, not str"),
    ("feed.jsonl", b'{"text": "caf\xe9"}\n', ":1: not UTF-8 text (byte 0xe9 at offset 13)"),
]


@pytest.mark.parametrize("name,content,message", BAD_INPUTS)
def test_bad_input_is_reported_and_the_rest_processed(extract, tmp_path, name, content, message):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    good = write(tmp_path / "good.txt", QUOTE)
    result = extract(str(bad), str(good))
    assert result.exit_code == 1
    failure, summary = result.stderr.splitlines()
    assert failure.startswith(f"{bad}{message}")
    assert summary.endswith("failures: 1")
    assert parse(result.stdout)[-1]["doc_id"] == "good"


def test_errors_file_records_every_failure(extract, tmp_path):
    feed = write(
        tmp_path / "feed.jsonl",
        f'{{"text": {srsly.json_dumps(QUOTE)}}}\nnot json\n{{"text": ""}}\n',
    )
    good = write(tmp_path / "good.txt", QUOTE)
    errors = tmp_path / "errors.jsonl"
    result = extract(str(tmp_path / "missing.txt"), str(feed), str(good), "--errors", str(errors))
    assert result.exit_code == 1
    assert [r["doc_id"] for r in parse(result.stdout)] == ["feed:1", "good"]
    failures = list(srsly.read_jsonl(errors))
    assert [(f["input"], f["line"]) for f in failures] == [
        (str(tmp_path / "missing.txt"), None),
        (str(feed), 2),
        (str(feed), 3),
    ]
    assert failures[0]["error"] == "no such file or directory"
    assert failures[1]["error"].startswith("invalid JSON")
    assert failures[2]["error"] == "empty document"
    assert result.stderr.splitlines()[-1] == "Documents: 2, quotes: 2, failures: 3"


def test_unknown_model_is_a_usage_error():
    result = CliRunner().invoke(app, ["extract", "--model", "no_such_pipeline", "-"], input=QUOTE)
    assert result.exit_code == 2
    assert "--model" in result.stderr and "no_such_pipeline" in result.stderr


def test_threshold_is_a_usage_error_for_the_rule_engine(extract):
    result = extract("--threshold", "0.8", "-", stdin=QUOTE)
    assert result.exit_code == 2
    assert "--threshold" in result.stderr and "not the rule engine" in result.stderr


# Long documents


def test_chunks_hold_whole_paragraphs():
    paragraphs = [
        "First paragraph here.\r\n\r\n",
        "Second one.\n\n",
        "Third paragraph, a bit longer.\n",
    ]
    text = "".join(paragraphs)
    chunks = list(chunk_text(text, 40))
    assert [chunk for _, chunk in chunks] == [paragraphs[0] + paragraphs[1], paragraphs[2]]
    assert [offset for offset, _ in chunks] == [0, len(paragraphs[0] + paragraphs[1])]


@pytest.mark.parametrize(
    "text,max_length,expected",
    [
        ("One sentence. Two sentences here.", 20, ["One sentence. ", "Two sentences here."]),
        ("Line one\nline two is long", 12, ["Line one\n", "line two is ", "long"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("short", 10, ["short"]),
    ],
)
def test_long_paragraphs_are_cut_at_finer_boundaries(text, max_length, expected):
    chunks = list(chunk_text(text, max_length))
    assert [chunk for _, chunk in chunks] == expected
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)


def test_long_document_is_processed_in_chunks(nlp, monkeypatch):
    paragraphs = [f'"We will win game {i}," Smith said.' for i in range(6)]
    text = "\r\n\r\n".join(paragraphs)
    monkeypatch.setattr(nlp, "max_length", 90)
    assert len(list(chunk_text(text, nlp.max_length))) == 3
    [(doc_id, records)] = extract_quotes(nlp, [Document("long", text)])
    assert doc_id == "long"
    assert [r["quote_index"] for r in records] == list(range(len(paragraphs)))
    for i, record in enumerate(records):
        assert f"game {i}" in record["content"]["text"]
        assert_offsets(record, text)


def test_max_length_option_chunks_with_offsets_into_the_whole_text(extract):
    text = ARTICLE.read_bytes().decode("utf-8")
    result = extract(str(ARTICLE), "--max-length", "500")
    assert result.exit_code == 0
    records = parse(result.stdout)
    assert [r["quote_index"] for r in records] == list(range(len(records)))
    assert records[-1]["content"]["start_char"] > 1000
    for record in records:
        assert_offsets(record, text)


def test_multiprocessing_keeps_documents_and_offsets(nlp):
    documents = [Document(str(i), f"Intro {i}.\n\n{QUOTE}") for i in range(4)]
    serial = list(extract_quotes(nlp, documents))
    assert all(records for _, records in serial)
    assert list(extract_quotes(nlp, documents, n_process=2, batch_size=1)) == serial
    assert [doc_id for doc_id, _ in serial] == ["0", "1", "2", "3"]


# The installed console script


def test_console_script_end_to_end():
    script = Path(sys.executable).parent / "spacy-quotes"
    result = subprocess.run(
        [str(script), "extract", str(ARTICLE), "-"],
        input=QUOTE.encode(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    records = parse(result.stdout.decode("utf-8"))
    assert {r["doc_id"] for r in records} == {"example_article", "-"}
    summary = f"Documents: 2, quotes: {len(records)}, failures: 0"
    assert result.stderr.decode("utf-8").splitlines() == [summary]
