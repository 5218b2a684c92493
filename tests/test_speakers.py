"""Speaker names and roles, resolved across the document."""
import pytest
import spacy
from spacy.tokens import Doc

from spacy_quotes.speakers import role_of


def speakers(nlp, text):
    return [(q.speaker.text if q.speaker else None, q.speaker_name, q.role) for q in nlp(text)._.quotes]


@pytest.mark.parametrize(
    "text,name,role",
    [
        ("U.S. Secretary of Defense Lloyd Austin said the alliance was strong.", "Lloyd Austin", "U.S. Secretary of Defense"),
        ("Pentagon press secretary John Kirby said the strikes would continue.", "John Kirby", "Pentagon press secretary"),
        ("Sen. Maria Lopez said the bill would pass.", "Maria Lopez", "Sen."),
        ("Dr. Ana Ruiz said the drug was safe.", "Ana Ruiz", None),
        ("Kirby, the Pentagon press secretary, said the strikes would continue.", "Kirby", "Pentagon press secretary"),
        ("Dr. Priya Shah, the county's chief medical officer, said cases would rise.", "Priya Shah", "county's chief medical officer"),
        ("A spokesperson for the State Department said the talks had stalled.", "State Department", "spokesperson for the State Department"),
        ("Putin's foreign policy adviser Yuri Ushakov said the meeting was useful.", "Yuri Ushakov", "Putin's foreign policy adviser"),
        ("The State Department said the talks had stalled.", "State Department", None),
        ("The Bank of England warned that inflation remained high.", "Bank of England", None),
        ("Karine Jean-Pierre, the White House press secretary, said the plan was fair.", "Karine Jean-Pierre", "White House press secretary"),
        ("Democrat Joe Manchin said the bill was too expensive.", "Joe Manchin", "Democrat"),
        ("Luis Ortega, 54, a retiree in Hialeah, said the power was out.", "Luis Ortega", "retiree in Hialeah"),
        ("The Fed held rates, and its chair, Jerome Powell, said it was patient.", "Jerome Powell", "chair"),
        ("Sens. Ted Cruz and John Cornyn said the bill would fail.", "Ted Cruz and John Cornyn", "Sens."),
        # The parser takes a wire story's dateline into the title.
        ("BERLIN (Reuters) - German Chancellor Olaf Brandt said the coalition would hold.", "Olaf Brandt", "German Chancellor"),
        ("Ted Cruz, Mike Lee and Rand Paul said the bill would fail.", "Ted Cruz, Mike Lee and Rand Paul", None),
        ("Mayor Ana Ruiz and the city council said the plan would work.", "Ana Ruiz", "Mayor"),
        ("House Speaker Mike Johnson (R-La.) said the bill would pass.", "Mike Johnson", "House Speaker"),
        ("Acme Bank CEO Jane Doe said the bank would hire 300 workers.", "Jane Doe", "Acme Bank CEO"),
        ('Rep. Robert C. "Bobby" Scott said the bill was unfair.', 'Robert C. "Bobby" Scott', "Rep."),
        ("Republican nominee\u00a0Gov.\u00a0Ana Ruiz said the remarks were a joke.", "Ana Ruiz", "Republican nominee\u00a0Gov."),
        (
            "Ana Ruiz, a lawyer for the tenants' union, who has fought the landlord for years, said the plan was illegal.",
            "Ana Ruiz",
            "lawyer for the tenants' union",
        ),
        ("“We pray,” said the Rev. John Doe, of First Baptist Church.", "John Doe", "Rev."),
        # Abbreviated titles the tokenizer keeps whole (spacy_quotes/tokenizer.py).
        ("Capt. Ana Ruiz said the ship was safe.", "Ana Ruiz", "Capt."),
        ("Lt. Gov. Dan Patrick said the bill would pass.", "Dan Patrick", "Lt. Gov."),
        ("Brig. Gen. Pat Ryder told reporters that the strikes would continue.", "Pat Ryder", "Brig. Gen."),
        # The entity recogniser takes this titled name for an organisation.
        ("Councilwoman Carmen Rubio said the lanes would save lives.", "Carmen Rubio", "Councilwoman"),
        # The adviser or lawyer of a named person is not that person.
        ("An adviser to Vladimir Putin said the meeting was useful.", None, "adviser to Vladimir Putin"),
        ("A lawyer for Donald Trump said the case would be dismissed.", None, "lawyer for Donald Trump"),
    ],
)
def test_name_and_role_from_the_source_phrase(nlp, text, name, role):
    [(_, found_name, found_role)] = speakers(nlp, text)
    assert (found_name, found_role) == (name, role)


def test_pronoun_surname_and_role_noun_resolve_to_the_full_name_with_its_role(nlp):
    text = (
        "Pentagon press secretary John F. Kirby spoke to reporters on Monday.\n\n"
        "“We are ready,” he said.\n\n"
        "Kirby added that the ships would sail on Friday.\n\n"
        "The press secretary said the schedule could change."
    )
    assert speakers(nlp, text) == [
        ("he", "John F. Kirby", "Pentagon press secretary"),
        ("Kirby", "John F. Kirby", "Pentagon press secretary"),
        ("The press secretary", "John F. Kirby", "Pentagon press secretary"),
    ]


def test_pronoun_goes_to_the_most_recent_named_speaker(nlp):
    text = (
        "Senator Maria Lopez said the bill would pass. "
        "Governor Tom Reyes said the bill would fail. "
        "He added that he would veto it."
    )
    names = [name for _, name, _ in speakers(nlp, text)]
    assert names == ["Maria Lopez", "Tom Reyes", "Tom Reyes"]


def test_role_noun_without_a_known_holder_stays_unnamed(nlp):
    text = "Tom Reyes arrived late. The minister said that taxes would rise."
    assert speakers(nlp, text) == [("The minister", None, "minister")]


def test_floating_quote_takes_the_previous_speaker_with_a_lower_score(nlp):
    text = (
        "“We will rebuild the bridge,” Mayor Ana Ruiz said on Tuesday.\n\n"
        "“It will take two years, and it will be worth every day.”\n\n"
        "The council meets next week."
    )
    first, floating = nlp(text)._.quotes
    assert floating.method == "rules.floating" and floating.cue is None
    assert (floating.speaker_name, floating.speaker.text) == ("Ana Ruiz", first.speaker.text)
    assert floating.score < first.score


@pytest.mark.parametrize(
    "title,mention",
    [
        ("Pentagon press secretary", "The spokesman"),
        ("State Department spokeswoman", "The spokesperson"),
    ],
)
def test_spokesperson_noun_refers_back_to_a_press_secretary_or_another_spokesperson(nlp, title, mention):
    text = f"{title} Ana Ruiz said the talks would resume. {mention} also said that no date had been set."
    assert speakers(nlp, text)[-1] == (mention, "Ana Ruiz", title)


def test_spokesperson_noun_does_not_refer_back_to_another_secretary(nlp):
    text = "Secretary of State Ana Ruiz said the talks would resume. The spokesman said that no date had been set."
    assert speakers(nlp, text)[-1] == ("The spokesman", None, "spokesman")


@pytest.mark.parametrize(
    "mention,name,role",
    [
        # "the": the person named before whose role names the organisation.
        ("the Pentagon official", "Ana Ruiz", "Pentagon press secretary"),
        # "a": someone else at the organisation, unnamed.
        ("a Pentagon official", "Pentagon", "Pentagon official"),
    ],
)
def test_role_at_an_organisation_refers_back_to_a_person_whose_role_names_it(nlp, mention, name, role):
    text = f"Pentagon press secretary Ana Ruiz said the drills would go on. “We will see,” {mention} said."
    assert speakers(nlp, text)[-1] == (mention, name, role)


def test_role_that_serves_a_person_the_recogniser_takes_for_an_organisation_has_no_name(nlp):
    text = (
        "The opposition leader, Markus Hahn, accused the government of hiding the numbers. "
        "A spokesman for Hahn said he would call for a vote."
    )
    doc = nlp(text)
    assert [ent.label_ for ent in doc.ents if ent.text == "Hahn"] == ["ORG"]  # what the test is about
    quote = doc._.quotes[-1]
    assert (quote.speaker.text, quote.speaker_name, quote.role) == ("A spokesman for Hahn", None, "spokesman for Hahn")


def test_role_at_an_organisation_no_one_named_has_stays_with_the_organisation(nlp):
    text = "Pentagon press secretary Ana Ruiz said the drills would go on. “We will see,” the NATO official said."
    assert speakers(nlp, text)[-1] == ("the NATO official", "NATO", "NATO official")


@pytest.mark.parametrize(
    "text,name",
    [
        ("Acme Corp. said it would cut jobs. The company blamed weak demand for its losses.", "Acme Corp."),
        ("Mayor Ana Ruiz said the plant would close. The company blamed weak demand for its losses.", None),
    ],
)
def test_the_company_refers_back_to_the_organisation_last_named(nlp, text, name):
    assert speakers(nlp, text)[-1] == ("The company", name, None)


def test_role_noun_refers_back_to_an_abbreviated_title(nlp):
    text = "Sen. Maria Lopez said the bill would pass. The senator added that the vote would be close."
    assert speakers(nlp, text)[-1] == ("The senator", "Maria Lopez", "Sen.")


def test_relative_pronoun_resolves_to_the_person_it_follows(nlp):
    text = (
        "The plan drew praise from Dr. Ellen Park, an economist at the University of Chicago, "
        "who argued that the impact on prices would be small."
    )
    assert speakers(nlp, text) == [("who", "Ellen Park", "economist at the University of Chicago")]


def test_surname_takes_the_full_name_the_entity_recogniser_missed(nlp):
    text = (
        "PORTLAND, Ore. (AP) — The city council voted for the plan on Wednesday.\n\n"
        "Councilwoman Carmen Rubio, who voted for the plan, said the lanes would save lives. "
        "“Every week we hear about another cyclist hit by a car,” Rubio said."
    )
    doc = nlp(text)
    assert not any(ent.text.endswith("Carmen Rubio") for ent in doc.ents)  # what the test is about
    names = [(q.speaker.text, q.speaker_name, q.role) for q in doc._.quotes]
    assert names[-1] == ("Rubio", "Carmen Rubio", "Councilwoman")


def test_a_pronoun_reaches_a_subject_the_entity_recogniser_missed(nlp):
    text = (
        "“The bill has come due,” Finance Minister Helen Carver told parliament.\n\n"
        "“This will hit the poorest hardest,” said Tom Ellery of the Fair Fuel Campaign.\n\n"
        "Carver is expected to publish the full figures next week. "
        "Asked whether she would resign if the measure failed, she said: “I don't plan on losing.”"
    )
    doc = nlp(text)
    assert "Carver" not in [ent.text for ent in doc.ents]  # what the test is about
    assert speakers(nlp, text)[-1] == ("she", "Helen Carver", "Finance Minister")


@pytest.mark.parametrize(
    "introduction,quote,mention,name,role",
    [
        (
            "The Pentagon press secretary, Maj. Gen. Pat Ryder, met reporters on Monday.",
            "“We will not get ahead of the announcement,” the spokesman said.",
            "the spokesman",
            "Pat Ryder",
            "Pentagon press secretary",
        ),
        (
            "Ukraine's foreign minister, Dmytro Kuleba, welcomed the news.",
            "“This is exactly what we need,” Kuleba wrote on Twitter.",
            "Kuleba",
            "Dmytro Kuleba",
            "Ukraine's foreign minister",
        ),
        (
            "Lt. Col. Anna Berg briefed reporters at the base.",
            "The officer said that no one had been hurt.",
            "The officer",
            "Anna Berg",
            "Lt. Col.",
        ),
    ],
)
def test_a_role_given_outside_a_quote_holds_for_later_quotes(nlp, introduction, quote, mention, name, role):
    assert speakers(nlp, f"{introduction} {quote}") == [(mention, name, role)]


@pytest.mark.parametrize(
    "first,second",
    [
        ("Ms. Maria Lopez said the bill would pass.", "Mr. Tom Reyes said it would fail."),
        ("Maria Lopez, the committee chairwoman, said the bill would pass.", "Congressman Tom Reyes said it would fail."),
    ],
)
def test_a_pronoun_skips_a_speaker_known_to_be_of_another_gender(nlp, first, second):
    text = f"{first} {second} She added that the vote would be close. He said he would vote no."
    assert [name for _, name, _ in speakers(nlp, text)][2:] == ["Maria Lopez", "Tom Reyes"]


@pytest.mark.parametrize(
    "text,names",
    [
        (
            "Hillary Clinton said the plan was fair. Former President Bill Clinton said it was too late. "
            "Clinton added that he would campaign for her.",
            ["Hillary Clinton", "Bill Clinton", "Bill Clinton"],
        ),
        # The latest subject or speaker with the surname, not the latest person named with it.
        (
            "Former President Bill Clinton praised the plan at a rally for his wife Hillary Clinton. "
            "“It will lower costs,” Clinton said.",
            ["Bill Clinton", "Bill Clinton"],
        ),
        (
            "Andrés Manuel López Obrador, Mexico's president, spoke on Monday. "
            "Mr. López Obrador said that trade would grow.",
            ["Andrés Manuel López Obrador"],
        ),
    ],
)
def test_people_who_share_a_surname_keep_their_own_names(nlp, text, names):
    assert [name for _, name, _ in speakers(nlp, text)] == names


@pytest.mark.parametrize(
    "text,mention",
    [
        ("Senator Ana Ruiz spoke first. The Texas senator said that the vote was close.", ("The Texas senator", "Ana Ruiz", "Senator")),
        ("Ana Ruiz spoke first. The Texas senator said that the vote was close.", ("The Texas senator", None, "Texas senator")),
    ],
)
def test_a_place_before_a_role_noun_is_not_the_speakers_name(nlp, text, mention):
    assert speakers(nlp, text) == [mention]


def test_a_surname_the_tagger_takes_for_a_noun_still_names_the_person(nlp):
    text = (
        "Whitmore: Lopez needs to 'stop all of this name-calling stuff' with Reyes.\n\n"
        "Jane Whitmore offered some pointed advice to Maria Lopez on Monday."
    )
    doc = nlp(text)
    assert doc[0].pos_ == "NOUN"  # what the test is about
    assert (doc._.quotes[0].speaker.text, doc._.quotes[0].speaker_name) == ("Whitmore", "Jane Whitmore")


def test_a_surname_in_capitals_names_its_person(nlp):
    text = "Gov. Gavin Newsom spoke to Dana Bash on Sunday.\n\nBASH: Will you run?\n\nNEWSOM: I look forward to it."
    assert speakers(nlp, text) == [("BASH", "Dana Bash", None), ("NEWSOM", "Gavin Newsom", "Gov.")]


def test_an_entity_whose_root_is_its_possessive_mark_is_no_name(nlp):
    text = (
        "Her toast came right after Donald Trump’s at the dinner. "
        "The host said that the crowd was small."
    )
    doc = nlp(text)
    assert any(ent.root.text == "’s" for ent in doc.ents)  # what the test is about
    assert speakers(nlp, text)[-1] == ("The host", None, None)


def test_a_headline_parsed_as_an_appositive_is_no_role():
    # How the English pipeline may parse a headline: the clause after the colon an appositive of the name.
    words = ["Ruiz", ":", "Mayor", "Was", "Bluffing", "Council", "."]
    heads = [0, 0, 5, 5, 5, 0, 0]
    deps = ["ROOT", "punct", "nsubj", "aux", "compound", "appos", "punct"]
    pos = ["PROPN", "PUNCT", "PROPN", "AUX", "PROPN", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert role_of(doc[0], 0) is None
    doc[3].pos_ = "PROPN"  # the same appositive with no verb is a role
    assert role_of(doc[0], 0) == "Mayor Was Bluffing Council"
