"""The embedded demo platform: a support site with a chat widget, an email desk, bot profiles,
ground truth and faults, all on loopback. See docs/demo.md."""

from shopper.demo.options import PROFILES, DemoOptions, Fault, ProfileTiming
from shopper.demo.platform import DemoPlatform, RunningDemo

__all__ = ["PROFILES", "DemoOptions", "DemoPlatform", "Fault", "ProfileTiming", "RunningDemo"]
