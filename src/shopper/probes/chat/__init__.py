"""The chat probe: real Chromium through Playwright, timing stamped in the page.

``async with ChatBrowser(BrowserSettings()) as browser``: one browser per run;
``browser.new_session(ctx, ChatConfig(...))`` gives a :class:`ChatSession` per conversation,
each in a fresh browser context.
"""

from shopper.probes.chat.config import ArtifactPolicy, BrowserSettings, ChatConfig
from shopper.probes.chat.runtime import ChatBrowser
from shopper.probes.chat.session import ChatSession

__all__ = ["ArtifactPolicy", "BrowserSettings", "ChatBrowser", "ChatConfig", "ChatSession"]
