"""The `render` command: the HTML page of quotes, its markup and its escaping."""
import html
from html.parser import HTMLParser
from pathlib import Path
from typing import List, Optional, Tuple

import pytest
from typer.testing import CliRunner

from spacy_quotes import render
from spacy_quotes.cli import app
from spacy_quotes.extract import extract_quotes
from spacy_quotes.inputs import Document
from spacy_quotes.quote import CONTENT, CUE, SOURCE
from spacy_quotes.render import by_paragraph, displacy_input, paragraphs, quote_pieces, render_page

ARTICLE = (
    "Port Reopens\n\n"
    "“We have fixed the cranes,” Harbour Minister Ada Kell said on Monday. “The ships can come back.”\n\n"
    "Union leader Tom Reyes said the workers had not been consulted.\n"
)
HOSTILE = '<script>alert("x")</script> "We <b>will</b> win & more," Smith said.\n'
VOID = {"meta", "br", "hr", "img", "input", "link"}


class TagChecker(HTMLParser):
    """Records the start tags and any tag that closes out of order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: List[str] = []
        self.starts: List[str] = []
        self.errors: List[str] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, str]]) -> None:
        self.starts.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def check_tags(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def rendered(nlp) -> Tuple[str, List[dict]]:
    documents = [Document("port", ARTICLE), Document("<id>", HOSTILE)]
    records = [quotes for _, quotes in extract_quotes(nlp, documents)]
    return render_page(zip(documents, records)), records


def test_page_shows_every_quote(rendered):
    page, records = rendered
    assert len(records[0]) >= 2
    for number, record in enumerate(records[0], start=1):
        assert f'<tr id="d1-q{number}">' in page
        assert f'href="#d1-q{number}"' in page  # the labels in the text link to the row
        assert html.escape(record["content"]["text"]) in page
    assert "Ada Kell" in page and "Tom Reyes" in page


def test_page_is_balanced_html(rendered):
    checker = check_tags(rendered[0])
    assert checker.errors == [] and checker.stack == []
    assert checker.starts.count("html") == checker.starts.count("body") == 1
    assert checker.starts.count("section") == 2 and checker.starts.count("table") == 2


def test_text_is_escaped(rendered):
    page = rendered[0]
    assert "script" not in check_tags(page).starts and "b" not in check_tags(page).starts
    assert "&lt;script&gt;" in page and "&lt;b&gt;will&lt;/b&gt;" in page
    assert "<h2>&lt;id&gt;</h2>" in page


def test_document_without_quotes():
    page = render_page([(Document("calm", "Nothing happened today.\n"), [])])
    assert "No quotes found." in page and "<table>" not in page


def chars(bounds: Optional[Tuple[int, int]]) -> Optional[dict]:
    return bounds and {"start_char": bounds[0], "end_char": bounds[1]}


def record(content: Tuple[int, int], cue=None, speaker=None) -> dict:
    """The fields of an `extract` record that `pieces` reads."""
    return {"content": {"parts": [chars(content)]}, "cue": chars(cue), "speaker": chars(speaker)}


def test_quote_pieces_and_paragraphs():
    text = "one two\n\nthree four\n"
    assert paragraphs(text) == [(0, 7), (9, 19)]
    found = quote_pieces([record((4, 14), cue=(0, 3)), record((15, 19), speaker=(9, 14))])
    assert found == [(4, 14, CONTENT, 1), (0, 3, CUE, 1), (15, 19, CONTENT, 2), (9, 14, SOURCE, 2)]
    # A content across the paragraph break is cut in two.
    assert by_paragraph(found, paragraphs(text)) == [
        [(4, 7, CONTENT, 1), (0, 3, CUE, 1)],
        [(9, 14, CONTENT, 1), (15, 19, CONTENT, 2), (9, 14, SOURCE, 2)],
    ]


def test_displacy_input_covers_whole_words():
    text = "He said, “fine.” Then left."
    pieces_ = [(3, 7, CUE, 1), (9, 16, CONTENT, 1), (16, 17, SOURCE, 2)]  # the last: whitespace only
    data = displacy_input(text, (0, len(text)), pieces_, "d1")
    assert data["tokens"] == ["He", "said,", "“fine.”", "Then", "left."]
    assert [(s["start_token"], s["end_token"], s["label"]) for s in data["spans"]] == [(1, 2, CUE), (2, 3, CONTENT)]
    assert data["spans"][0]["kb_url"] == "#d1-q1"


def test_render_command_reads_inputs_like_extract(nlp, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(render, "load_model", lambda model, threshold: nlp)
    (tmp_path / "port.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "report.html"
    inputs = [str(tmp_path / "port.txt"), str(tmp_path / "missing.txt")]
    result = CliRunner().invoke(app, ["render", *inputs, "-o", str(output)])
    assert result.exit_code == 1  # a failed input, reported after the others were rendered
    assert "missing.txt: no such file or directory" in result.output
    page = output.read_text(encoding="utf-8")
    assert "<h2>port</h2>" in page and 'id="d1-q1"' in page
