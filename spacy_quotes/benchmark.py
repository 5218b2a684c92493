"""Benchmark the `quotes` component: speed, memory, accuracy and cost by document length.

    python -m spacy_quotes.benchmark --polnear PATH/TO/polnear/dev [--model PATH]

- Speed: every system runs on the same texts (PolNeAR's when given, else the articles),
  as full pipelines and, for the component that finds quotes, alone on docs the rest of
  its pipeline has parsed. After an untimed first round, the runs are interleaved: each
  repeat runs every task once, in the same order, so that load on the machine falls on
  all of them alike. A task's ratio is taken repeat by repeat against its baseline's run
  in the same repeat; the table gives medians. Peak memory is tracemalloc's peak of the
  Python heap (numpy's arrays and spaCy's token arrays included) over one further,
  untimed pass that keeps its docs; allocations in child processes are not seen.
- Accuracy: `score_quotes` against PolNeAR's gold quotes, over all of them and over the
  direct ones only (gold and predicted quotes of type `direct`).
- Cost curve: the component alone on one doc each of about 1k, 10k, 100k and 1M
  characters, made by joining the parsed articles (parsed once, one by one).

The peer is textacy's `direct_quotations` (the `benchmark` extra), wrapped as the
`textacy_quotes` component so that it is measured and scored like ours.
"""
import resource
import statistics
import time
import tracemalloc
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path
from typing import Annotated, Any, Callable, Dict, List, Optional, Sequence, Tuple, TypeVar

import spacy
import typer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from wasabi import MarkdownRenderer, msg

from .corpus import read_polnear
from .extract import load_model
from .inputs import Document, read_inputs
from .machine import load_average, machine_info
from .peer import TEXTACY, textacy_available
from .pipeline import load_pipeline, resolve_base_pipeline
from .quote import QUOTES_KEY, get_quotes, set_quotes
from .scorer import score_quotes

BASE = "base pipeline"
SIZES = (1_000, 10_000, 100_000, 1_000_000)
ACCURACY_COLUMNS = (
    ("attribution P", "quotes_attribution_p"),
    ("attribution R", "quotes_attribution_r"),
    ("attribution F", "quotes_attribution_f"),
    ("content exact F", "quotes_content_exact_f"),
    ("content token F", "quotes_content_token_f"),
    ("cue exact F", "quotes_cue_exact_f"),
    ("source exact F", "quotes_source_exact_f"),
)

T = TypeVar("T")
Process = Callable[[Sequence[Any]], List[Doc]]


# Timing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """Something to time: a pipeline over texts, or a component over parsed docs."""

    name: str
    process: Process
    inputs: Sequence[Any]
    baseline: Optional[str] = None  # the task whose time, repeat by repeat, divides this one's
    traced: bool = True  # whether tracemalloc sees its allocations (not across processes)

    def run(self) -> List[Doc]:
        return self.process(self.inputs)


def interleave(tasks: Sequence[T], repeats: int) -> List[Tuple[int, T]]:
    """The order of the runs: each repeat runs every task once, A B C A B C …"""
    return [(repeat, task) for repeat in range(repeats) for task in tasks]


def time_tasks(tasks: Sequence[Task], repeats: int) -> Tuple[Dict[str, List[float]], Dict[str, List[Doc]]]:
    """Each task's seconds per repeat, after an untimed first round, and its last output."""
    for task in tasks:
        task.run()
    seconds: Dict[str, List[float]] = {task.name: [] for task in tasks}
    outputs: Dict[str, List[Doc]] = {}
    for _, task in interleave(tasks, repeats):
        start = time.perf_counter()
        output = task.run()
        seconds[task.name].append(time.perf_counter() - start)
        outputs[task.name] = output
    return seconds, outputs


def peak_memory(task: Task) -> int:
    """tracemalloc's peak, in bytes above the start, over one run of `task`."""
    tracemalloc.start()
    try:
        task.run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def median_ratio(seconds: Sequence[float], baseline: Sequence[float]) -> float:
    """The median over repeats of a time divided by the baseline's time in the same repeat."""
    return statistics.median(time / base for time, base in zip(seconds, baseline))


@dataclass
class SpeedRow:
    name: str
    seconds: List[float]  # per repeat
    words_per_second: float  # over the median time
    baseline: Optional[str]
    ratio: Optional[float]  # median_ratio against the baseline
    peak_mib: Optional[float]


def speed_rows(tasks: Sequence[Task], seconds: Dict[str, List[float]], words: int) -> List[SpeedRow]:
    """The speed table: medians, ratios to baselines and (in another pass) peak memory."""
    rows = []
    for task in tasks:
        times = seconds[task.name]
        ratio = median_ratio(times, seconds[task.baseline]) if task.baseline else None
        peak = peak_memory(task) / 2**20 if task.traced else None
        rows.append(SpeedRow(task.name, times, words / statistics.median(times), task.baseline, ratio, peak))
    return rows


# The systems compared ---------------------------------------------------------------


@dataclass
class System:
    """A pipeline, and the component of it that finds quotes (None for the base pipeline).

    `name` says what finds the quotes: "quotes (rules)", "textacy"…
    """

    name: str
    nlp: Language
    component: Optional[str] = None

    @property
    def pipeline_name(self) -> str:
        return f"base + {self.name}" if self.component else self.name

    def parse(self, texts: Sequence[str]) -> List[Doc]:
        """Docs of `texts` with every component but the one that finds quotes."""
        return list(self.nlp.pipe(texts, disable=[self.component] if self.component else []))

    def pipeline(self, batch_size: int, n_process: int = 1) -> Process:
        return lambda texts: list(self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process))

    def finder(self) -> Process:
        """The quote-finding component on its own, applied to parsed docs."""
        component = self.nlp.get_pipe(self.component)
        if hasattr(component, "pipe"):
            return lambda docs: list(component.pipe(docs))
        return lambda docs: [component(doc) for doc in docs]


def load_systems(model: Optional[str], textacy: bool) -> List[System]:
    """The base pipeline, base + rules, base + a trained `quotes` (given a model) and base + textacy."""
    base = resolve_base_pipeline()
    systems = [System(BASE, spacy.load(base)), System("quotes (rules)", load_pipeline(base), "quotes")]
    if model:
        systems.append(System("quotes (trained)", load_model(model), "quotes"))
    if textacy:
        peer = spacy.load(base)
        peer.add_pipe(TEXTACY)
        systems.append(System("textacy", peer, TEXTACY))
    return systems


def speed_tasks(systems: Sequence[System], texts: Sequence[str], batch_size: int, n_process: int) -> List[Task]:
    """Full pipelines against the base; the rules with `n_process` processes against one;
    each quote finder alone, on docs the rest of its pipeline parsed, against the base."""
    tasks = [Task(s.pipeline_name, s.pipeline(batch_size), texts, BASE if s.component else None) for s in systems]
    rules = systems[1]
    if n_process > 1:
        name = f"{rules.pipeline_name}, {n_process} processes"
        tasks.append(Task(name, rules.pipeline(batch_size, n_process), texts, rules.pipeline_name, traced=False))
    tasks += [Task(f"{s.name} alone", s.finder(), s.parse(texts), BASE) for s in systems[1:]]
    return tasks


# Accuracy --------------------------------------------------------------------------


def only_direct(doc: Doc) -> Doc:
    """A copy of `doc` that keeps its direct quotes only."""
    copy = doc.copy()
    set_quotes(copy, [quote for quote in get_quotes(doc) if quote.type == "direct"])
    return copy


@dataclass
class AccuracyRow:
    system: str
    subset: str
    quotes: int  # predicted
    scores: Dict[str, float]


def accuracy_rows(system: str, predicted: Sequence[Doc], gold: Sequence[Doc]) -> List[AccuracyRow]:
    """Scores of `predicted` over all gold quotes, then over the direct ones only."""
    rows = []
    for subset, view in (("all", lambda doc: doc), ("direct", only_direct)):
        pairs = [(view(doc), view(gold_doc)) for doc, gold_doc in zip(predicted, gold)]
        quotes = sum(len(get_quotes(doc)) for doc, _ in pairs)
        rows.append(AccuracyRow(system, subset, quotes, score_quotes(Example(*pair) for pair in pairs)))
    return rows


# Cost curve ------------------------------------------------------------------------


def joined(docs: Sequence[Doc], size: int) -> Doc:
    """`docs` in turn, again from the first if need be, while they fit in `size` characters
    (the first one at least), joined into one doc."""
    parts: List[Doc] = []
    length = 0
    for doc in cycle(docs):
        if parts and length + len(doc.text) > size:
            break
        parts.append(doc)
        length += len(doc.text)
    return Doc.from_docs(parts)


@dataclass
class CostPoint:
    chars: int
    tokens: int
    seconds: List[float]  # per repeat

    def ms_per_1k_chars(self, statistic: Callable[[Sequence[float]], float] = statistics.median) -> float:
        return 1e6 * statistic(self.seconds) / self.chars


def cost_curve(system: System, articles: Sequence[str], sizes: Sequence[int], repeats: int) -> List[CostPoint]:
    """The times of the quote finder alone on one doc of about each size."""
    parsed = system.parse(articles)
    docs = [joined(parsed, size) for size in sizes]
    finder = system.finder()
    tasks = [Task(str(size), finder, [doc]) for size, doc in zip(sizes, docs)]
    seconds, _ = time_tasks(tasks, repeats)
    return [CostPoint(len(doc.text), len(doc), seconds[task.name]) for task, doc in zip(tasks, docs)]


# The report ------------------------------------------------------------------------


@dataclass
class Report:
    machine: Dict[str, str]
    corpus: str
    repeats: int
    speed: List[SpeedRow]
    cost: List[CostPoint]
    accuracy: List[AccuracyRow] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


def _cell(value: Optional[float], form: str) -> str:
    return "–" if value is None else format(value, form)


def _speed_table(md: MarkdownRenderer, rows: Sequence[SpeedRow]) -> str:
    header = ["Run", "seconds per repeat", "words/s", "time ÷ baseline's (same repeat)", "peak MiB (tracemalloc)"]
    body = [
        [
            row.name,
            ", ".join(f"{time:.3f}" for time in row.seconds),
            f"{row.words_per_second:,.0f}",
            f"{_cell(row.ratio, '.3f')} × {row.baseline}" if row.baseline else "–",
            _cell(row.peak_mib, ",.2f"),
        ]
        for row in rows
    ]
    return md.table(body, header, ("l", "r", "r", "r", "r"))


def _accuracy_table(md: MarkdownRenderer, rows: Sequence[AccuracyRow]) -> str:
    header = ["System", "gold quotes", "predicted"] + [name for name, _ in ACCURACY_COLUMNS]
    body = [
        [row.system, row.subset, str(row.quotes)] + [f"{100 * row.scores[key]:.1f}" for _, key in ACCURACY_COLUMNS]
        for row in rows
    ]
    return md.table(body, header, ("l", "l") + ("r",) * (1 + len(ACCURACY_COLUMNS)))


def _cost_table(md: MarkdownRenderer, points: Sequence[CostPoint]) -> str:
    header = ["characters", "tokens", "seconds per repeat", "ms per 1k characters: median", "best"]
    body = [
        [
            f"{point.chars:,}",
            f"{point.tokens:,}",
            ", ".join(f"{time:.4f}" for time in point.seconds),
            f"{point.ms_per_1k_chars():.3f}",
            f"{point.ms_per_1k_chars(min):.3f}",
        ]
        for point in points
    ]
    return md.table(body, header, ("r",) * 5)


def to_markdown(report: Report) -> str:
    """The report as Markdown: the machine, then a table per measurement."""
    md = MarkdownRenderer()
    md.add(md.title(1, "spacy-quotes benchmark"))
    md.add(md.list(f"**{key}**: {value}" for key, value in report.machine.items()))
    md.add(md.title(2, "Speed"))
    md.add(f"{report.corpus}; {report.repeats} interleaved repeats, medians.")
    md.add(_speed_table(md, report.speed))
    if report.accuracy:
        md.add(md.title(2, "Accuracy"))
        md.add(_accuracy_table(md, report.accuracy))
    md.add(md.title(2, "Cost curve: the rules alone, by document length"))
    md.add(_cost_table(md, report.cost))
    if report.notes:
        md.add(md.title(2, "Notes"))
        md.add(md.list(report.notes))
    return md.text + "\n"


# Running it all --------------------------------------------------------------------


def read_texts(inputs: Sequence[str]) -> List[str]:
    """The texts of `inputs` (as `extract` reads them); an unreadable input is an error."""
    items = list(read_inputs(inputs))
    failures = [str(item) for item in items if not isinstance(item, Document)]
    if failures:
        raise ValueError("; ".join(failures))
    return [item.text for item in items]


def run_benchmark(
    articles: Sequence[str],
    polnear: Optional[Path] = None,
    model: Optional[str] = None,
    repeats: int = 3,
    batch_size: int = 32,
    n_process: int = 2,
    sizes: Sequence[int] = SIZES,
    textacy: bool = True,
) -> Report:
    """Measure speed and memory, accuracy (given PolNeAR) and the cost curve in one run."""
    machine = machine_info()
    if model:
        machine["trained model"] = model
    systems = load_systems(model, textacy)
    gold = list(read_polnear(polnear, systems[0].nlp)) if polnear else []
    texts = [doc.text for doc in gold] or list(articles)
    words = sum(len(doc) for doc in systems[0].nlp.tokenizer.pipe(texts))
    corpus = f"PolNeAR {polnear.name}" if polnear else "the benchmark articles"
    corpus = (
        f"{len(texts)} texts of {corpus}: {sum(map(len, texts)):,} characters, {words:,} words (tokens); "
        f"pipelines run in batches of {batch_size} texts"
    )
    tasks = speed_tasks(systems, texts, batch_size, n_process)
    seconds, outputs = time_tasks(tasks, repeats)
    speed = speed_rows(tasks, seconds, words)
    accuracy = [row for s in systems[1:] if gold for row in accuracy_rows(s.name, outputs[s.pipeline_name], gold)]
    cost = cost_curve(systems[1], articles, sizes, repeats)
    machine["load average at end"] = load_average()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    machine["peak RSS of the benchmark process"] = f"{peak_rss:,.0f} MiB"
    return Report(machine, corpus, repeats, speed, cost, accuracy, _notes(systems, outputs, gold))


def _notes(systems: Sequence[System], outputs: Dict[str, List[Doc]], gold: Sequence[Doc]) -> List[str]:
    notes = [
        "words/s of an `alone` run: the words of the texts over the component's own time; "
        "its ratio: the component's time over the base pipeline's, i.e. what it adds to the parse.",
        "Peak memory: tracemalloc's peak over one untimed pass that keeps its docs "
        "(child processes are not traced).",
    ]
    if gold:
        n_gold = sum(len(get_quotes(doc)) for doc in gold)
        n_direct = sum(len(get_quotes(only_direct(doc))) for doc in gold)
        notes.append(f"Gold: {n_gold} quotes, of which {n_direct} direct (all their words inside quotation marks).")
    for system in systems:
        if system.component == TEXTACY:
            docs = outputs[system.pipeline_name]
            failed = sum(1 for doc in docs if "error" in doc.spans[QUOTES_KEY].attrs)
            notes.append(f"textacy gave up on {failed} of {len(docs)} texts (an odd number of quotation marks).")
    return notes


def benchmark_command(
    polnear: Annotated[
        Optional[Path],
        typer.Option(exists=True, file_okay=False, help="A PolNeAR split (text/, attributions/) to time and score on."),
    ] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="A pipeline with a trained `quotes`.")] = None,
    articles: Annotated[
        List[str], typer.Option(help="Texts for the cost curve (and for speed, without --polnear).")
    ] = ["benchmarks/articles"],
    repeats: Annotated[int, typer.Option(min=1, help="Interleaved repeats; medians are reported.")] = 3,
    batch_size: Annotated[int, typer.Option(min=1, help="Texts per batch in the pipeline runs.")] = 32,
    n_process: Annotated[int, typer.Option(min=1, help="Also run the rules with this many processes.")] = 2,
    size: Annotated[List[int], typer.Option(min=1, help="Cost-curve document sizes, in characters.")] = list(SIZES),
    textacy: Annotated[bool, typer.Option(help="Compare textacy's direct quotations.")] = True,
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False)] = Path("benchmarks/RESULTS.md"),
) -> None:
    """Benchmark speed, memory, accuracy and cost by length, and write a Markdown report."""
    if textacy and not textacy_available():
        msg.warn("textacy is not installed (pip install 'spacy-quotes[benchmark]'): it is left out")
        textacy = False
    try:
        texts = read_texts(articles)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--articles'") from None
    report = run_benchmark(texts, polnear, model, repeats, batch_size, n_process, size, textacy)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(to_markdown(report), encoding="utf-8")
    msg.good(f"Results written to {output}")


if __name__ == "__main__":
    typer.run(benchmark_command)
