"""How far the quote passes look: search windows and parse-tree climbs.

Each pass looks for a cue, a speaker or a lead-in only so far from where it
starts, so that a broken parse or a long article never sends it across the
text. The limits are gathered here because they are tuned together: each one
trades attributions found against attributions given to the wrong voice.
"""

from __future__ import annotations

# Windows in tokens.

#: Tokens after a quotation searched for its cue (`“...,” Song said`).
FRAME_AFTER_TOKENS = 20
#: Tokens before a quotation searched for its cue (`Song said: “...”`).
FRAME_BEFORE_TOKENS = 25
#: Tokens after a dash read as the signature of a quotation (`“...” ― Veronica Cruz`).
SIGNATURE_TOKENS = 7
#: Tokens after an inverted cue searched for its speaker (`“...,” said the woman`).
INVERTED_SPEAKER_TOKENS = 4
#: Words a speaker label may have before its colon (`BOULDUAN: ...`); the start of
#: its line is looked for no further back than this.
MAX_LABEL = 6
#: Tokens left of a speaker's head word that its mention may take in ("the two leaders").
MENTION_LEFT_TOKENS = 4
#: Tokens left of a possessor that its own determiners may take in ("the two countries'").
POSSESSOR_LEFT_TOKENS = 3
#: Tokens a pronoun looks back over for its antecedent.
PRONOUN_WINDOW_TOKENS = 250

# Windows in characters.

#: Characters back from a pronoun (or a document noun) to its antecedent or author.
PRONOUN_REACH_CHARS = 1500
#: An unattributed passage this close (in characters) after a speaker's quote is theirs too.
INHERIT_REACH = 400
#: Characters before a capitalised passage searched for what makes it a title (`on “...”`).
TITLE_LEAD_CHARS = 20
#: Characters before a capitalised passage searched for a broadcaster (`told MSNBC’s “...”`).
SHOW_LEAD_CHARS = 40
#: Most characters of a dateline's date or agency part (`CLEVELAND, July 19 (UPI) —`).
DATELINE_PART_CHARS = 30

# Climbs up the parse tree, in heads.

#: Heads climbed through coordination and participles to a verb's subject.
SUBJECT_CLIMB = 5
#: Heads climbed from a participle to the clause whose subject does it (`..., writing`).
PARTICIPLE_CLIMB = 3
#: Heads climbed from a cue noun to the verb it completes (`made charges that`).
NOUN_CUE_CLIMB = 4
#: Heads climbed from a stance noun to the verb whose subject holds it (`expressed support`).
STANCE_NOUN_CLIMB = 4
#: Heads climbed from a quoted fragment to the verb of the clause it sits in.
FRAGMENT_CLIMB = 4
