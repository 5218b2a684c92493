"""The `quotes` pipeline component."""
from typing import Callable, Iterable, List, Optional

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from .quote import Quote, install_extensions, set_quotes
from .rules import find_quotes


@Language.factory(
    "quotes",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
    default_config={},
)
def make_quote_finder(nlp: Language, name: str) -> "QuoteFinder":
    """Create a `quotes` component that finds quotations with rules."""
    return QuoteFinder(nlp, name)


class QuoteFinder(Pipe):
    """Find direct, indirect and mixed quotations and who said them.

    The quotes are stored in `doc.spans["quotes"]` and read through `doc._.quotes`.
    """

    def __init__(self, nlp: Language, name: str = "quotes") -> None:
        self.name = name
        self.vocab = nlp.vocab
        install_extensions()

    def __call__(self, doc: Doc) -> Doc:
        set_quotes(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> List[Quote]:
        return find_quotes(doc)
