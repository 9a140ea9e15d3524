"""Reports: handlers over the results stream (HTML, JUnit, Markdown, JSON, CSV).

Reporters read only ``results.jsonl`` and artifacts, so any run re-renders offline.
"""
