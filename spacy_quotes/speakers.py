"""Speaker names and roles, resolved across a document in one left-to-right pass."""
import re
from bisect import bisect_left
from collections import deque
from typing import Callable, Deque, Dict, List, Optional, Set, Tuple

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    GROUP_PRONOUNS,
    ORGANISATION_NOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SPOKESPERSON_NOUNS,
    SPOKESPERSON_TITLES,
    TITLE_ABBREVIATIONS,
)
from .spans import after_dateline

NAMED = ("PERSON", "ORG", "NORP", "GPE")
SURNAME = "SURNAME"  # the label of a named person's surname where the entity recogniser missed it
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr.".split())  # no role
# The gender of a person a pronoun refers to, and of one with an honorific or a role noun.
PRONOUN_GENDERS = {**dict.fromkeys(("he", "him"), "male"), **dict.fromkeys(("she", "her"), "female")}
TITLE_GENDERS = {
    **dict.fromkeys(("mr", "mr."), "male"),
    **dict.fromkeys(("mrs", "mrs.", "ms", "ms.", "miss"), "female"),
    **{noun: "female" if noun.endswith("woman") else "male" for noun in ROLE_NOUNS if noun.endswith("man")},
}
# Titles abbreviated before a name, with and without their full stop ("sen.", "sen").
TITLES = {form: noun for title, noun in TITLE_ABBREVIATIONS.items() for form in (title.lower(), title.lower()[:-1])}
# Words that a name, read leftwards from its last word, stops before: "Mayor Ana Ruiz".
NOT_NAMES = ROLE_NOUNS | HONORIFICS | frozenset(TITLES)
SUBJECTS = ("nsubj", "nsubjpass")
LOOKBACK = 20  # persons a pronoun reaches back past for one of its gender
DEFINITE = ("the", "this", "that")  # determiners that point back to someone or something named before

Resolution = Tuple[Optional[str], Optional[str]]


def _clean(text: str) -> str:
    """A name without a leading article, a trailing possessive or a dash at either end (the
    entity recogniser may take in the dash that signs a quote: "― Ana Lopez")."""
    text = text.strip().strip("―—–-").strip()
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article) :]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _strip(span: Span) -> Optional[str]:
    """A role phrase without a wire story's dateline ("BERLIN (Reuters) - German Chancellor"),
    articles, possessive pronouns ("its chair"), honorifics, edge punctuation and spaces, or a
    relative clause ("a lawyer for the union, who has …"). None if it has no noun, or a verb of
    its own (a headline read as an appositive: "Mayor Was Bluffing …")."""
    doc = span.doc
    start = after_dateline(doc, span.start, span.end)
    end = min([t.left_edge.i for t in span if t.dep_ == "relcl"] + [span.end])
    tokens = [t for t in doc[start:end] if not (t.is_punct or t.is_space) or t.text in ("'s", "’s")]
    while tokens and (tokens[0].dep_ == "det" or tokens[0].tag_ == "PRP$" or tokens[0].lower_ in HONORIFICS):
        tokens = tokens[1:]
    if not tokens or not any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in HONORIFICS for t in tokens):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "nmod") for t in tokens):
        return None
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _names_in(name: str, text: str) -> bool:
    """Whether `text` holds `name` as whole words: "Pentagon" in "Pentagon press secretary"."""
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def _determiner(noun: Token) -> Optional[str]:
    """The determiner of `noun`, in lower case: "the" of "the spokesman"."""
    return next((c.lower_ for c in noun.lefts if c.dep_ == "det"), None)


def role_nouns(role: str) -> Set[str]:
    """The role nouns by which a later "the <noun>" may refer to the holder of `role`."""
    role = role.lower()
    nouns = {TITLES.get(word) or word for word in role.split()} & ROLE_NOUNS
    if nouns & SPOKESPERSON_NOUNS or any(title in role for title in SPOKESPERSON_TITLES):
        nouns |= SPOKESPERSON_NOUNS
    return nouns


def _in_word(token: Token) -> bool:
    """Whether `token` is a hyphen inside a word, as in "Jean-Pierre"."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_


def name_core(head: Token, start: int) -> Span:
    """The name ending at `head`, from no earlier than `start`, without a title before it:
    "Mayor Ana Ruiz" gives "Ana Ruiz", "Secretary of Defense Lloyd Austin" gives "Lloyd Austin"."""
    doc = head.doc
    first = head.i
    while first > start and doc[first - 1].head.i in range(first, head.i + 1):
        word = doc[first - 1]
        if word.is_quote and first - 3 >= start and doc[first - 3].is_quote and doc[first - 2].pos_ == "PROPN":
            first -= 3  # a nickname: Robert C. "Bobby" Scott
            continue
        if word.lower_ in NOT_NAMES or not (word.pos_ == "PROPN" or _in_word(word) or is_initial(word)):
            break
        if word.ent_type_ and word.ent_type_ != head.ent_type_:  # "Democrat Joe Manchin"
            break
        first -= 1
    if _in_word(doc[first]):  # "anti-Trump": no name before the hyphen
        first += 1
    return doc[first : head.i + 1]


def is_initial(token: Token) -> bool:
    """A middle initial, which the tagger may take for a noun: "Teresa A. Salas"."""
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def name_span(ent: Span) -> Span:
    """The name of a named entity, without a title it may have taken in, and with the first
    names it may have left out ("Councilwoman [Carmen] [Rubio]"); a name that goes on after
    its head, as "Bank of England" does, is kept whole."""
    root = ent.root
    return name_core(root, root.left_edge.i) if root.pos_ == "PROPN" and root.i == ent.end - 1 else ent


def is_person(ent: Span) -> bool:
    """Whether `ent` names a person: one the entity recogniser labels PERSON, or a title and
    a name that it labels otherwise ("Councilwoman Carmen Rubio" as an ORG)."""
    titled = ent[0].lower_ in NOT_NAMES and all(token.pos_ == "PROPN" or _in_word(token) for token in ent)
    return ent.label_ == "PERSON" or (titled and name_span(ent).start > ent.start)


def role_of(head: Token, name_start: int) -> Optional[str]:
    """The role a name is the appositive of ("the Pentagon press secretary, John Kirby,"), the
    title before it ("press secretary John Kirby") or its appositive ("Kirby, the …")."""
    holder = head.head
    if head.dep_ == "appos" and holder.i < head.i and holder.pos_ == "NOUN" and holder.lemma_ in ROLE_NOUNS:
        role = _strip(head.doc[holder.left_edge.i : head.left_edge.i])
        if role is not None:
            return role
    # Hung on the name's head, or on a first name ("Rep." on "Robert" in 'Rep. Robert C. "Bobby" Scott').
    before = head.doc[head.left_edge.i : name_start]
    titles = [t for t in before if t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.i >= name_start]
    title = _strip(head.doc[titles[0].left_edge.i : name_start]) if titles else None
    if title is not None:  # not an honorific alone, as "Dr." is
        return title
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            role = _strip(head.doc[child.left_edge.i : child.right_edge.i + 1])
            if role is not None:  # an age ("Luis Ortega, 54, a retiree") is not a role
                return role
    return None


def _same_person(name: str, other: str) -> bool:
    """Whether two names with one surname may name one person: both have the same first name
    ("John Kirby", "John F. Kirby"), or the shorter is the end of the longer ("Kirby", "López
    Obrador" for "Andrés Manuel López Obrador"); not "Bill Clinton" and "Hillary Clinton"."""
    short, long = sorted((name.split(), other.split()), key=len)
    return short[0] == long[0] or long[-len(short) :] == short


def gender_of(ent: Span, name: Span, role: Optional[str]) -> Optional[str]:
    """The gender an honorific or a role noun gives the person `ent` names: "Ms. Lopez",
    "Congresswoman Lopez", "Lopez, the committee chairwoman,"."""
    words = [name.doc[name.start - 1].lower_] if name.start else []
    words += (role or "").lower().split()
    words += [token.lower_ for child in ent.root.rights if child.dep_ == "appos" for token in child.subtree]
    return next((TITLE_GENDERS[word] for word in words if word in TITLE_GENDERS), None)


class SpeakerResolver:
    """Resolve source mentions to names and roles; call `resolve` in document order."""

    def __init__(self, doc: Doc) -> None:
        self.mentions: List[Span] = [ent for ent in doc.ents if ent.label_ in NAMED]
        self._starts = [ent.start for ent in self.mentions]
        # By surname: the fullest form of each person's name, in document order.
        self.full_names: Dict[str, List[str]] = {}
        for ent in self.mentions:
            if is_person(ent):
                self._add_name(_clean(name_span(ent).text))
        # What the look-back takes in, in document order: the named mentions, and the surnames of
        # persons named where the recogniser missed them ("Carver is expected …" after "Helen Carver").
        self._to_absorb = sorted(self.mentions + self._unrecognised_surnames(doc), key=lambda span: span.start)
        self._next = 0
        self.roles: Dict[str, str] = {}
        self.role_holders: Dict[str, str] = {}
        self.genders: Dict[str, str] = {}
        # The last persons named, and named as subjects or speakers, the latest last; and by surname.
        self.persons: Deque[str] = deque(maxlen=LOOKBACK)
        self.subjects: Deque[str] = deque(maxlen=LOOKBACK)
        self.latest_persons: Dict[str, str] = {}
        self.latest_subjects: Dict[str, str] = {}
        self.last_group: Optional[str] = None
        self.last_organisation: Optional[str] = None

    def _unrecognised_surnames(self, doc: Doc) -> List[Span]:
        """The tokens outside any entity that are the surname of a person named in `doc`."""
        return [
            Span(doc, token.i, token.i + 1, label=SURNAME)
            for token in doc
            if token.pos_ == "PROPN" and not token.ent_type_ and token.text in self.full_names
        ]

    def _add_name(self, name: str) -> None:
        """Keep `name` as a person's full name, or as a fuller form of one kept with the same
        first name ("John F. Kirby" for "John Kirby") or of a surname alone."""
        if not name:
            return
        forms = self.full_names.setdefault(name.split()[-1], [])
        for k, form in enumerate(forms):
            if _same_person(form, name):
                forms[k] = max(form, name, key=len)
                return
        forms.append(name)

    def _is_person_name(self, name: str) -> bool:
        """Whether `name` is the fullest form of a person's name in the document."""
        return bool(name) and name in self.full_names.get(name.split()[-1], ())

    def name_of(self, mention: Span) -> str:
        """The most complete form in the document of the name in `mention`; for a surname alone,
        that of the latest subject or speaker with that surname, else of the latest person named
        with it, else of the first ("Clinton" after "Bill Clinton said … his wife Hillary Clinton")."""
        name = _clean(mention.text)
        if not name:
            return name
        if name.isupper() and name.title().split()[-1] in self.full_names:  # a transcript's "NEWSOM:"
            name = name.title()
        if " " in name:
            forms = self.full_names.get(name.split()[-1], ())
            return next((form for form in forms if _same_person(form, name)), name)
        named = self.latest_subjects.get(name) or self.latest_persons.get(name)
        return named or next(iter(self.full_names.get(name, ())), name)

    def resolve(self, source: Optional[Span]) -> Resolution:
        """The name and role of whoever `source` refers to."""
        if source is None:
            return None, None
        self._absorb_until(source.start)
        name, role = self._describe(source)
        self._absorb_until(source.end)
        if name is not None:
            role = role or self.roles.get(name)
            if role:
                self._remember(name, role)
            if self._is_person_name(name):
                self._add_subject(name)
        return name, role

    def _describe(self, source: Span) -> Resolution:
        head = source.root
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":  # "Park, …, who argued"
            antecedent = head.head.head
            return self._describe(source.doc[antecedent.left_edge.i : antecedent.i + 1])
        ents = self._mentions_in(source)
        own = next((e for e in ents if e.start <= head.i < e.end), None)
        if own is not None and (is_person(own) or head.pos_ == "PROPN"):
            name, role = self._named(own)
            others = [e for e in ents if is_person(e) and e.root in head.conjuncts]
            if others:  # "Sens. Ted Cruz and John Cornyn"
                names = [name] + [self.name_of(name_span(e)) for e in others]
                return f"{', '.join(names[:-1])} and {names[-1]}", role
            return name, role
        if head.pos_ == "NOUN" and head.lemma_ in ROLE_NOUNS:
            return self._describe_role(head, source, ents)
        person = next((e for e in ents if is_person(e)), None)
        if person is not None:
            return self._named(person)
        if head.lower_ in PERSON_PRONOUNS:
            gender = PRONOUN_GENDERS[head.lower_]
            return self._latest(lambda name: self.genders.get(name, gender) == gender), None
        if head.lower_ in GROUP_PRONOUNS:
            return self.last_group, None
        if head.lemma_ in ORGANISATION_NOUNS and not ents and _determiner(head) in DEFINITE:  # "the company"
            return self.last_organisation, None
        if head.pos_ == "NOUN" and head.text not in self.full_names:  # not a surname tagged as a noun
            return (self.name_of(ents[-1]), None) if ents else (None, None)
        if head.pos_ in ("PROPN", "NOUN"):
            name = name_core(head, source.start)
            if head.text in self.full_names:  # a fuller form of a person's name the recogniser missed
                self._add_name(_clean(name.text))
            return self.name_of(name), role_of(head, name.start)
        if ents:
            return self.name_of(ents[-1]), None
        return None, None

    def _mentions_in(self, span: Span) -> List[Span]:
        """The named mentions wholly inside `span`, as `span.ents` would filter them but
        without its scan of the whole document, which made resolution quadratic."""
        found = []
        i = bisect_left(self._starts, span.start)
        while i < len(self.mentions) and self.mentions[i].end <= span.end:
            found.append(self.mentions[i])
            i += 1
        return found

    def _named(self, ent: Span) -> Resolution:
        span = name_span(ent)
        name, role = self.name_of(span), role_of(ent.root, span.start)
        gender = gender_of(ent, span, role)
        if gender is not None:
            self.genders.setdefault(name, gender)
        return name, role

    def _add_subject(self, name: str) -> None:
        self.subjects.append(name)
        self.latest_subjects[name.split()[-1]] = name

    def _latest(self, fits: Callable[[str], bool]) -> Optional[str]:
        """The latest of the last `LOOKBACK` persons named as a subject or speaker, else named at
        all, that `fits`."""
        for names in (self.subjects, self.persons):
            name = next((name for name in reversed(names) if fits(name)), None)
            if name is not None:
                return name
        return None

    def _describe_role(self, head: Token, source: Span, ents: List[Span]) -> Resolution:
        """ "the spokesman", "a spokesperson for the State Department", "Putin's adviser": the
        person named beside the role, the last holder of the role, the last person whose role
        names the organisation of "the Pentagon official", or the organisation it serves."""
        role = _strip(source)
        for child in head.rights:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                # A source span the model predicts may cut the name off.
                ent = next((e for e in ents if e.start <= child.i < e.end), None)
                if ent is not None:
                    return self.name_of(name_span(ent)), _strip(source.doc[source.start : child.left_edge.i])
        # A place or a people before the role noun says where the holder is from, not whom
        # they speak for: "the Vermont senator", "the Republican leader".
        ents = [e for e in ents if e.label_ in ("PERSON", "ORG") or e.start > head.i]
        determiner = _determiner(head)
        if determiner in DEFINITE and not ents:
            name = self.role_holders.get(head.lemma_)
            return name, (self.roles.get(name) if name else None) or role
        organisations = [e for e in ents if not is_person(e)]
        if not organisations:
            return None, role
        organisation = self.name_of(organisations[-1])
        if self._is_person_name(organisation):  # a surname taken for an organisation: "a spokesman for Hahn"
            return None, role
        if determiner in DEFINITE:
            holder = self._latest(lambda name: _names_in(organisation, self.roles.get(name, "")))
            if holder is not None:
                return holder, self.roles[holder]
        return organisation, role

    def _absorb_until(self, i: int) -> None:
        """Take in the mentions that start before token `i`."""
        while self._next < len(self._to_absorb) and self._to_absorb[self._next].start < i:
            ent = self._to_absorb[self._next]
            self._next += 1
            if ent.label_ == SURNAME:  # no role: the words around a surname the recogniser missed are rarely one
                self._add_person(ent, self.name_of(name_span(ent)), None)
                continue
            name, role = self._named(ent)
            if not name:  # "’s", the root the parser gave "Donald Trump’s" in "her speech following Donald Trump’s"
                continue
            if not is_person(ent):
                self.last_group = name
                if ent.label_ == "ORG":
                    self.last_organisation = name
                continue
            self._add_person(ent, name, role)

    def _add_person(self, mention: Span, name: str, role: Optional[str]) -> None:
        """Keep `name` among the persons named, and the subjects if `mention` is one."""
        self.persons.append(name)
        self.latest_persons[name.split()[-1]] = name
        if mention.root.dep_ in SUBJECTS:
            self._add_subject(name)
        if role:
            self._remember(name, role)

    def _remember(self, name: str, role: str) -> None:
        self.roles.setdefault(name, role)
        for noun in role_nouns(role):
            self.role_holders[noun] = name
