"""``shopper discover URL``: find a page's chat widget and propose a target block for it.

``scan.js`` reads every frame and open shadow root; ``parts`` decides which element is which
part; ``ranking`` picks the most stable selector for each; ``recognise`` names known widgets from
the presets' ``recognise:`` blocks; ``trial`` and ``messages`` confirm the message selectors by
watching one harmless message (``--try``); ``proposal`` writes the audit file; ``outline`` the
numbered screenshot; ``explore`` runs the steps; ``command`` is the CLI.
"""
