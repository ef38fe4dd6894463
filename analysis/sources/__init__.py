"""Sources: one row per speaker, typed, with country and share of voice."""
