"""newsbrief: who is cited in a news article, what they said, and how it is said."""

__version__ = "0.1.0"
