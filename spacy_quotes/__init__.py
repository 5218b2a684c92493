"""spacy-quotes: find who said what in news text."""
from .component import QuoteFinder, make_quote_finder
from .paragraphs import make_paragraph_breaks
from .pipeline import BASE_PIPELINES, load_pipeline, resolve_base_pipeline
from .quote import QUOTES_KEY, Quote, get_quotes, set_quotes

__all__ = [
    "BASE_PIPELINES",
    "QUOTES_KEY",
    "Quote",
    "QuoteFinder",
    "get_quotes",
    "load_pipeline",
    "make_paragraph_breaks",
    "make_quote_finder",
    "resolve_base_pipeline",
    "set_quotes",
]
