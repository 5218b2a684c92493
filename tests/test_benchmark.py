"""The benchmark's pieces: run order, ratios, the textacy peer, joining docs, the report."""
from pathlib import Path
from typing import List, Optional

import pytest

from spacy_quotes.benchmark import (
    ACCURACY_COLUMNS,
    BASE,
    AccuracyRow,
    CostPoint,
    Report,
    SpeedRow,
    Task,
    interleave,
    joined,
    median_ratio,
    only_direct,
    run_benchmark,
    time_tasks,
    to_markdown,
)
from spacy_quotes.peer import textacy_available, textacy_quotes
from spacy_quotes.quote import QUOTES_KEY, get_quotes

ARTICLE = (
    "“We have fixed the cranes,” Harbour Minister Ada Kell said on Monday.\n\n"
    "Union leader Tom Reyes said the workers had not been consulted.\n"
)


def test_runs_are_interleaved():
    assert interleave("AB", 3) == [(0, "A"), (0, "B"), (1, "A"), (1, "B"), (2, "A"), (2, "B")]


def test_ratios_are_taken_repeat_by_repeat():
    # The median of the ratios (2, 1, 3), not the ratio of the medians (4 / 4).
    assert median_ratio([2.0, 4.0, 30.0], [1.0, 4.0, 10.0]) == 2.0


def test_time_tasks_warms_up_then_runs_in_turn():
    calls: List[tuple] = []

    def task(name: str) -> Task:
        return Task(name, lambda inputs: calls.append((name, len(inputs))) or [name], inputs=[1, 2, 3])

    seconds, outputs = time_tasks([task("A"), task("B")], repeats=2)
    assert calls == [("A", 3), ("B", 3)] * 3  # a warm-up round, then two timed ones
    assert {name: len(times) for name, times in seconds.items()} == {"A": 2, "B": 2}
    assert all(time > 0 for times in seconds.values() for time in times)
    assert outputs == {"A": ["A"], "B": ["B"]}


def test_joined_cycles_docs_up_to_the_size(nlp):
    docs = [nlp.make_doc("One two.\n"), nlp.make_doc("Three four five.\n")]
    assert joined(docs, 1).text == "One two.\n"  # the first doc at least
    assert joined(docs, 40).text == "One two.\nThree four five.\nOne two.\n"


def test_textacy_quotes_become_direct_quotes(nlp):
    pytest.importorskip("textacy")
    quotes = get_quotes(textacy_quotes(nlp(ARTICLE)))
    assert [(q.text, q.cue.text, q.speaker.text, q.type) for q in quotes] == [
        ("“We have fixed the cranes,”", "said", "Minister Ada Kell", "direct")
    ]
    unpaired = textacy_quotes(nlp("“We are open,” she said. “And more."))
    assert get_quotes(unpaired) == [] and "quotation marks" in unpaired.spans[QUOTES_KEY].attrs["error"]


def test_only_direct_keeps_direct_quotes(nlp):
    doc = nlp(ARTICLE)
    assert sorted(q.type for q in get_quotes(doc)) == ["direct", "indirect"]
    direct = only_direct(doc)
    assert [q.type for q in get_quotes(direct)] == ["direct"]
    assert len(get_quotes(doc)) == 2  # the original is left alone


def test_markdown_report():
    report = Report(
        machine={"CPU": "Test CPU, 2 cores"},
        corpus="2 texts",
        repeats=3,
        speed=[
            SpeedRow(BASE, [1.0, 1.25], 10_000.0, None, None, 40.25),
            SpeedRow("quotes (rules) alone", [0.02, 0.03], 500_000.0, BASE, 0.02, None),
        ],
        cost=[CostPoint(chars=2_000, tokens=400, seconds=[0.001, 0.0008, 0.002])],
        accuracy=[AccuracyRow("quotes (rules)", "direct", 7, {key: 0.5 for _, key in ACCURACY_COLUMNS})],
        notes=["A note."],
    )
    text = to_markdown(report)
    assert "- **CPU**: Test CPU, 2 cores" in text
    assert "| base pipeline | 1.000, 1.250 | 10,000 | – | 40.25 |" in text
    assert "| quotes (rules) alone | 0.020, 0.030 | 500,000 | 0.020 × base pipeline | – |" in text
    assert "| quotes (rules) | direct | 7 | 50.0 | 50.0 | 50.0 | 50.0 | 50.0 | 50.0 | 50.0 |" in text
    assert "| 2,000 | 400 | 0.0010, 0.0008, 0.0020 | 0.500 | 0.400 |" in text
    assert "- A note." in text


def offsets(phrase: str, length: Optional[int] = None) -> str:
    """The brat offsets of the first `length` characters of `phrase` in ARTICLE."""
    start = ARTICLE.index(phrase)
    return f"{start} {start + (length or len(phrase))}"


def test_a_tiny_run(tmp_path: Path):
    """One repeat on a hand-made PolNeAR-style split of one article, with every part of the report."""
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "port.txt").write_text(ARTICLE, encoding="utf-8")
    cue = offsets("said the workers", length=4)
    (split / "attributions" / "port_aaaa.ann").write_text(
        f"T1\tSource {offsets('Union leader Tom Reyes')}\tx\n"
        f"T2\tCue {cue}\tx\n"
        f"T3\tContent {offsets('the workers had not been consulted')}\tx\n"
        f"T4\tAttribution {cue}\tx\n"
        f"T5\tSource {offsets('Harbour Minister Ada Kell')}\tx\n"
        f"T6\tCue {offsets('said on', length=4)}\tx\n"
        f"T7\tContent {offsets('“We have fixed the cranes,”')}\tx\n"
        f"T8\tAttribution {offsets('said on', length=4)}\tx\n"
        "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n",
        encoding="utf-8",
    )
    textacy = textacy_available()
    report = run_benchmark(
        [ARTICLE, ARTICLE], polnear=split, repeats=1, batch_size=1, n_process=2, sizes=[100, 300], textacy=textacy
    )
    names = [row.name for row in report.speed]
    assert names[:2] == [BASE, "base + quotes (rules)"] and "quotes (rules) alone" in names
    assert "base + quotes (rules), 2 processes" in names
    assert ("textacy alone" in names) == textacy
    assert all(row.words_per_second > 0 for row in report.speed)
    assert all(row.ratio > 0 for row in report.speed if row.baseline)
    traced = [row for row in report.speed if row.name.startswith("base +") and "processes" not in row.name]
    assert all(row.peak_mib > 0 for row in traced)
    rules = {row.subset: row for row in report.accuracy if row.system == "quotes (rules)"}
    assert rules["all"].scores["quotes_attribution_f"] > 0 and rules["direct"].quotes == 1
    assert [point.chars for point in report.cost] == [len(ARTICLE), 2 * len(ARTICLE)]
    assert all(time > 0 for point in report.cost for time in point.seconds)
    assert "PolNeAR dev" in report.corpus
