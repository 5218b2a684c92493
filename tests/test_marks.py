"""Pairing quotation marks into quoted regions."""
import pytest

from spacy_quotes.marks import quoted_regions


def regions(text):
    return [(text[r.start : r.end], r.balanced) for r in quoted_regions(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('"Yes," he said.', ['"Yes,"']),
        ("“We will not give numbers,” Kirby said, “but they rise.”", ["“We will not give numbers,”", "“but they rise.”"]),
        ("‘No comment,’ she said.", ["‘No comment,’"]),
        ("«Non», a-t-il dit.", ["«Non»"]),
        ("„Nein“, sagte sie.", ["„Nein“"]),
        ("''Never again,'' the mayor said.", ["''Never again,''"]),
        ("“Mixed marks,\" the aide said.", ["“Mixed marks,\""]),
    ],
)
def test_pairs_every_kind_of_mark(text, expected):
    assert [quoted for quoted, _ in regions(text)] == expected


def test_apostrophes_are_not_quote_marks():
    text = "Russia’s army, rebuilt in the ’90s, doesn’t move, the parents’ group said."
    assert regions(text) == []


def test_single_quote_with_apostrophe_inside():
    assert regions("He said 'it's over' and left.") == [("'it's over'", True)]


def test_quote_continues_at_next_paragraph_that_reopens():
    text = "“The first paragraph ends open.\n\n“The second one closes,” she said."
    assert regions(text) == [(text[: text.index("she") - 1], True)]


@pytest.mark.parametrize("first", ['"', "``"])
def test_quote_continues_only_with_a_mark_of_its_style(first):
    # A stray straight mark does not swallow the next paragraph's curly quotation.
    text = f"{first}Melanie thought it outrageous.\n\n“It never crossed my mind,” she said."
    assert regions(text) == [(f"{first}Melanie thought it outrageous.", False), ("“It never crossed my mind,”", True)]
    # Reopened in its own style, it goes on.
    same_style = f"{first}Melanie thought it outrageous.\n\n{first}It never crossed my mind,” she said."
    assert regions(same_style) == [(same_style[: same_style.index(" she")], True)]


def test_unclosed_quote_ends_at_paragraph_unbalanced():
    text = "He said “this never closes.\n\nA plain paragraph follows."
    assert regions(text) == [("“this never closes.", False)]


def test_stray_closer_never_raises_and_is_unbalanced():
    text = "no opener here,” the senator said."
    assert regions(text) == [("no opener here,”", False)]


@pytest.mark.parametrize("blank", ["\xa0", "\u200b", "\ufeff", "\u2060"])
def test_a_straight_mark_opens_after_a_no_break_or_invisible_character(blank):
    # Scraped pages put these where a space or nothing shows: 'said:\xa0"Yes."', a byte-order mark.
    text = f'Kirby said:{blank}"Yes, we are ready." Then he left.'
    assert regions(text) == [('"Yes, we are ready."', True)]
    assert regions(f'{blank}"We will win," she said.') == [('"We will win,"', True)]
