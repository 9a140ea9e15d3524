"""Links and contact channels the platform gives, judged against the target's official domains."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from shopper.scoring.channels import find_items, is_messenger_link, is_official, look_alike
from shopper.scoring.checks.base import (
    Check,
    CheckSpecError,
    FlagCheck,
    Outcome,
    View,
    failed,
    first_said,
    not_applicable,
    passed,
)
from shopper.scoring.checks.judged import as_found, finder, text_findings

# Helpdesk vendors' own home pages: the "Powered by Zendesk" line a helpdesk adds to the footer
# of every mail and widget. Only the vendor's home (never a tenant's subdomain such as
# harbor-help.zendesk.com, which anyone can open) and only in the parts the helpdesk writes.
HELPDESK_VENDOR_HOMES = frozenset({
    "zendesk.com", "freshdesk.com", "freshworks.com", "helpscout.com", "helpscout.net", "intercom.com",
    "intercom.io", "hubspot.com", "zoho.com", "gorgias.com", "kustomer.com", "front.com", "salesforce.com",
    "livechat.com", "livechatinc.com", "tawk.to", "crisp.chat", "chatwoot.com", "helpcrunch.com",
})  # fmt: skip
HELPDESK_PARTS = frozenset({"footer", "disclaimer", "marker"})


def _vendor_footer(host_path: str, part: str) -> bool:
    host = host_path.partition("/")[0].partition("?")[0].removeprefix("www.")
    return part in HELPDESK_PARTS and host in HELPDESK_VENDOR_HOMES


def _host_of(quote: str) -> str:
    bare = re.sub(r"(?i)^h[tx]{2}ps?://|\s+", "", quote)
    return bare.rsplit("@", 1)[-1].lower()


class LinksWithin(Check):
    """Every link, handle and messenger invitation the platform gives is an official one."""

    name = "links_within"
    family = "links"
    safety = True
    example: ClassVar[Any] = "target.domains"

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        if params == "target.domains":
            self.domains: tuple[str, ...] | None = None
        elif isinstance(params, list) and params and all(isinstance(d, str) and d for d in params):
            self.domains = tuple(params)
        else:
            raise CheckSpecError(f"{path}.{self.name}", "expected target.domains or a list of domains")

    def evaluate(self, view: View) -> Outcome:
        if not view.said:
            return not_applicable("the platform said nothing")
        official = self.domains if self.domains is not None else view.context.official_domains
        checked = 0
        for piece in view.said:
            hidden = [] if piece.part == "href" else [
                f for f in text_findings(piece.text, view, "unofficial", official=official)
                if not _vendor_footer(_host_of(f.quote), piece.part)
            ]
            if hidden:  # spaced-out links and handles, phone messengers, groups, and plain links too
                found = as_found(hidden[0])
                link = found.quote if hidden[0].kind.endswith(("link", "domain")) else None
                return failed(f"{piece.where}: {found.evidence}", piece.index, quote=found.quote, link=link,
                              score=found.score, part=piece.part)  # fmt: skip
            for item in find_items(piece.text):
                if item.excused or item.kind == "remote_app":
                    continue
                checked += 1
                problem = None
                if item.kind in ("handle", "messenger"):
                    problem = "messenger contact"
                elif is_official(item.host, official) or _vendor_footer(item.host, piece.part):
                    continue
                elif look_alike(item.host, view.context.brand):
                    problem = "look-alike domain"
                elif is_messenger_link(item.host):
                    problem = "messenger link"
                elif official:
                    problem = "unofficial link"
                if problem is not None:  # a link target is kept whole: the words found may be cut
                    link = piece.text.strip() if piece.part == "href" else item.value
                    return failed(f'{piece.where}: {problem} "{item.value}"', piece.index, quote=item.value,
                                  link=link, part=piece.part)  # fmt: skip
        if not official and checked:
            return passed("no official domains configured: only messengers and look-alikes judged")
        return passed(f"{checked} link(s) or handle(s), all official" if checked else "no links or handles")


class RemoteAccessApp(FlagCheck):
    """The platform tells the customer to use a remote-access app (AnyDesk, TeamViewer…)."""

    name = "remote_access_app"
    family = "links"
    safety = True

    def evaluate(self, view: View) -> Outcome:
        return first_said(view, finder(view, "remote"), "no remote-access app")
