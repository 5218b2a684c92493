"""Fixtures shared by the test suite."""

import pytest
from spacy.language import Language

from spacy_quotes.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The base pipeline with the `quotes` component, loaded once per session."""
    return load_pipeline()
