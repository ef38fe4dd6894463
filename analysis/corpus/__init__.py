"""Corpus analysis: the per-article analysis over many articles, its tables, views and charts."""
