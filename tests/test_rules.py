"""The rule engine on news-style sentences, through the real base pipeline."""
import pytest


def only(nlp, text):
    quotes = nlp(text)._.quotes
    assert len(quotes) == 1, [q.to_dict() for q in quotes]
    return quotes[0]


def parts(quote):
    return [part.text for part in quote.content]


# Direct quotes -------------------------------------------------------------------------


def test_direct_quote_with_inverted_cue(nlp):
    quote = only(nlp, "“The strikes will continue,” Kirby said.")
    assert parts(quote) == ["“The strikes will continue,”"]
    assert (quote.cue.text, quote.speaker.text, quote.type) == ("said", "Kirby", "direct")


@pytest.mark.parametrize(
    "text,cue,speaker",
    [
        ("“Why is this bank not too big to fail?” Vitter demanded.", "demanded", "Vitter"),
        ("“Keep out,” the sign read.", "read", "the sign"),
        ("“Help us,” the crowd cried.", "cried", "the crowd"),
    ],
)
def test_less_common_speech_verbs_cue_a_quotation(nlp, text, cue, speaker):
    quote = only(nlp, text)
    assert (parts(quote), quote.cue.text, quote.speaker.text) == ([text[: text.index("”") + 1]], cue, speaker)


def test_split_quote_is_one_quote_with_two_parts(nlp):
    quote = only(nlp, "“We will not give numbers,” Kirby said, “but they continue to increase.”")
    assert parts(quote) == ["“We will not give numbers,”", "“but they continue to increase.”"]
    assert quote.type == "direct"


def test_a_cue_in_the_next_sentence_does_not_take_the_second_part(nlp):
    text = "“The numbers,” said Mark Zandi, “tell a story of resilience.” He added: “Wages are catching up.”"
    split, added = nlp(text)._.quotes
    assert (parts(split), split.cue.text) == (["“The numbers,”", "“tell a story of resilience.”"], "said")
    assert (parts(added), added.cue.text, added.speaker.text) == (["“Wages are catching up.”"], "added:", "He")


def test_a_participle_after_the_cue_does_not_take_the_quote(nlp):
    """"…,” she said, referring to …, “…”": the quote is the cue's, not the participle's."""
    text = "“Every time you say that,” Tester said, referring to the excuse, “you give them ammunition.”"
    quote, referring = nlp(text)._.quotes
    assert parts(quote) == ["“Every time you say that,”", "“you give them ammunition.”"]
    assert (quote.cue.text, quote.speaker.text) == ("said", "Tester")
    assert (parts(referring), referring.cue.text) == (["the excuse"], "referring to")


def test_next_sentence_continues_the_quotation_past_a_participle(nlp):
    """"“…,” he said, adding that …. “…”": the next quotation goes on with the first one."""
    text = "“We won,” the mayor said, adding that the count was close. “Next year we will win again.”"
    quote, adding = nlp(text)._.quotes
    assert parts(quote) == ["“We won,”", "“Next year we will win again.”"]
    assert (quote.cue.text, quote.speaker.text) == ("said", "the mayor")
    assert (parts(adding), adding.cue.text, adding.type) == (["that the count was close"], "adding", "indirect")


def test_next_sentence_continues_a_mixed_quotation(nlp):
    text = "Both parties “saw the port as a lifeline,” said Ana Ruiz, a trade analyst. “It was an easy sell.”"
    quote = only(nlp, text)
    assert parts(quote) == ["Both parties “saw the port as a lifeline,”", "“It was an easy sell.”"]
    assert (quote.cue.text, quote.speaker_name, quote.type) == ("said", "Ana Ruiz", "mixed")


def test_quote_runs_across_paragraphs(nlp):
    text = "“The first paragraph of the statement.\n\n“And the second,” the minister said."
    quote = only(nlp, text)
    assert parts(quote) == [text[: text.index(" the minister")]]
    assert quote.cue.text == "said"


def test_next_sentence_continues_the_quotation(nlp):
    quote = only(nlp, "“We won,” the mayor said. “Next year we will win again.”")
    assert parts(quote) == ["“We won,”", "“Next year we will win again.”"]


def test_colon_introduction(nlp):
    quote = only(nlp, "The senator said: “We are ready for the vote.”")
    assert parts(quote) == ["“We are ready for the vote.”"]
    assert (quote.cue.text, quote.speaker.text) == ("said:", "The senator")  # the colon belongs to the cue
    assert only(nlp, "The senator said : “We are ready.”").cue.text == "said"


@pytest.mark.parametrize(
    "text,cue,speaker",
    [
        ("Asked about rates, Federal Reserve Chair Jerome Powell was blunt: “We will do what it takes.”", "was blunt:", "Federal Reserve Chair Jerome Powell"),
        ("She drove so fast that I had to change my answer: “Of course I believe it.”", "had to change my answer:", "I"),
        # The source comes after the verb, or the clause holds a cue of its own: the cue is the colon.
        ("The challenge is exemplified by this finding: “Most agencies never replied.”", ":", "this finding"),
        ("Kirby was blunt when asked whether the drill was a message to any government: “It is not.”", ":", "Kirby"),
        # The clause before the colon is reported by a cue: that cue is the quotation's.
        ("She said she recalls her boss admonishing the client: “Look at her, not at me.”", "said", "She"),
    ],
)
def test_clause_and_colon_without_a_speech_verb_introduce_the_quotation(nlp, text, cue, speaker):
    quote = next(q for q in nlp(text)._.quotes if q.type == "direct")
    assert (parts(quote), quote.cue.text, quote.speaker.text) == ([text[text.index("“") :]], cue, speaker)


def test_colon_introduces_the_quotation_in_the_next_paragraph(nlp):
    text = "The hearing ran late.\n\nThe senator said:\n\n“We are ready for the vote.”\n\nThen it ended."
    quote = only(nlp, text)
    assert parts(quote) == ["“We are ready for the vote.”"]
    assert (quote.cue.text, quote.speaker.text, quote.type) == ("said:", "The senator", "direct")
    # Without the colon the paragraph before does not introduce it.
    assert nlp(text.replace("said:", "left."))._.quotes == []


def test_colon_that_ends_its_paragraph_introduces_the_next_one_unquoted(nlp):
    text = "The hearing ran late.\n\nThe mayor added:\n\nThe plan has no money behind it. It will fail.\n\nThen it ended."
    quote = only(nlp, text)
    assert parts(quote) == ["The plan has no money behind it. It will fail"]
    assert (quote.cue.text, quote.speaker.text, quote.type) == ("added:", "The mayor", "indirect")


def test_cue_holds_the_adverbs_and_auxiliaries_before_its_verb(nlp):
    assert only(nlp, "The mayor also said that the fares would rise.").cue.text == "also said"
    assert only(nlp, "The mayor has repeatedly said that fares would rise.").cue.text == "has repeatedly said"
    assert only(nlp, "“The fares will rise,” the mayor also said.").cue.text == "also said"
    assert only(nlp, "The mayor said that the fares would rise.").cue.text == "said"


@pytest.mark.parametrize(
    "text,cue",
    [
        ("She seemed to think that the outreach had worked.", "seemed to think"),
        ("He keeps saying that she opposed the war.", "keeps saying"),
        # Infinitives of purpose, which the parser hangs on the verb as adverbial clauses.
        ("The union leader went on to warn that drivers would strike.", "went on to warn"),
        ("Ortiz came to talk about the budget cuts.", "came to talk about"),
        # The infinitive of an adjective, the gerund after "by".
        ("The mayor was quick to point out that fares had not risen.", "was quick to point out"),
        ("The senator began by saying that the bill was flawed.", "began by saying"),
        ("The senator could not resist pointing out that the bill had failed.", "could not resist pointing out"),
        ("“Ask the FBI anything,” Gowdy said sarcastically.", "said sarcastically"),
        ("Mr. Obama spoke emotionally of his many flights.", "spoke emotionally of"),
        # A one-word date right after the verb; longer dates stay out.
        ("The mayor said Tuesday that the bridge would reopen.", "said Tuesday"),
        ("“The bridge will reopen,” the mayor said Tuesday.", "said Tuesday"),
        ("The council member tweeted last month that the budget was a mess.", "tweeted"),
    ],
)
def test_cue_holds_the_verb_it_depends_on_and_the_words_around_it(nlp, text, cue):
    assert only(nlp, text).cue.text == cue


def test_unbalanced_marks_give_a_lower_score(nlp):
    balanced = only(nlp, "“The talks failed,” the envoy said.")
    unbalanced = only(nlp, "The envoy said “the talks failed and nothing more.")
    assert unbalanced.score < balanced.score


def test_scare_quotes_alone_are_not_quotes(nlp):
    assert nlp("The ministry marked the “progress” of the season.")._.quotes == []


def test_a_short_reply_is_a_quote(nlp):
    # Short, with no verb, but ending in a mark inside its quotation marks.
    quote = only(nlp, "“Absolutely not,” the minister said.")
    assert (parts(quote), quote.cue.text, quote.speaker.text) == (["“Absolutely not,”"], "said", "the minister")
    # A quoted word with no mark inside stays a scare quote; with one, it needs a speech cue beside it.
    assert nlp("The so-called “reform” of the season passed.")._.quotes == []
    assert nlp("The so-called “reform,” which critics dislike, passed.")._.quotes == []


def test_apostrophes_do_not_make_quotes(nlp):
    assert nlp("Russia’s economy in the ’90s shrank by half.")._.quotes == []


@pytest.mark.parametrize("signature", [" ― Maria Lopez", " ―\xa0Maria Lopez", "\xa0― Maria Lopez."])
def test_signing_dash_names_the_speaker(nlp, signature):
    quote = only(nlp, "“The city deserves better schools.”" + signature)
    assert (quote.cue.text, quote.speaker.text, quote.type) == ("―", "Maria Lopez", "direct")


@pytest.mark.parametrize(
    "signed,speaker",
    [
        # The tagger takes the initial for a noun.
        ("“We can do better than this man.” ―\xa0Teresa A. Salas Mora.", "Teresa A. Salas Mora"),
        # The entity recogniser takes in the dash: "― Ana Lopez".
        ("“Next one.” ― Ana Lopez", "Ana Lopez"),
    ],
)
def test_signed_quotes_in_a_row_name_each_speaker_whole(nlp, signed, speaker):
    doc = nlp(f"“He is a bully.” ― Carlos R. Ruiz\n{signed}")
    assert [(q.speaker.text, q.speaker_name) for q in doc._.quotes] == [
        ("Carlos R. Ruiz", "Carlos R. Ruiz"),
        (speaker, speaker),
    ]


# Indirect and mixed quotes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,content,cue,speaker",
    [
        ("The minister said that the budget would be cut.", "that the budget would be cut", "said", "The minister"),
        ("The minister said the budget would be cut.", "the budget would be cut", "said", "The minister"),
        ("The budget will be cut, the minister said.", "The budget will be cut", "said", "the minister"),
        ("The budget will be cut, said the finance minister.", "The budget will be cut", "said", "the finance minister"),
        ("According to the ministry, the budget will be cut.", "the budget will be cut", "According to", "the ministry"),
        # The parser hangs the clause on the object, as an apposition of its name.
        ("According to veteran radio host Dan Reyes, the budget reeks of politics.", "the budget reeks of politics", "According to", "veteran radio host Dan Reyes"),
        ("The budget will be cut, according to two officials.", "The budget will be cut", "according to", "two officials"),
        # "According to X" that closes a reported clause attributes the report, not the clause.
        ("The senator said he was happy with the vote, according to the Times.", "The senator said he was happy with the vote", "according to", "the Times"),
        ("Bass told KTLA the plan would cost more, according to the station.", "Bass told KTLA the plan would cost more", "according to", "the station"),
        ("The mayor said that the bridge, according to engineers, is safe.", "that the bridge, according to engineers, is safe", "said", "The mayor"),
        ("Kirby told reporters that the strikes would continue.", "that the strikes would continue", "told", "Kirby"),
        ("The Pentagon has confirmed that troops will leave.", "that troops will leave", "has confirmed", "The Pentagon"),
        ("The mayor called the budget reckless.", "the budget reckless", "called", "The mayor"),
        ("The senator described the deal as a fraud.", "the deal as a fraud", "described", "The senator"),
        ("Obama told his advisers to find another way.", "his advisers to find another way", "told", "Obama"),
        ("The union called for a strike.", "a strike", "called for", "The union"),
        ("Clinton pointed to reports that he had lied.", "reports that he had lied", "pointed to", "Clinton"),
        ("As the Times reported, the talks had collapsed.", "the talks had collapsed", "reported", "the Times"),
        ("The governor commented on the new tax.", "the new tax", "commented on", "The governor"),
        ("The senator responded to the accusations.", "the accusations", "responded to", "The senator"),
        ("Sanders accused Republicans of ignoring children.", "Republicans of ignoring children", "accused", "Sanders"),
        ("Beck criticized the voters for staying home.", "the voters for staying home", "criticized", "Beck"),
        ("The senator likened the deal to a surrender.", "the deal to a surrender", "likened", "The senator"),
        # Verbs of stance report their object.
        ("Critics blasted the new budget.", "the new budget", "blasted", "Critics"),
        ("The teachers' union endorsed the governor.", "the governor", "endorsed", "The teachers' union"),
        ("The mayor touted her record on housing.", "her record on housing", "touted", "The mayor"),
        ("The council rejected the developer's request.", "the developer's request", "rejected", "The council"),
        # So do verbs of speech whose object is what was said.
        ("The governor stressed the need for new schools.", "the need for new schools", "stressed", "The governor"),
        ("The senator recalled a long meeting with the president.", "a long meeting with the president", "recalled", "The senator"),
        ("The mayor tweeted a photo of the flooded street.", "a photo of the flooded street", "tweeted", "The mayor"),
        # What the parser hangs on the cue after its object: a reason, yes; a place or time, no.
        ("The senator attacked the governor for his support of the new tax.", "the governor for his support of the new tax", "attacked", "The senator"),
        ("The senator attacked the governor in a speech on Tuesday.", "the governor", "attacked", "The senator"),
        ("The senator attacked the governor on Tuesday.", "the governor", "attacked", "The senator"),
        # The participle of a document takes in the verb that issues it, and its subject.
        ("The agency issued a statement saying that fares would rise.", "that fares would rise", "issued a statement saying", "The agency"),
        # Also where the parser hangs the participle on the verb, past a time.
        ("The agency released a statement Tuesday saying that fares would rise.", "that fares would rise", "released a statement Tuesday saying", "The agency"),
        # A relative clause after a comma is the writer's aside, not what a noun's cue reports.
        ("Senators questioned the health of the governor, who is 81.", "the health of the governor", "questioned", "Senators"),
        ("She wants to expand the bus network, which carries 90,000 riders a day.", "to expand the bus network", "wants", "She"),
    ],
)
def test_reported_speech(nlp, text, content, cue, speaker):
    quote = only(nlp, text)
    assert (parts(quote), quote.cue.text, quote.speaker.text, quote.type) == ([content], cue, speaker, "indirect")


def test_content_leaves_out_its_own_cue_and_source(nlp):
    # "which he said was flawed": PolNeAR's content is the relative pronoun and the rest.
    quote = only(nlp, "The plan, which he said was flawed, failed.")
    assert (parts(quote), quote.cue.text, quote.speaker.text) == (["which", "was flawed"], "said", "he")


def test_a_that_clause_hung_on_the_noun_of_the_cues_phrase_is_the_cues(nlp):
    # The parser hangs the clause on "statement", a noun of speech, which would take it without a source.
    text = 'The committee\'s chairman, Rep. Ana Ruiz, said in a statement that the decision "ignores working families."'
    quote = only(nlp, text)
    assert (parts(quote), quote.cue.text, quote.speaker.text, quote.speaker_name) == (
        ['that the decision "ignores working families."'],
        "said",
        "The committee's chairman, Rep. Ana Ruiz,",
        "Ana Ruiz",
    )


@pytest.mark.parametrize(
    "text,content,cue,speaker",
    [
        ("Sorry, the governor said.", "Sorry", "said", "the governor"),
        ("No comment, the spokesman said.", "No comment", "said", "the spokesman"),
        ("Absolutely, Mr. Reyes replied.", "Absolutely", "replied", "Mr. Reyes"),
    ],
)
def test_a_reporting_clause_after_a_comma_reports_what_the_sentence_said_before_it(nlp, text, content, cue, speaker):
    """The parser hangs neither on the other here: the sentence before the comma is the content."""
    quote = only(nlp, text)
    assert (parts(quote), quote.cue.text, quote.speaker.text) == ([content], cue, speaker)


def test_second_cue_the_parser_hangs_on_the_reported_clause(nlp):
    said, warned = nlp("Kirby said the strikes would continue and warned that more troops could be sent.")._.quotes
    assert (parts(said), said.cue.text, said.speaker.text) == (["the strikes would continue"], "said", "Kirby")
    assert (parts(warned), warned.cue.text) == (["that more troops could be sent"], "warned")
    assert warned.speaker.text == "Kirby"


def test_participle_cue_the_parser_hangs_on_the_reported_clause(nlp):
    said, insisting = nlp("Perez said the deal was fair, insisting that nobody had been misled.")._.quotes
    assert (parts(said), said.cue.text) == (["the deal was fair"], "said")
    assert (parts(insisting), insisting.cue.text, insisting.speaker.text) == (
        ["that nobody had been misled"],
        "insisting",
        "Perez",
    )


def test_reported_clause_keeps_its_relative_clause(nlp):
    quote = only(nlp, "The mayor said the plan would fail, which surprised nobody.")
    assert parts(quote) == ["the plan would fail, which surprised nobody"]


def test_reported_clause_goes_on_with_the_clause_the_parser_joins_to_its_cue(nlp):
    quote = only(nlp, "Ruiz noted that the council had offered a public hearing, but the mayor declined.")
    assert parts(quote) == ["that the council had offered a public hearing, but the mayor declined"]


@pytest.mark.parametrize(
    "text,content",
    [
        (
            "The governor wants to double the state's park budget, hire more rangers and open two new trails.",
            "to double the state's park budget, hire more rangers and open two new trails",
        ),
        # A clause with a subject of its own is the writer's, not the governor's intent.
        ("The governor wants to double the park budget, but her plan would require new taxes.", "to double the park budget"),
    ],
)
def test_reported_intent_goes_on_with_the_verbs_the_parser_joins_to_its_cue(nlp, text, content):
    assert parts(only(nlp, text)) == [content]


@pytest.mark.parametrize(
    "text,content",
    [
        (
            "The envoy emphasized that the reforms were not complete, and human rights groups warned that the army still held power.",
            "that the reforms were not complete",
        ),
        (
            "She then urges her husband to stay in the car and repeatedly says, \"Don't do it,\" until the police arrive.",
            "her husband to stay in the car",
        ),
    ],
)
def test_content_does_not_end_with_the_conjunction_of_the_next_report(nlp, text, content):
    assert parts(nlp(text)._.quotes[0]) == [content]


def test_reported_clause_leaves_out_the_writers_concession(nlp):
    text = "The mayor claimed that closing the bridge was wise, although he again refused to release the traffic study."
    claimed, refused = nlp(text)._.quotes
    assert (parts(claimed), parts(refused)) == (["that closing the bridge was wise"], ["to release the traffic study"])
    said, noted = nlp("The judge said the ruling would stand, though she noted that an appeal was likely.")._.quotes
    assert (parts(said), parts(noted), noted.speaker.text) == (["the ruling would stand"], ["that an appeal was likely"], "she")
    # Without a comma it is the speaker's own condition.
    assert parts(only(nlp, "The mayor said that he would run again even though he was tired.")) == [
        "that he would run again even though he was tired"
    ]


@pytest.mark.parametrize(
    "text,cue,speaker",
    [
        ("The mayor rejected the union's claim that the budget was padded.", "claim", "the union's"),
        ("Critics mocked his suggestion that the budget was padded.", "suggestion", "his"),
    ],
)
def test_a_noun_of_speech_reports_its_that_clause(nlp, text, cue, speaker):
    quote = only(nlp, text)
    assert (parts(quote), quote.cue.text, quote.speaker.text) == (["that the budget was padded"], cue, speaker)


def test_a_noun_that_is_rarely_a_cue_reports_nothing(nlp):
    assert nlp("The idea that the bridge could be built in a year is popular.")._.quotes == []


@pytest.mark.parametrize(
    "text,content",
    [
        ("The governor proposes allowing parents to deduct the cost of child care from their taxes.", "allowing parents to deduct the cost of child care from their taxes"),
        ("The mayor has admitted using the city's credit card for a family trip.", "using the city's credit card for a family trip"),
    ],
)
def test_a_gerund_is_the_content_of_an_object_cue(nlp, text, content):
    assert parts(only(nlp, text)) == [content]


def test_whom_a_cue_calls_on_and_to_do_what_is_the_content(nlp):
    quote = only(nlp, "The senator called on fellow Republicans to withdraw their support.")
    assert (parts(quote), quote.cue.text, quote.speaker.text) == (
        ["fellow Republicans to withdraw their support"],
        "called on",
        "The senator",
    )
    assert nlp("The senator called on Monday.")._.quotes == []


def test_what_is_expected_is_the_content_and_no_one_the_source(nlp):
    quote = only(nlp, "The final accord is expected to be signed next month in Nairobi.")
    assert parts(quote) == ["The final accord", "to be signed next month in Nairobi"]
    assert (quote.cue.text, quote.speaker) == ("is expected", None)


def test_what_is_expected_is_the_speakers_where_someone_says_it(nlp):
    quote = only(nlp, "The accord is expected to be signed next month, two diplomats said.")
    assert parts(quote) == ["The accord is expected to be signed next month"]
    assert (quote.cue.text, quote.speaker.text) == ("said", "two diplomats")


@pytest.mark.parametrize("first", ["Rents", "rents"])
def test_reported_clause_goes_on_past_a_colon(nlp, first):
    text = f"The report notes that three things are changing at once: {first} are rising, wages are flat and loans are scarce."
    quote = only(nlp, text)
    assert parts(quote) == [text[text.index("that") : -1]]


def test_reported_clause_stays_in_its_cues_paragraph(nlp):
    # The parser hangs the quotation of the paragraph before on "said" as a second ccomp.
    text = (
        "The town is going to be at the back of the line.”\n\n"
        "Council leader Maria Lopez said the warning showed that the mayor did not know what he was doing."
    )
    quote = next(q for q in nlp(text)._.quotes if q.cue.text == "said")
    assert parts(quote) == ["the warning showed that the mayor did not know what he was doing"]
    assert quote.speaker.text == "Council leader Maria Lopez"


def test_reported_clause_goes_on_after_its_cue(nlp):
    # The parser hangs the comma before "Graham" on "said", and "since …" on "hurt".
    text = "The tariff has hurt farmers in the state, Graham said, since most of them export soybeans."
    quote = only(nlp, text)
    assert parts(quote) == ["The tariff has hurt farmers in the state", "since most of them export soybeans"]
    assert (quote.cue.text, quote.speaker.text) == ("said", "Graham")


@pytest.mark.parametrize(
    "text,speaker,content",
    [
        (
            "LONDON (Reuters) - Britain's finance minister said on Thursday the government would not raise taxes.",
            "Britain's finance minister",
            "the government would not raise taxes",
        ),
        (
            "WASHINGTON (AP) — The Pentagon said on Tuesday the strikes would continue.",
            "The Pentagon",
            "the strikes would continue",
        ),
        (
            "MIAMI (Reuters) - Hurricane Dana knocked out power to 200,000 homes on Sunday, officials said.",
            "officials",
            "Hurricane Dana knocked out power to 200,000 homes on Sunday",
        ),
        (
            "PORTLAND, Ore. (AP) — The council voted to add bike lanes on Wednesday, officials said.",
            "officials",
            "The council voted to add bike lanes on Wednesday",
        ),
        # Without an agency, the parser takes the dateline into the subject's noun phrase.
        (
            "ROME - Italian officials said on Friday that the plan would work.",
            "Italian officials",
            "that the plan would work",
        ),
    ],
)
def test_wire_story_dateline_is_not_the_source_nor_the_date_nor_the_content(nlp, text, speaker, content):
    # The parser takes the dateline for a second subject of "said" and hangs the date on the clause.
    quote = only(nlp, text)
    assert (quote.speaker.text, parts(quote)) == (speaker, [content])


@pytest.mark.parametrize(
    "text,cue",
    [
        ("Asked whether schools would close, the mayor said no decision had been made.", "Asked"),
        ("“I don't know,” she said when asked about the timeline.", "asked about"),
    ],
)
def test_the_one_asked_is_not_the_source_of_the_question(nlp, text, cue):
    # "Asked …" inherits no subject: PolNeAR leaves such a question without a source.
    question = next(q for q in nlp(text)._.quotes if q.cue.text == cue)
    assert question.speaker is None


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Kirby, the Pentagon press secretary, said the strikes would continue.", "Kirby, the Pentagon press secretary,"),
        ("Mr. King, 82, told the paper that he would retire.", "Mr. King, 82,"),
        ("Officials who attended the meeting said the talks had stalled.", "Officials who attended the meeting"),
        ("Ana Ruiz, who led the inquiry, said the report was complete.", "Ana Ruiz, who led the inquiry,"),
        ("Kirby, speaking to reporters on Tuesday, said the drills would go ahead.", "Kirby"),
        ("Kirby, the press secretary, speaking to reporters, said the drills would go ahead.", "Kirby, the press secretary,"),
        ("A poll released on Monday shows the race is tied.", "A poll released on Monday"),
    ],
)
def test_source_takes_in_its_clauses_and_the_mark_that_closes_them_as_polnear_does(nlp, text, speaker):
    assert only(nlp, text).speaker.text == speaker


def test_source_leaves_out_a_relative_clause_that_holds_a_quote_of_its_own(nlp):
    doc = nlp(
        '"It is a rounding error," said Dr. Ellen Park, an economist at the University of Chicago, '
        "who argued that the impact on prices would be small."
    )
    said, argued = doc._.quotes
    assert said.speaker.text == "Dr. Ellen Park, an economist at the University of Chicago"
    assert (argued.cue.text, argued.speaker.text) == ("argued", "who")
    assert argued.speaker_name == said.speaker_name == "Ellen Park"


def test_a_date_that_belongs_to_the_reported_clause_stays_in_it(nlp):
    assert parts(only(nlp, "The minister said last week's vote was a disgrace.")) == ["last week's vote was a disgrace"]


@pytest.mark.parametrize("opening", ["In addition, ", "And "])
def test_content_leaves_out_the_words_that_open_its_clause(nlp, opening):
    quote = only(nlp, f"{opening}fares will rise next year, according to the agency.")
    assert parts(quote) == ["fares will rise next year"]


def test_participle_inherits_the_main_subject(nlp):
    quote = only(nlp, "Austin met his counterpart on Tuesday, saying that the alliance was strong.")
    assert parts(quote) == ["that the alliance was strong"]
    assert (quote.cue.text, quote.speaker.text) == ("saying", "Austin")


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("The mayor answered her critics by saying the budget was balanced.", "The mayor"),
        ("After admitting that the figures were wrong, the minister resigned.", "the minister"),
    ],
)
def test_gerund_after_a_preposition_inherits_the_subject_of_its_verb(nlp, text, speaker):
    assert only(nlp, text).speaker.text == speaker


def test_interposed_cue_splits_the_content(nlp):
    quote = only(nlp, "Acts of protest, the president said, are acts of patriotism.")
    assert parts(quote) == ["Acts of protest", "are acts of patriotism"]


def test_interposed_cue_before_a_quotation(nlp):
    text = "It was, the president said, ''a stone where day after day for years, families were torn apart.''"
    quote = only(nlp, text)
    assert parts(quote) == ["It was", "''a stone where day after day for years, families were torn apart.''"]
    assert (quote.cue.text, quote.type) == ("said", "mixed")


def test_that_clause_after_the_cue_is_its_content(nlp):
    """The parser hangs both clauses on "told": the one "that" opens is what it reports."""
    quote = only(nlp, "Arguing the tax was unfair, the mayor told the council that “the city cannot afford it.”")
    assert parts(quote) == ["that “the city cannot afford it.”"]
    assert (quote.cue.text, quote.speaker.text, quote.type) == ("told", "the mayor", "mixed")


def test_partly_quoted_content_is_mixed(nlp):
    quote = only(nlp, "The governor said the plan was “a disaster” for the region.")
    assert parts(quote) == ["the plan was “a disaster” for the region"]
    assert quote.type == "mixed"


def test_headline_colon(nlp):
    quote = only(nlp, "The Pentagon: no new troops will be sent to the region.")
    assert (quote.cue.text, quote.speaker.text) == (":", "The Pentagon")
    assert parts(quote) == ["no new troops will be sent to the region"]


@pytest.mark.parametrize("source", ["Poll", "Sanders"])
def test_headline_colon_after_a_capitalized_word(nlp, source):
    text = f"{source}: Voters Back the Bridge Plan.\n\nThe vote is on Tuesday."
    quote = only(nlp, text)
    assert (quote.cue.text, quote.speaker.text, parts(quote)) == (":", source, ["Voters Back the Bridge Plan"])


@pytest.mark.parametrize("label", ["Correction", "CLARIFICATION", "Editor’s note", "The Latest"])
def test_editorial_labels_are_not_sources(nlp, label):
    assert nlp(f"The vote was close.\n\n{label}: An earlier version of this article misstated the date.")._.quotes == []


def test_transcript_in_one_running_quotation_is_split_by_speaker(nlp):
    """Each paragraph opens a quotation that runs on (no closing mark), as newspapers print
    a long quote: each speaker's turn is a quote of its own, to the paragraph's end."""
    doc = nlp(
        "The partial transcript follows:\n\n"
        "\"HOST: Let us begin with the budget. Why cut the night buses?\n\n"
        "\"MORALES: The council waited too long to act on the deficit."
    )
    assert [(quote.speaker.text, quote.cue.text, parts(quote)) for quote in doc._.quotes] == [
        ("HOST", ":", ["Let us begin with the budget. Why cut the night buses"]),
        ("MORALES", ":", ["The council waited too long to act on the deficit"]),
    ]


def test_transcript_in_a_closed_quotation_after_another_quote_keeps_its_speakers(nlp):
    """A transcript whose running quotation closes at its end, after an earlier quote: the
    turns stay their speakers' quotes, not one quote that goes on from the earlier speaker."""
    doc = nlp(
        "Ana Morales said on Sunday that the plan was a mistake.\n\n"
        '"HOST: Will you be at the council meeting?\n\n'
        '"MORALES: I will not be attending it.\n\n'
        '"HOST: Why not?\n\n'
        '"MORALES: Because the vote is already decided."'
    )
    assert [(quote.speaker.text, parts(quote)) for quote in doc._.quotes] == [
        ("Ana Morales", ["that the plan was a mistake"]),
        ("HOST", ["Will you be at the council meeting"]),
        ("MORALES", ["I will not be attending it"]),
        ("HOST", ["Why not"]),
        ("MORALES", ["Because the vote is already decided"]),
    ]


def test_a_negation_inside_the_quotation_does_not_negate_the_cue(nlp):
    # The parser hangs "not" on "said"; a quotation mark parts them.
    quote = only(nlp, '"Are we there yet? Probably not," Ms. Moore said.')
    assert parts(quote) == ['"Are we there yet? Probably not,"']
    assert (quote.cue.text, quote.speaker.text) == ("said", "Ms. Moore")


@pytest.mark.parametrize(
    "text",
    [
        "The senator did not say that the bill would pass.",
        "An official who was not authorized to discuss the talks left the building.",
        "The mayor did not want to comment on the lawsuit.",
        "Let's say you earn $50,000 a year and rent an apartment.",
        "The ballots were counted. That said, turnout was low.",
    ],
)
def test_negated_or_supposed_speech_is_not_a_quote(nlp, text):
    assert nlp(text)._.quotes == []


def test_that_said_reports_only_as_a_relative_clause(nlp):
    quote = only(nlp, 'She held up a banner that said, "Fix the roads first."')
    assert (quote.cue.text, parts(quote)) == ("said", ['"Fix the roads first."'])


@pytest.mark.parametrize(
    "text,speaker,cue,content",
    [
        ("The spokesman declined to comment.", "The spokesman", "declined", "to comment"),
        ("The minister refused to say whether taxes would rise.", "The minister", "refused", "to say whether taxes would rise"),
    ],
)
def test_refused_speech_is_reported_by_the_refusal(nlp, text, speaker, cue, content):
    # As PolNeAR marks it: the refusal is the cue, the speech it holds back the content.
    quote = only(nlp, text)
    assert (quote.speaker.text, quote.cue.text, parts(quote)) == (speaker, cue, [content])


@pytest.mark.parametrize(
    "text,cue",
    [
        # A refusal that holds a report of its own leaves it to that report.
        ("He refused to publish the audit or say why the money was spent.", "say"),
        ("Approval remains strong, though it has declined slightly.", None),
    ],
)
def test_a_refusal_without_silent_speech_is_no_cue(nlp, text, cue):
    assert [quote.cue.text for quote in nlp(text)._.quotes] == ([cue] if cue else [])


def test_quotes_come_in_document_order_and_never_overlap(nlp):
    doc = nlp(
        "The minister said the budget would be cut. “It is painful,” she added. "
        "According to the treasury, the deficit grew."
    )
    starts = [q.start_char for q in doc._.quotes]
    assert starts == sorted(starts) and len(starts) == 3
    for first, second in zip(doc._.quotes, doc._.quotes[1:]):
        assert first.end_char <= second.start_char


def test_annotation_leaves_tokens_sentences_and_entities_alone(nlp):
    text = "“We are ready,” Pentagon press secretary John Kirby said on Monday."
    base = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "quotes":
            base = proc(base)
    before = ([t.text for t in base], [s.text for s in base.sents], [(e.text, e.label_) for e in base.ents])
    doc = nlp.get_pipe("quotes")(base)
    after = ([t.text for t in doc], [s.text for s in doc.sents], [(e.text, e.label_) for e in doc.ents])
    assert before == after and doc._.quotes


@pytest.mark.parametrize("text", ["The airline ordered 50 new jets.", "Engineers pumped water out of the tunnel."])
def test_verbs_whose_object_is_a_thing_report_nothing(nlp, text):
    assert nlp(text)._.quotes == []


def test_a_noun_cue_reports_its_clause_when_a_verb_of_stance_has_it_as_object(nlp):
    quote = only(nlp, "The union expressed concern that the plant would close.")
    assert (parts(quote), quote.cue.text) == (["that the plant would close"], "concern")


@pytest.mark.parametrize("hoped", ["hoped", "hopes", "is hoping"])
def test_hope_is_a_cue_whatever_its_lemma(nlp, hoped):
    quote = only(nlp, f"The mayor {hoped} to reopen the bridge by spring.")
    assert (parts(quote), quote.cue.text, quote.speaker.text) == (["to reopen the bridge by spring"], hoped, "The mayor")


def test_according_to_before_an_aside_is_no_quote(nlp):
    assert nlp("The two plans are the same. According to the network, basically.")._.quotes == []
