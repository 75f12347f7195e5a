"""Turns the briefing's content/ into Markdown pages, maps and data files for MkDocs."""
