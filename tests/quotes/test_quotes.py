"""Quote extraction: direct quotes, reported speech and attribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.entities.canonical import extract_entities
from analysis.nlp import parse
from analysis.quotes.attributions import Attribution
from analysis.quotes.extractor import Quote, attribute, extract_quotes

HERE = Path(__file__).resolve().parents[1]
QUOTES = HERE / "fixtures" / "quotes"
SAMPLE = HERE.parent / "data" / "articles" / "china-russia-joint-exercise.txt"

SCHEMA = [
    "quote_id",
    "kind",
    "text",
    "start",
    "end",
    "speaker",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
    "source_id",
    "polarity",
    "subjectivity",
]


def run(text: str) -> list[Quote]:
    doc = parse(text)
    return extract_quotes(doc, extract_entities(doc))


def layer(name: str) -> tuple[str, list[Attribution]]:
    """A fixture's text and its attribution layer, statements and the rest."""
    text = (QUOTES / name).read_text(encoding="utf-8")
    doc = parse(text)
    return text, attribute(doc, extract_entities(doc)).layer


def fixture(name: str) -> tuple[str, list[Quote]]:
    text = (QUOTES / name).read_text(encoding="utf-8")
    return text, run(text)


def covering(quotes: list, text: str, passage: str):
    """Return the quote whose span holds ``passage``; fail if none does."""
    start = text.index(passage)
    end = start + len(passage)
    found = [q for q in quotes if q.start <= start and end <= q.end]
    assert found, f"no quote covers {passage!r}"
    return min(found, key=lambda q: q.end - q.start)


@pytest.fixture(scope="module")
def sample() -> tuple[str, list[Quote]]:
    text = SAMPLE.read_text(encoding="utf-8")
    return text, run(text)


def test_schema_and_offsets(sample):
    text, quotes = sample
    assert quotes
    numbers = [int(quote.quote_id[1:]) for quote in quotes]
    assert numbers == sorted(set(numbers)) and numbers[0] >= 1  # ids rise in text order
    for quote in quotes:
        assert list(quote.to_dict()) == SCHEMA
        assert quote.quote_id.startswith("Q")
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
        if quote.cue_start is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert -1 <= quote.polarity <= 1 and 0 <= quote.subjectivity <= 1
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_sample_quoted_passages(sample):
    text, quotes = sample
    expected = {
        "“maintaining the security of strategic sea corridors.”": ("mixed", "the ministry"),
        "“This joint exercise is aimed at enhancing": ("direct", "it"),
        "“In order to break through the possible barriers": ("direct", "Song"),
        "“The bitter ties between China and the United States": ("direct", "Zhou"),
        "“Further isolation of China and Russia": ("direct", "Zhou"),
    }
    speakers = {
        "the ministry": "Chinese Defense Ministry",
        "it": "Chinese Defense Ministry",
        "Song": "Song Zhongping",
        "Zhou": "Zhou Chenming",
    }
    for passage, (kind, mention) in expected.items():
        quote = covering(quotes, text, passage)
        assert quote.kind == kind, passage
        assert quote.speaker_text == mention, passage
        assert quote.speaker == speakers[mention], passage
    statement = covering(quotes, text, "“This joint exercise")
    assert statement.cue == "says"
    assert statement.text.endswith("challenges,”")


def test_sample_reported_speech(sample):
    text, quotes = sample
    expected = {
        "Russia will send troops": "Chinese Defense Ministry",
        "the joint drills could be seen as a clear response": "Defense experts",
        "the strategic sea corridors mentioned by": "Song Zhongping",
        "the United States was not only working with Japan": "Zhou Chenming",
        "five PLA missiles landed in its exclusive economic zone": "Tokyo",
        "the missiles landed in the EEZ": "Beijing",
        "the two countries had not agreed on the boundaries": "Beijing",
    }
    for passage, speaker in expected.items():
        quote = covering(quotes, text, passage)
        assert quote.kind == "indirect", passage
        assert quote.speaker == speaker, passage
    denial = covering(quotes, text, "the missiles landed in the EEZ")
    assert denial.text == "that the missiles landed in the EEZ"
    assert denial.cue == "denied"


def test_sample_names_are_not_quotes(sample):
    text, quotes = sample
    start = text.index("“North/Interaction-2023”")
    assert not [q for q in quotes if q.start <= start < q.end and q.speaker is not None]
    assert not any(q.text.startswith("“North/Interaction") for q in quotes)


def test_deterministic(sample):
    text, quotes = sample
    again = run(text)
    assert [q.to_dict() for q in again] == [q.to_dict() for q in quotes]


def test_quote_over_several_paragraphs():
    text, quotes = fixture("multi_paragraph.txt")
    quote = covering(quotes, text, "“We have waited twenty years")
    assert "I give you my word on that,”" in quote.text
    assert quote.kind == "direct"
    assert quote.speaker_text == "she" and quote.speaker == "Anna Varga"


def test_straight_and_curly_marks():
    text, quotes = fixture("marks.txt")
    quote = covering(quotes, text, '"The road will stay closed until Friday,"')
    assert quote.speaker == "Peter Lindqvist"
    assert quote.text.startswith('"') and quote.text.endswith("moving.”")


def test_unbalanced_marks_are_recovered():
    text, quotes = fixture("unbalanced.txt")
    first = covering(quotes, text, "“We will not go back")
    assert first.speaker == "Maria Costa"
    assert first.text.endswith("promised.")
    second = covering(quotes, text, '"We are ready to talk,"')
    assert second.speaker == "Tom Reyes"
    assert not any("Stray marks" in q.text for q in quotes)


def test_scare_quotes_are_not_attributed():
    text, quotes = fixture("scare_quotes.txt")
    assert not any("Northern Shield" in q.text for q in quotes)
    assert not any(q.text == "“routine”" for q in quotes)
    quote = covering(quotes, text, "“These drills are purely defensive")
    assert quote.speaker == "Jonas Berg" and quote.cue == "told"


def test_pronouns_resolve_to_antecedents():
    text, quotes = fixture("pronouns.txt")
    ministry = covering(quotes, text, "grain prices will fall")
    assert (ministry.speaker_text, ministry.speaker) == ("It", "Agriculture Ministry")
    assert ministry.text.startswith("that grain prices")
    economist = covering(quotes, text, "the harvest figures were too early")
    assert (economist.speaker_text, economist.speaker) == ("She", "Laura Mendes")
    unions = covering(quotes, text, "the prices were already too low")
    assert unions.speaker_text == "They" and "unions" in unions.speaker


def test_surname_resolves_to_full_name():
    text, quotes = fixture("surname.txt")
    quote = covering(quotes, text, "“Every delay adds millions")
    assert (quote.speaker_text, quote.speaker) == ("Okafor", "Daniel Okafor")


def test_nominal_and_prepositional_cues():
    text, quotes = fixture("nominal_cues.txt")
    fire = covering(quotes, text, "the blaze started in a storage room")
    assert fire.cue == "According to" and fire.speaker_text == "the fire department"
    assert not fire.text.startswith(("According", ","))
    ministry = covering(quotes, text, "inspectors would visit the site")
    assert ministry.speaker == "Ministry of Labour"
    pool = covering(quotes, text, "the old pool would never reopen")
    assert pool.cue == "acknowledgment"
    assert pool.text == "that the old pool would never reopen"


def test_cue_in_neighbouring_sentence():
    text, quotes = fixture("neighbour.txt")
    quote = covering(quotes, text, "“We tested every cable twice.”")
    assert quote.speaker == "Ruth Adler"
    assert quote.text.startswith("“The bridge is safe")


def test_inverted_and_mixed_reports():
    text, quotes = fixture("inverted.txt")
    vote = covering(quotes, text, "The vote will be held on April 3")
    assert vote.speaker == "Electoral Commission" and vote.cue == "announced"
    assert not vote.text.endswith(",")
    turnout = covering(quotes, text, "Turnout is expected to be high")
    assert turnout.speaker == "Marco Bianchi"
    mixed = covering(quotes, text, "“the cost of living and nothing else.”")
    assert mixed.kind == "mixed" and mixed.speaker == "Opposition parties"


@pytest.mark.parametrize(
    "text",
    [
        "“",
        '"""',
        "He said “ and then ” and “.",
        "“Open\n\n“again\n\n“and again",
        "No marks at all here.",
        "”Closed first,“ he said.",
        "",
    ],
)
def test_never_refuses_odd_marks(text):
    quotes = run(text)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


def test_gerund_and_raised_cues_take_the_clause_subject():
    text, quotes = fixture("gerunds.txt")
    fares = covering(quotes, text, "fares would stay frozen")
    assert (fares.cue, fares.speaker_text) == ("promising", "Holt")
    assert fares.speaker == "Ines Holt"
    budget = covering(quotes, text, "the terminal had cost twice the budget")
    assert budget.cue == "suggesting" and budget.speaker_text == "The harbour board"
    invoices = covering(quotes, text, "the board had never seen the final invoices")
    assert invoices.cue == "say" and invoices.speaker == "Viktor Sand"


def test_quoted_clause_after_that_is_mixed():
    text, quotes = fixture("mixed_clause.txt")
    clause = covering(quotes, text, "“the new cranes have arrived late")
    assert clause.kind == "mixed" and clause.text.startswith("that “")
    assert clause.speaker == "Lena Moss" and clause.cue == "acknowledged"


def test_closed_sentence_is_not_framed_by_the_next_one():
    text, quotes = fixture("mixed_clause.txt")
    quote = covering(quotes, text, "“The backlog will be gone")
    assert quote.kind == "direct" and quote.cue == "said"
    assert quote.text.startswith("“We are doing everything")
    assert quote.text.endswith("month.”")


def test_cueless_fragment_keeps_the_paragraph_voice():
    text, quotes = fixture("inherit.txt")
    fragment = covering(quotes, text, "“a real chance to show farmers")
    assert fragment.kind == "mixed"
    assert fragment.speaker_text == "Brandt" and fragment.cue == "said"
    other = [q for q in quotes if "quoted title" in q.text]
    assert other and all(q.speaker is None for q in other)


def test_nested_report_is_part_of_the_outer_one():
    text, quotes = fixture("nested.txt")
    outer = covering(quotes, text, "she wanted to close the northern rail line")
    assert outer.cue == "insisted" and outer.speaker == "Clara Voss"
    assert outer.text.startswith("that she had never said")
    inside = [q for q in quotes if outer.start <= q.start and q.end <= outer.end and q is not outer]
    assert inside == []


def test_cue_inside_its_content_and_naming_verbs():
    text, quotes = fixture("interrupted.txt")
    tax = covering(quotes, text, "would hit farmers hardest")
    assert tax.kind == "indirect" and tax.cue == "said"
    assert tax.text.startswith("The new road tax") and tax.text.endswith("dry season")
    assert tax.speaker == "Ruth Kagame"
    label = covering(quotes, text, '"a gift to the capital"')
    assert label.kind == "mixed" and label.cue == "called"
    assert label.text == 'the budget "a gift to the capital"'


def test_speaker_labels_in_headlines_and_transcripts():
    text, quotes = fixture("labels.txt")
    _, items = layer("labels.txt")
    headline = covering(items, text, "Port Strike Will Hurt Exporters Most")
    assert (headline.cue, headline.speaker_text) == (":", "Okonkwo")
    assert headline.act == "furniture" and headline.quote_id is None  # a heading
    host = covering(quotes, text, "Will the strike spread to the airports?")
    assert host.speaker_text == "HOST"
    assert not any("Dock workers walked out" in q.text for q in quotes)
    assert not any("called a meeting" in q.text and q.cue == ":" for q in quotes)


def test_a_label_that_names_no_one_is_no_speaker():
    # "The Latest:" and "Revealed:" open headlines; a name or a transcript's capitals speak.
    text = (
        "The Latest: Harbour board approves the new ferry terminal\n\n"
        "Revealed: What the port's new budget really pays for\n\n"
        "Okafor: The terminal will open before the summer\n\n"
        "HOST: Will the ferries run on time this year?\n\n"
        "GUEST: They will, if the crews agree to the new shifts.\n\n"
        "Q: Will the fares go up?\n\n"
        "A: Not this year, the board has promised that."
    )
    doc = parse(text)
    labelled = [a for a in attribute(doc, extract_entities(doc)).layer if a.cue == ":"]
    # "Q:" and "A:" mark an interview's turns; a letter names no one.
    assert [a.speaker_text for a in labelled] == ["Okafor", "HOST", "GUEST"]


def test_frame_after_a_passage_reads_the_speaker_from_the_gap():
    text, quotes = fixture("frames_after.txt")
    lund = covering(quotes, text, "only 4 percent of the passengers")
    assert lund.kind == "direct" and lund.speaker == "Robby Lund"
    sperling = covering(quotes, text, "everything is perfect")
    assert sperling.speaker_text == "Gene Sperling" and sperling.cue == "said"


def test_frame_after_survives_a_broken_parse():
    from spacy.tokens import Doc

    from analysis.nlp import get_nlp
    from analysis.quotes.passages.framing import _frame_after

    words = ["“", "Fine", ",", "”", "Gene", "Sperling", ",", "an", "adviser", ",", "said", "."]
    # The parser hung the name inside the quote and left the cue without a subject.
    heads = [1, 10, 1, 1, 5, 1, 5, 8, 5, 10, 10, 10]
    deps = ["punct", "ccomp", "punct", "punct", "compound", "attr", "punct", "det", "appos"]
    deps += ["punct", "ROOT", "punct"]
    pos = ["PUNCT", "ADJ", "PUNCT", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN"]
    pos += ["PUNCT", "VERB", "PUNCT"]
    lemmas = [w.lower() for w in words[:10]] + ["say", "."]
    spaces = [False, False, False, True, True, False, True, True, False, True, False, False]
    doc = Doc(get_nlp().vocab, words, spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    cue = _frame_after(doc, 4, len(doc[:4].text))
    assert cue is not None and cue.cue.text == "said"
    assert cue.speaker is not None and cue.speaker.text == "Sperling"


def test_opening_mark_typed_as_a_closer():
    text, quotes = fixture("wrong_way_marks.txt")
    quote = covering(quotes, text, "“The quotas will ruin every small boat")
    assert quote.text.endswith("north,“") and quote.kind == "direct"
    assert quote.speaker == "Jon Eriksen"
    assert not any("who chairs" in q.text for q in quotes if q.kind == "direct")


def test_show_and_song_titles_are_not_direct_quotes():
    text, quotes = fixture("titles.txt")
    assert not any("Meet the Press" in q.text for q in quotes)
    assert not any(q.kind == "direct" and "Born to Run" in q.text for q in quotes)
    report = covering(quotes, text, "the budget talks would resume in March")
    assert report.kind == "indirect" and report.speaker == "Maria Ortega"


def test_object_and_its_frame_phrase_are_one_content():
    text, quotes = fixture("object_frames.txt")
    plan = covering(quotes, text, "the new harbour plan")
    assert plan.cue == "described"
    assert plan.text == "the new harbour plan as a costly mistake for the town"
    costs = covering(quotes, text, "the port authority")
    assert costs.text == "the port authority of hiding the dredging costs from voters"


def test_passive_subject_belongs_to_the_content():
    text, quotes = layer("raised_subjects.txt")
    fares = covering(quotes, text, "raise their fares")
    assert fares.text == "The ferry operators are expected to raise their fares again in the spring"
    assert fares.speaker is None


def test_object_of_a_demand_belongs_to_the_content():
    text, quotes = fixture("raised_subjects.txt")
    talks = covering(quotes, text, "to reopen the talks")
    assert talks.cue == "urged" and talks.speaker_text == "The union"
    assert talks.text == "the harbour board to reopen the talks before the holidays"


def test_participle_after_a_noun_and_necessity_are_not_content():
    text, quotes = fixture("not_content.txt")
    assert [q.text for q in quotes] == ["the main library would close at six"]


def test_clause_placed_in_a_survey_is_its_finding():
    text, quotes = fixture("findings.txt")
    lead = covering(quotes, text, "leads the incumbent")
    assert lead.text == "Councillor Amara Diallo leads the incumbent by six points"
    assert lead.cue == "in" and lead.speaker_text.endswith("survey")


def test_writer_aside_after_the_content_is_cut_off():
    text, quotes = fixture("asides.txt")
    repairs = covering(quotes, text, "the repairs would be finished")
    assert repairs.text == "the repairs would be finished by the contractor Dalby Works"
    detour = covering(quotes, text, "the detour was safe")
    assert detour.text == "that the detour was safe for buses"
    bridge = covering(quotes, text, "the council would pay")
    assert bridge.text.endswith("which we all love.”")  # the source's own aside stays


def test_passive_addressee_is_not_content():
    text, quotes = fixture("raised_subjects.txt")
    pier = covering(quotes, text, "to close the old pier")
    assert pier.text == "to close the old pier before the storm"


def test_as_phrase_after_any_object_cue_is_its_predicate():
    text, quotes = fixture("object_frames.txt")
    proposal = covering(quotes, text, "the proposal")
    assert proposal.text == "the proposal as unworkable and expensive"


def test_headline_line_break_ends_the_sentence():
    text, quotes = fixture("headline_deck.txt")
    budget = covering(quotes, text, "the budget will balance")
    assert budget.text == "the budget will balance" and budget.cue == "says"


def test_who_is_called_on_belongs_to_the_call():
    text, quotes = fixture("raised_subjects.txt")
    report = covering(quotes, text, "to publish the safety report")
    assert report.text == "the harbour board to publish the safety report"


def test_clause_with_two_quoted_fragments_is_one_quote():
    text, quotes = fixture("two_fragments.txt")
    pool = [q for q in quotes if "fully funded" in q.text]
    assert len(pool) == 1 and pool[0].kind == "mixed"
    assert pool[0].text.endswith("“open to every family in town” by next summer")
    referee = [q for q in quotes if "the referee" in q.text]
    assert [q.text for q in referee] == ["that the referee was “blind” and “a disgrace.”"]


def test_as_clause_cites_the_clause_it_modifies():
    text, quotes = fixture("findings.txt")
    met = covering(quotes, text, "met the developers")
    assert met.text == "The mayor also met the developers that weekend"
    assert met.cue == "reported" and "Herald" in met.speaker_text


def test_phrases_inside_the_writers_clause_are_not_direct_quotes():
    text, quotes = fixture("embedded.txt")
    direct = [q for q in quotes if q.kind == "direct"]
    phrases = ("“reckless gamble”", "“wilful neglect", "“the harbour plan”", "“a fair deal")
    for phrase in phrases:
        assert not any(phrase in q.text for q in direct), phrase
    plan = covering(quotes, text, "“the harbour plan”")
    assert plan.kind == "mixed" and plan.speaker == "Pia Larsen"
    holm = covering(quotes, text, "“We will open the bridge in May")
    assert holm.kind == "direct" and holm.speaker == "Tomas Holm"


def test_quoted_words_that_go_on_from_a_report_join_it():
    text, quotes = fixture("report_goes_on.txt")
    report = covering(quotes, text, "“We have the money, the machines")
    assert report.kind == "mixed" and report.speaker == "Elena Ruiz"
    assert report.text.startswith("the tunnel would open in June")
    assert not any(q.kind == "direct" for q in quotes)


def test_quotation_that_finishes_an_interrupted_clause_is_mixed():
    text, quotes = fixture("interrupted_quote.txt")
    vote = covering(quotes, text, "“would be a mistake")
    assert vote.kind == "mixed" and vote.text.startswith("An early vote")
    assert vote.speaker == "Ilse Brandt"
    week = covering(quotes, text, "“We need another week")
    assert week.kind == "direct" and week.text.startswith("“We need")


def test_speaker_left_unattached_by_a_broken_parse():
    from spacy.tokens import Doc

    from analysis.nlp import get_nlp
    from analysis.quotes.speakers.speaker_search import orphan_subject

    words = ["On", "Monday", ",", "Ann", "Weir", ",", "a", "spokeswoman", ",", "said"]
    words += ["the", "road", "was", "closed", "."]
    # The parser hung the name on the date and left the cue without a subject.
    heads = [9, 0, 1, 4, 1, 4, 7, 4, 9, 9, 11, 13, 13, 9, 9]
    deps = ["prep", "pobj", "punct", "compound", "appos", "punct", "det", "appos", "punct"]
    deps += ["ROOT", "det", "nsubjpass", "auxpass", "ccomp", "punct"]
    pos = ["ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB"]
    pos += ["DET", "NOUN", "AUX", "VERB", "PUNCT"]
    tags = ["IN", "NNP", ",", "NNP", "NNP", ",", "DT", "NN", ",", "VBD"]
    tags += ["DT", "NN", "VBD", "VBN", "."]
    doc = Doc(get_nlp().vocab, words, heads=heads, deps=deps, pos=pos, tags=tags)
    speaker = orphan_subject(doc[9], (10, 14))
    assert speaker is not None and speaker.text == "Weir"
    assert orphan_subject(doc[13], (10, 14)) is None


def test_speakers_of_noun_cues_and_participles_come_from_their_clause():
    text, quotes = fixture("speaker_fallbacks.txt")
    charges = covering(quotes, text, "the contractor had hidden the true costs")
    assert charges.cue == "charges" and charges.speaker == "Elena Ruiz"
    post = covering(quotes, text, "“Feels great to support a team")
    assert post.cue == "writing" and post.speaker_text in ("The drummer", "Ben Holt")


def test_any_verb_in_the_frame_after_a_broken_off_quotation_speaks():
    text, quotes = fixture("manner_frames.txt")
    question = covering(quotes, text, "“Then why not the old harbour?”")
    assert question.kind == "direct" and question.cue == "pressed"
    assert "Lena Park" in question.speaker


def test_a_dateline_is_no_speaker():
    text, quotes = fixture("dateline.txt")
    pledge = covering(quotes, text, "to work together on the port")
    assert pledge.speaker == "Ann Weir" and pledge.cue == "pledged"


def test_a_colon_before_a_quotation_gives_it_the_subject_of_its_sentence():
    text, quotes = fixture("colon_frames.txt")
    union = covering(quotes, text, "“We will not go back")
    assert union.kind == "direct" and union.cue == "echoed"
    assert "Jo Park" in union.speaker


def test_speaker_inside_a_frame_that_interrupts_its_quotation():
    from spacy.tokens import Doc

    from analysis.nlp import get_nlp
    from analysis.quotes.speakers.speaker_search import orphan_subject

    words = ['"', "The", "risk", ",", '"', "said", "Ann", "Weir", ",", '"', "is", "high", "."]
    words += ['"']
    # "“The risk,” said Ann Weir, “is high.”": the parser made the name an object.
    heads = [10, 2, 10, 10, 10, 10, 7, 5, 10, 10, 10, 10, 10, 10]
    deps = ["punct", "det", "nsubj", "punct", "punct", "parataxis", "compound", "dobj"]
    deps += ["punct", "punct", "ROOT", "acomp", "punct", "punct"]
    pos = ["PUNCT", "DET", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"]
    pos += ["PUNCT", "AUX", "ADJ", "PUNCT", "PUNCT"]
    tags = ["``", "DT", "NN", ",", "''", "VBD", "NNP", "NNP", ",", "``", "VBZ", "JJ", "."]
    tags += ["''"]
    doc = Doc(get_nlp().vocab, words, heads=heads, deps=deps, pos=pos, tags=tags)
    # The content is the whole sentence the frame interrupts.
    speaker = orphan_subject(doc[5], (0, len(doc)))
    assert speaker is not None and speaker.text == "Weir"  # the head of the name


def test_a_title_case_headline_is_read_with_its_verbs():
    text, quotes = layer("short_objects.txt")
    praise = covering(quotes, text, "New Ferry Plan")
    assert praise.cue == "Praises" and praise.text == "New Ferry Plan"
    assert text[praise.start : praise.end] == praise.text
    assert praise.speaker_text is not None and "Harbour Board" in text[: praise.speaker_end]


def test_a_published_document_or_an_announced_event_is_no_content():
    text, quotes = layer("short_objects.txt")
    said = {q.text for q in quotes}
    assert not said & {"the drills", "a statement", "a video"}
    # An owner makes the announced thing the owner's own act.
    assert covering(quotes, text, "her resignation").cue == "announced"


def test_a_credit_line_is_no_speech():
    _text, quotes = fixture("short_objects.txt")
    assert not [q for q in quotes if "Maria Delgado" in q.text]


def test_what_a_poll_shows_includes_the_predicate_of_its_object():
    text, quotes = fixture("small_clause.txt")
    shown = covering(quotes, text, "Lee")
    assert shown.cue == "shows" and shown.text == "Lee within two points of Ruiz"


def test_cueless_fragment_is_the_clause_subjects_wording() -> None:
    # "described X as “...”" has no cue of its own; the words are the subject's.
    text, quotes = fixture("fragment-holder.txt")
    quote = covering(quotes, text, "a gift to the night shift")
    assert quote.kind == "mixed"
    assert quote.speaker_text == "Marsh"
    assert quote.speaker == "Delia Marsh"


def test_cue_noun_names_its_holder_with_from() -> None:
    # "complaints from X that ..." and "a claim by X that ..." name the holder after the noun.
    # The holder is found whatever act the item is judged to report, so the layer is read.
    text = (QUOTES / "noun-agent.txt").read_text(encoding="utf-8")
    doc = parse(text)
    layer = attribute(doc, extract_entities(doc)).layer
    assert covering(layer, text, "ignores the tides").speaker_text == "the harbour pilots"
    assert covering(layer, text, "work unpaid hours").speaker_text == "the deckhands"


def test_passive_subject_speaks_in_a_joined_clause() -> None:
    # The subject of a passive clause is who speaks in the clause joined to it.
    text, quotes = fixture("passive-subject.txt")
    assert covering(quotes, text, "reopen in May").speaker_text == "The mayor"
    assert covering(quotes, text, "the ferry lost money").speaker == "Ann Weir"


def test_quantifier_before_cue_is_its_subject() -> None:
    # The parser may hang "4 in 10" on "say" as a modifier; it is who says.
    text, quotes = fixture("quantifier-subject.txt")
    quote = covering(quotes, text, "lower the tram fares")
    assert quote.speaker_text is not None
    assert "10" in quote.speaker_text


def test_inverted_aside_speaker_follows_the_cue() -> None:
    # "X, say engineers, is Y": the engineers speak, and X is part of what they say.
    text, quotes = fixture("inverted-aside.txt")
    quote = covering(quotes, text, "is the silt itself")
    assert quote.speaker_text == "engineers"
    assert quote.text.startswith("The cost of dredging")


def test_pronoun_skips_things_for_its_antecedent():
    quotes = run(
        "The astronomers ran the model for a year. The heated gases escaped from the "
        "galaxy. They said the model matched what telescopes see."
    )
    assert [(q.speaker_text, q.speaker) for q in quotes] == [("They", "The astronomers")]


def test_described_pronoun_names_the_people_it_describes():
    quotes = run(
        "The league suspended two players. Those in favor of a longer ban argue that "
        "the players started the brawl."
    )
    argued = next(q for q in quotes if q.cue == "argue")
    assert argued.speaker == "Those in favor of a longer ban"
    assert argued.speaker_text == "Those"


def test_possessor_is_not_the_speaker():
    quotes = run("Mark Hollis was charged. Hollis's lawyer said the charges would be dropped.")
    assert [q.speaker for q in quotes] == ["Hollis's lawyer"]


def test_report_in_the_narration_of_a_split_quote_is_its_own():
    # The cue's clause between the two parts of a quote reports something of its own.
    text = (
        "“The tunnel will open in June,” Ruiz said at the depot, recalling that the council "
        "had promised it for years. “We are ready for the first trains.”"
    )
    quotes = run(text)
    assert [q.kind for q in quotes] == ["direct", "indirect"]
    recalled = covering(quotes, text, "the council had promised it")
    assert recalled.text == "that the council had promised it for years"
    assert recalled.cue == "recalling" and recalled.speaker_text == "Ruiz"


def test_contrast_with_another_party_ends_the_content():
    # "..., while X said ...": the contrast is the writer's, and X's report is its own.
    text = (
        "Most residents said they backed the new tram line, while the shopkeepers said "
        "it would hurt trade."
    )
    quotes = run(text)
    assert [(q.text, q.speaker_text) for q in quotes] == [
        ("they backed the new tram line", "Most residents"),
        ("it would hurt trade", "the shopkeepers"),
    ]


def test_question_parsed_as_a_condition_is_what_was_asked():
    # The parser hangs these "if" clauses on "asked" as conditions; they are the questions.
    for text, question in (
        ("Asked if he had met the owner, the trader shook his head.", "if he had met the owner"),
        (
            "The driver was asked by a passenger if the bus stopped at the station.",
            "if the bus stopped at the station",
        ),
    ):
        doc = parse(text)
        found = [a for a in attribute(doc, extract_entities(doc)).layer if a.act == "question"]
        assert [a.text for a in found] == [question]


def test_belief_adjective_holds_its_clause():
    # "confident that", "worried that": the clause is what the holder believes.
    text = (
        "The mayor is confident that the bill will pass. Residents worried that the rents "
        "will rise signed the letter. The crew made sure that the doors were locked."
    )
    doc = parse(text)
    found = attribute(doc, extract_entities(doc)).layer
    assert [(a.text, a.speaker_text, a.act) for a in found] == [
        ("that the bill will pass", "The mayor", "belief"),
        ("that the rents will rise", "Residents", "belief"),
    ]


def test_clause_after_for_is_what_is_called_for():
    # The parser makes "for" open the clause; the clause is what the union calls for.
    text = "The union called for the minister to resign. It took a decade for the town to recover."
    doc = parse(text)
    found = attribute(doc, extract_entities(doc)).layer
    assert [(a.text, a.cue, a.speaker_text) for a in found] == [
        ("the minister to resign", "called for", "The union")
    ]


def test_clause_after_a_content_noun_and_be_is_its_content():
    # "Her claim is that ...": the clause the copula links to the noun is the claim.
    text = "The mayor spoke for an hour. Her claim is that the ferry lost money every winter."
    doc = parse(text)
    found = attribute(doc, extract_entities(doc)).layer
    assert [(a.text, a.cue, a.speaker_text, a.act) for a in found] == [
        ("that the ferry lost money every winter", "claim", "Her", "position")
    ]


def test_word_that_stands_for_the_clause_is_what_was_said():
    # "said yes", "said so": one word stands for the whole reported clause.
    text = (
        "Asked whether the pier should be rebuilt, most residents said yes. The pier is "
        "unsafe, and the engineers said so in their report."
    )
    doc = parse(text)
    found = attribute(doc, extract_entities(doc))
    said = [a for a in found.layer if a.act == "speech"]
    assert [(a.text, a.speaker_text) for a in said] == [
        ("yes", "most residents"),
        ("so", "the engineers"),
    ]
    # Each is an act of speech in the layer, but a quote reading "so" or "yes" would tell
    # an analyst nothing, so the quotes table leaves them out.
    assert all(a.quote_id is None for a in said)
    assert not [q for q in found.quotes if q.text in ("yes", "so")]


def test_participle_in_the_narration_of_a_split_quote_has_its_object():
    # "..., the mayor said, referring to X. “...”": X is what the mayor refers to.
    text = (
        "“It was a mistake,” the mayor said, referring to the closure of the old ferry. "
        "“We will not repeat it.”"
    )
    doc = parse(text)
    found = attribute(doc, extract_entities(doc)).layer
    assert [a.kind for a in found] == ["direct", "indirect"]
    assert (found[1].text, found[1].cue, found[1].speaker_text) == (
        "the closure of the old ferry",
        "referring to",
        "the mayor",
    )


def test_one_quoted_word_in_a_report_is_no_attribution_of_its_own():
    # The report around a scare-quoted word holds it; the word alone reports nothing.
    text = (
        "The delegate warned of a “ferocious” battle ahead at the convention. The mayor "
        'lamented the "disheartened" mood of the council.'
    )
    doc = parse(text)
    found = attribute(doc, extract_entities(doc)).layer
    assert [a.text for a in found] == [
        "a “ferocious” battle ahead at the convention",
        'the "disheartened" mood of the council',
    ]


def test_a_phrase_quoted_in_the_narration_does_not_join_the_quote():
    # The speaker's description quotes a phrase: it is no second part of the quote.
    text = (
        "“It was a disgrace,” said Ana Ruiz, a nurse who waited in an “endless queue "
        "around the town hall” before she could vote."
    )
    quotes = run(text)
    assert quotes[0].kind == "direct"
    assert quotes[0].text == "“It was a disgrace,”"
    assert quotes[0].speaker_text == "Ana Ruiz"
    assert not any("Ana Ruiz" in q.text for q in quotes)


def test_a_split_quote_joins_across_the_show_it_was_said_on():
    # The show's title closes the cue's clause; the next part is the speaker going on.
    text = (
        "“The plan is dead,” Ruiz said on Radio Norte’s “Morning Hour.”\u00a0“We will start "
        "again next year with a smaller budget.”"
    )
    quotes = run(text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("“The plan is dead,”")
    assert quotes[0].text.endswith("smaller budget.”")
    assert quotes[0].speaker_text == "Ruiz"


def test_a_split_quote_joins_when_the_cue_lacks_its_comma():
    text = (
        "“We are not done,” the mayor said “The council will vote again on the tram line in June.”"
    )
    quotes = run(text)
    assert len(quotes) == 1 and quotes[0].text.endswith("in June.”")


def test_a_report_is_never_the_content_of_the_verb_it_reports():
    # The parser may hang "Lopez said" on the reported verb, which then seems to report
    # it; the only attribution is Lopez's.
    for text, said in (
        (
            "Lopez said history has shown the need for a stable government.",
            "history has shown the need for a stable government",
        ),
        ("Mr. Ortega said he agreed with Ms. Brandt on the budget.", "he agreed with Ms. Brandt"),
    ):
        doc = parse(text)
        layer = attribute(doc, extract_entities(doc)).layer
        assert [a.cue for a in layer] == ["said"], text
        assert layer[0].text.startswith(said)


def test_a_quoted_label_runs_to_its_closing_mark():
    # The parse may end the label inside its quotation, or start it after the object.
    for text, label in (
        ("Weaver called that “beyond preposterous.”", "that “beyond preposterous.”"),
        ("Sanders called him “well qualified,” but did not endorse him.", "him “well qualified,”"),
    ):
        doc = parse(text)
        layer = attribute(doc, extract_entities(doc)).layer
        assert [a.text for a in layer if a.cue == "called"] == [label], text


def test_an_as_predicate_read_as_a_clause_completes_the_object():
    doc = parse("Voters described her as likable and inspiring.")
    layer = attribute(doc, extract_entities(doc)).layer
    assert [(a.cue, a.text) for a in layer] == [("described", "her as likable and inspiring")]
    # "as" opening a clause of its own says when, not what
    doc = parse("Rubio opposed the bill as he prepared his campaign.")
    layer = attribute(doc, extract_entities(doc)).layer
    assert [a.text for a in layer if a.cue == "opposed"] == ["the bill"]


def test_one_cue_reports_its_longest_content_once():
    # The quoted phrase is part of what the cue reports, not a second claim of its own.
    doc = parse("Cruz warned against the “fevered dreams” of a brokered convention.")
    layer = attribute(doc, extract_entities(doc)).layer
    assert [(a.cue, a.text) for a in layer] == [
        ("warned against", "the “fevered dreams” of a brokered convention")
    ]


def _layer_of(text: str) -> list[tuple[str, str]]:
    doc = parse(text)
    return [(a.cue, a.text) for a in attribute(doc, extract_entities(doc)).layer]


def test_according_to_cites_the_clause_before_it():
    # The parser hangs the phrase on the participle after it; the phrase cites what it
    # sets off, not the description of its own source.
    layer = _layer_of(
        "Even as the storm hit the coast on Monday, the county office was told that repair "
        "crews were ready to help, according to a newly uncovered email previously kept secret."
    )
    assert layer == [
        (
            "according to",
            "Even as the storm hit the coast on Monday, the county office was told that "
            "repair crews were ready to help",
        )
    ]


def test_according_to_closing_a_sentence_cites_all_of_it():
    layer = _layer_of(
        "The union has lost members in every region, and its funds are lower than they have "
        "been for decades, according to the annual report."
    )
    assert layer == [
        (
            "according to",
            "The union has lost members in every region, and its funds are lower than they "
            "have been for decades",
        )
    ]


def test_a_clause_its_cue_interrupts_is_one_report():
    # "A, Ruiz said, while B": one claim in two pieces, one span from A to B.
    layer = _layer_of(
        "One offered to shelter the crew at a nearby farm, Ruiz said, while others "
        "“didn't want to help us at all.”"
    )
    assert layer == [
        (
            "said",
            "One offered to shelter the crew at a nearby farm, Ruiz said, while others "
            "“didn't want to help us at all.”",
        )
    ]


def test_two_that_clauses_of_one_cue_stay_two_reports():
    layer = _layer_of(
        "Cmdr. Ana Lee, a spokesperson for the task force, told reporters on Monday that the "
        "ministry's claim “is patently false,” and that “the navy is not blocking the port.”"
    )
    assert layer == [
        ("told", "that the ministry's claim “is patently false,”"),
        ("told", "“the navy is not blocking the port.”"),
    ]


def test_a_quote_goes_on_after_a_report_that_ends_on_quoted_words():
    # The second quotation, after the speaker's description, is the same voice going on.
    text = (
        "The new tariffs are ''plainly reckless,'' said Ines Moreau, an economist at the "
        "Lyon institute. ''They hurt the very plants they claim to protect.''"
    )
    assert _layer_of(text) == [("said", text)]


def _speakers_of(text: str) -> list[tuple[str, str | None, str]]:
    doc = parse(text)
    return [(a.cue, a.speaker, a.text) for a in attribute(doc, extract_entities(doc)).layer]


def test_a_participle_of_speech_after_a_report_is_a_second_statement():
    assert _speakers_of(
        "Lena Brandt said the council plans to reopen the library in spring, insisting "
        "that the repairs are nearly finished."
    ) == [
        ("said", "Lena Brandt", "the council plans to reopen the library in spring"),
        ("insisting", "Lena Brandt", "that the repairs are nearly finished"),
    ]


def test_a_participle_of_speech_speaks_in_the_voice_of_the_report_it_ends():
    # The parser hangs "saying" on "concluded", whose subject is the city; it is the
    # mayor who says it.
    found = _speakers_of(
        "Mayor Ines Okafor said that after a long review the city had concluded the old "
        "bridge was “not, in itself, unsafe”, saying she trusted the engineers to decide."
    )
    assert found[-1] == ("saying", "Mayor Ines Okafor", "she trusted the engineers to decide")
    assert found[0][2].endswith("“not, in itself, unsafe”")


def test_a_verb_left_loosely_attached_takes_the_subject_of_its_head():
    assert _speakers_of(
        "The mayor paused, then revealed why the plant mattered so much to the town."
    ) == [("revealed", "The mayor", "why the plant mattered so much to the town")]


def test_a_name_the_tagger_misreads_after_an_inverted_cue_speaks():
    # "Skelly" comes out as an adverb of "said"; in the frame slot it is who speaks.
    found = _speakers_of(
        "“Keeping the old pumps running through the winter is what matters,” said Skelly, "
        "explaining that the crews had worked since dawn."
    )
    assert found[0][:2] == ("said", "Skelly")


def test_a_possessor_after_an_inverted_cue_does_not_speak():
    found = _speakers_of(
        "“It was a good speech you gave last night, Mr. Mayor,” said Clinton's introducer, smiling."
    )
    assert found[0][:2] == ("said", "Clinton's introducer")


def test_a_thing_with_an_infinitive_is_not_who_acts():
    # "chances to challenge": the senator challenges; the chances do nothing.
    found = _speakers_of(
        "Senator Ada Lindqvist passed up easy chances to challenge the governor on housing."
    )
    assert found[0][:2] == ("challenge", "Ada Lindqvist")
    found = _speakers_of("Omar Haddad used every answer to talk about what he sees as waste.")
    assert found[0][:2] == ("talk about", "Omar Haddad")


def test_the_owner_of_a_plan_with_an_infinitive_acts():
    found = _speakers_of(
        "Nobody doubted Mayor Ruth Okonjo's intention to question the budget in public."
    )
    assert [f[:2] for f in found if f[0] == "question"] == [("question", "Ruth Okonjo")]


def test_a_second_act_of_speech_joined_into_a_report_is_its_own_in_the_same_voice():
    # The parser hangs "accused" on "was"; the bridge accuses no one.
    assert _speakers_of(
        "Mayor Lucia Brandt said the old bridge was safe and accused the opposition of "
        "spreading fear."
    ) == [
        ("said", "Lucia Brandt", "the old bridge was safe"),
        ("accused", "Lucia Brandt", "the opposition of spreading fear"),
    ]


def test_a_verb_shared_by_a_reported_subject_stays_in_the_report():
    # "needed" has no tense of speech: it is what the engineers said of the bridge.
    found = _speakers_of("The engineers said the old bridge was sound and needed only paint.")
    assert found == [("said", "The engineers", "the old bridge was sound and needed only paint")]


def test_a_verb_of_saying_tagged_as_a_noun_still_reports():
    # The tagger reads "estimates" as a plural noun; with a subject and a "that"
    # clause of its own it is the verb.
    found = _speakers_of(
        "The Centers for Disease Control and Prevention estimates that flu caused "
        "up to 52,000 deaths last season."
    )
    assert [(cue, text) for cue, _speaker, text in found] == [
        ("estimates", "that flu caused up to 52,000 deaths last season")
    ]
    assert "Disease Control" in found[0][1]


def test_of_several_subjects_the_parser_gives_a_verb_the_nearest_speaks():
    found = _speakers_of(
        "Acme co-founder and chief executive Maya Lin said the phone would ship in March."
    )
    assert found == [("said", "Maya Lin", "the phone would ship in March")]
    found = _speakers_of(
        "The files held 44 emails, which Ruth Ames said represented all her work emails."
    )
    assert [(cue, speaker) for cue, speaker, _ in found] == [("said", "Ruth Ames")]


def test_a_bare_title_coordinated_with_a_name_is_that_person():
    found = _speakers_of("Orbit founder and CEO Daniel Wu told the audience that it ships soon.")
    assert found == [("told", "Daniel Wu", "that it ships soon")]
    # With a determiner the title is somebody else, and the first named speaks.
    found = _speakers_of("The mayor and Daniel Wu said the phone would ship in March.")
    assert found[0][:2] == ("said", "The mayor")


def test_a_report_after_its_subject_reports_the_clause_after_the_cue():
    # The parser makes the opening phrase a clause of "detail" as well.
    found = _speakers_of(
        "In a new case study out Monday, the doctors detail how the man came down with "
        "a rare allergy."
    )
    assert [(cue, text) for cue, _s, text in found] == [
        ("detail", "how the man came down with a rare allergy")
    ]


def test_a_cue_with_its_subject_after_it_reports_the_clause_before():
    found = _speakers_of(
        "Job cuts will be announced this week in areas that do not support the core "
        "business, said the company's recently named executive chair Mara Klee in an email."
    )
    said = [f for f in found if f[0] == "said"]
    assert said[0][2].startswith("Job cuts will be announced this week")
