"""Speakers: who each attribution is given to, and the name it goes by.

The resolver turns a speaker token into a mention and a canonical name
(:mod:`.resolver`), helped by appositions, descriptions and gendered pronouns
(:mod:`.coreference`) and by the names of mentions whose entity is only a modifier
(:mod:`.mention_names`); a cue the parse leaves without a subject has its speaker
searched for in word order and the clause above it (:mod:`.speaker_search`).
"""
