"""Render the quotes of texts as one self-contained HTML page: `spacy-quotes render`.

Each document's text is drawn with displaCy's span visualiser, a paragraph at a time,
with the contents, cues and sources of its quotes underlined in their colours and each
labelled with its quote's number, which links to the document's table of who said what:
speaker, role, type, score, cue and quote. The page works from the records that
`extract` writes, so long texts are processed in chunks as there. All text is escaped.
"""
import html
import re
import sys
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Annotated, Any, Dict, Iterable, List, Sequence, Tuple

import typer
from spacy import displacy

from .extract import InputsArgument, ModelOption, ThresholdOption, extract_quotes, load_model
from .inputs import Document, Failure, read_inputs
from .quote import CONTENT, CUE, SOURCE

Record = Dict[str, Any]
Piece = Tuple[int, int, str, int]  # start and end character, label, quote number

COLORS = {CONTENT: "#ffd666", CUE: "#69c0ff", SOURCE: "#95de64"}
LEGEND = {CONTENT: "what was said", CUE: "the words that report it", SOURCE: "who said it"}
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
_WORD = re.compile(r"\S+")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; }}
body {{ margin: 2em auto; max-width: 72em; }}
section {{ border-top: 1px solid #ddd; margin-top: 2em; }}
.spans {{ margin: 0.6em 0; }}
.spans span {{ white-space: nowrap; }}
.spans a {{ color: inherit; }}
table {{ border-collapse: collapse; margin: 1em 0 2em; width: 100%; font-size: 0.9em; }}
th, td {{ border: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }}
th {{ background: #f5f5f5; }}
tr:target {{ background: #fffbe6; }}
.key {{ padding: 0 0.4em; border-radius: 3px; font-weight: bold; font-size: 0.8em; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{legend}. The number after a label is its quote's row in the table below the text.</p>
{sections}
</body>
</html>
"""
SECTION = """<section id="{anchor}">
<h2>{name}</h2>
{text}
{table}
</section>"""
TABLE = """<table>
<thead><tr><th>#</th><th>Speaker</th><th>Role</th><th>Type</th><th>Score</th><th>Cue</th><th>Quote</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>"""
ROW = '<tr id="{anchor}"><td>{number}</td>{cells}</tr>'


def paragraphs(text: str) -> List[Tuple[int, int]]:
    """The start and end of each line of `text` with something on it."""
    return [match.span() for match in _PARAGRAPH.finditer(text)]


def quote_pieces(records: Iterable[Record]) -> List[Piece]:
    """The spans of the quotes to underline: content parts, cues and sources."""
    found = []
    for number, record in enumerate(records, start=1):
        spans = [(CONTENT, part) for part in record["content"]["parts"]]
        spans += [(label, record[key]) for label, key in ((CUE, "cue"), (SOURCE, "speaker")) if record[key]]
        found += [(span["start_char"], span["end_char"], label, number) for label, span in spans]
    return found


def by_paragraph(pieces: Iterable[Piece], bounds: Sequence[Tuple[int, int]]) -> List[List[Piece]]:
    """Each paragraph's share of `pieces`: a piece across paragraphs is cut at their ends."""
    ends = [end for _, end in bounds]
    shares: List[List[Piece]] = [[] for _ in bounds]
    for start, end, label, number in pieces:
        i = bisect_right(ends, start)
        while i < len(bounds) and bounds[i][0] < end:
            shares[i].append((max(start, bounds[i][0]), min(end, bounds[i][1]), label, number))
            i += 1
    return shares


def displacy_input(text: str, bounds: Tuple[int, int], pieces: Iterable[Piece], anchor: str) -> Dict[str, Any]:
    """The manual input of displaCy's span visualiser for one paragraph.

    Its tokens are the paragraph's words as whitespace separates them, since the
    visualiser puts a space after every token; a piece covers the words it touches.
    """
    words = [match.span() for match in _WORD.finditer(text, *bounds)]
    starts, ends = [start for start, _ in words], [end for _, end in words]
    spans = []
    for start, end, label, number in pieces:
        first, last = bisect_right(ends, start), bisect_left(starts, end)
        if first < last:
            link = {"kb_id": str(number), "kb_url": f"#{anchor}-q{number}"}
            spans.append({"start_token": first, "end_token": last, "label": label, **link})
    return {"text": text[slice(*bounds)], "tokens": [text[start:end] for start, end in words], "spans": spans}


def render_text(text: str, records: Sequence[Record], anchor: str) -> str:
    """The text with its quotes underlined, a displaCy span display per paragraph."""
    bounds = paragraphs(text)
    shares = by_paragraph(quote_pieces(records), bounds)
    inputs = [displacy_input(text, paragraph, share, anchor) for paragraph, share in zip(bounds, shares)]
    return displacy.render(inputs, style="span", manual=True, jupyter=False, options={"colors": COLORS})


def _speaker(record: Record) -> str:
    """The speaker's name, with the words that name them when those differ."""
    name, mention = record["speaker_name"], (record["speaker"] or {}).get("text")
    if name and mention and mention != name:
        return f"{html.escape(name)} <small>as “{html.escape(mention)}”</small>"
    return html.escape(name or mention or "unknown")


def quote_table(records: Sequence[Record], anchor: str) -> str:
    """Who said what: a row per quote."""
    if not records:
        return "<p>No quotes found.</p>"
    rows = []
    for number, record in enumerate(records, start=1):
        cells = [
            _speaker(record),
            html.escape(record["role"] or "–"),
            html.escape(record["type"]),
            f"{record['score']:.2f}",
            html.escape(record["cue"]["text"] if record["cue"] else "–"),
            html.escape(record["content"]["text"]),
        ]
        row_cells = "".join(f"<td>{cell}</td>" for cell in cells)
        rows.append(ROW.format(anchor=f"{anchor}-q{number}", number=number, cells=row_cells))
    return TABLE.format(rows="\n".join(rows))


def render_page(results: Iterable[Tuple[Document, Sequence[Record]]], title: str = "Who said what") -> str:
    """A self-contained HTML page of documents and the quote records found in them."""
    sections = []
    for number, (document, records) in enumerate(results, start=1):
        anchor = f"d{number}"
        sections.append(
            SECTION.format(
                anchor=anchor,
                name=html.escape(document.id),
                text=render_text(document.text, records, anchor),
                table=quote_table(records, anchor),
            )
        )
    legend = " · ".join(
        f'<span class="key" style="background: {COLORS[label]}">{label}</span> {words}'
        for label, words in LEGEND.items()
    )
    return PAGE.format(title=html.escape(title), legend=legend, sections="\n".join(sections))


def render_command(
    inputs: InputsArgument,
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="The HTML file to write.")],
    model: ModelOption = None,
    threshold: ThresholdOption = None,
) -> None:
    """Find the quotes in texts and show them on an HTML page, with a table of who said what.

    Exits with 1 when any input could not be read, after rendering all the others.
    """

    items = list(read_inputs(inputs))
    failures = [item for item in items if isinstance(item, Failure)]
    for failure in failures:
        print(failure, file=sys.stderr)
    documents = [item for item in items if isinstance(item, Document)]
    records = [quotes for _, quotes in extract_quotes(load_model(model, threshold), documents)]
    output.write_text(render_page(zip(documents, records)), encoding="utf-8")
    tally = f"Documents: {len(documents)}, quotes: {sum(map(len, records))}, failures: {len(failures)}"
    print(f"{tally}; wrote {output}", file=sys.stderr)
    if failures:
        raise typer.Exit(1)
