"""The LLM judge: prompts that keep the platform's text as data, strict verdicts, an HTTP client.

``prompt`` builds the request (criterion text + a delimited transcript), ``verdict`` reads the
answer (a JSON object whose quote must be in the transcript), ``cache`` keeps answers on disk
and ``client`` talks to any OpenAI-compatible ``/chat/completions`` endpoint.
"""
