"""The cue lexicon: the words that introduce what someone said, thought or wants.

These lists are what :mod:`analysis.quotes.cues.clauses` looks for in the parse: speech
and cognition verbs, belief adjectives, verbs with an infinitive content, nouns
that carry content, and the words that name who holds it. Object and complement cues measured on
PolNeAR live in ``models/cue_lexicon.json`` instead (see
:mod:`analysis.quotes.cues.object_cues`).
"""

from __future__ import annotations

#: Verbs of saying whose complement clause is what the source said.
SPEECH_VERBS = frozenset(
    """
    say tell announce deny warn add claim argue insist note explain report write state
    declare assert admit acknowledge confirm reveal suggest stress emphasize emphasise
    point complain concede contend allege maintain predict promise vow pledge threaten
    reply respond answer ask question wonder tweet post testify recall remark observe
    mention repeat reiterate disclose indicate signal caution urge demand propose
    conclude find show boast brag joke quip cry shout scream yell whisper murmur
    lament acknowledge estimate forecast project recount describe counter retort
    agree disagree concur dispute reject accuse charge blame criticize criticise praise
    hint imply predict speculate inform notify advise assure remind convince persuade
    tell announce proclaim swear guarantee affirm underline highlight acknowledge
    detail outline
    """.split()
)

#: Verbs of cognition and intention that PolNeAR-style annotation also counts. "Need" is
#: not one: "the branch needs to move" states a necessity, not anyone's attitude.
BELIEF_VERBS = frozenset(
    """
    believe think know feel hope expect fear worry suspect assume reckon consider
    doubt guess imagine realize realise understand learn decide figure trust
    want plan intend aim seek wish prefer
    """.split()
)

#: Adjectives of knowing, certainty and worry whose clause is what their holder
#: believes ("she is confident that the bill will pass"). "Sure" is not one after
#: "make" ("make sure that ..."), which :mod:`analysis.quotes.cues.clauses` checks.
BELIEF_ADJECTIVES = frozenset(
    """
    aware certain confident convinced doubtful fearful afraid hopeful optimistic
    pessimistic skeptical sceptical worried concerned adamant insistent sure
    """.split()
)

#: Verbs that take an infinitive complement as their content ("vowed to ...").
INFINITIVE_CUES = frozenset(
    """
    promise vow pledge threaten want plan intend aim seek wish hope expect decide
    refuse decline urge demand ask propose agree prefer
    """.split()
)

#: Nouns whose clause complement is content ("his claim that ...").
CONTENT_NOUNS = frozenset(
    """
    statement claim claims assertion allegation remark remarks comment comments
    argument warning announcement belief view suggestion insistence promise pledge
    denial admission accusation charge prediction hope fear concern contention
    acknowledgment acknowledgement recognition assurance conviction suspicion
    expectation impression conclusion implication speculation rumor rumour
    """.split()
)

#: Verbs that introduce a passage in quotation marks ("she sang, “...”").
FRAME_VERBS = (
    SPEECH_VERBS
    | BELIEF_VERBS
    | frozenset(
        """
    continue begin chant sing read type exclaim joke quip recall scold snap sigh laugh
    shout tweet text email put muse gush rail thunder fire fume plead pray offer
    """.split()
    )
)

#: Verbs whose grammatical subject is the speaker even in the passive voice.
ALL_CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS

#: Nouns that count a group: the group's members speak ("the share of voters saying ...").
PARTITIVES = frozenset(
    """proportion share percent percentage majority minority number half third quarter
    many most some few plurality""".split()
)

#: Nouns for documents that report findings: "X leads in a new poll" cites the poll.
FINDING_NOUNS = frozenset("poll survey study report analysis average tally".split())

#: Prepositions that name who holds a noun's content: "a claim by the mayor".
AGENT_PREPS = frozenset({"by", "from"})

#: Verbs of cognition that hold a belief or a feeling, not a statement (see
#: :mod:`analysis.quotes.acts`); the rest of :data:`BELIEF_VERBS` states an intention.
INTENTION_VERBS = frozenset("want plan intend aim seek wish prefer hope".split())

#: Verbs of saying that state a position rather than report words: the source argues,
#: judges, accuses or estimates ("claimed that", "accused X of Y", "described X as Y").
POSITION_VERBS = frozenset(
    """
    argue claim insist contend allege maintain accuse charge blame criticize criticise
    praise dispute reject suggest estimate predict forecast project describe characterize
    characterise portray call label brand dub dismiss concede counter agree disagree concur
    conclude find show indicate reveal demonstrate condemn denounce slam blast attack defend
    applaud hail question doubt rule recommend oppose support endorse back favor favour cite
    """.split()
)

#: Verbs whose content is a finding: a statement only when a person, group or document
#: finds it ("the study shows that ..."), not when a thing does ("fires showing that ...").
EVIDENCE_VERBS = frozenset("find show indicate reveal demonstrate suggest prove".split())

#: Verbs that put a question to someone: what they report is what was asked, not said.
QUESTION_VERBS = frozenset({"ask", "inquire", "enquire", "query"})

#: Words that stand for a whole reported clause after a verb of saying ("said so").
PRO_FORMS = frozenset({"so", "yes"})

#: Words that open an indirect question ("asked whether the line would close").
QUESTION_WORDS = frozenset("if whether why how what when where who which".split())
#: The question words that ask for a yes or a no.
YES_NO_WORDS = frozenset({"if", "whether"})

#: Verbs that refuse what their infinitive names: "declined to comment" says nothing.
REFUSAL_VERBS = frozenset({"decline", "refuse", "fail"})

#: Cue nouns by the act they name: "his claim that" states, "her fear that" believes.
NOUN_ACTS = {
    **dict.fromkeys(
        """statement remark remarks comment comments announcement warning assurance pledge
        promise denial admission testimony message word""".split(),
        "speech",
    ),
    **dict.fromkeys(
        """claim claims assertion allegation argument accusation charge prediction contention
        insistence suggestion conclusion criticism complaint estimate acknowledgment
        acknowledgement recognition""".split(),
        "position",
    ),
    **dict.fromkeys(
        """belief view hope fear concern suspicion expectation impression conviction doubt
        confidence sense notion idea assumption speculation rumor rumour""".split(),
        "belief",
    ),
    **dict.fromkeys(
        "plan desire determination willingness intention intent wish".split(), "intention"
    ),
}
