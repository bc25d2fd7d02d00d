"""A fictional demo region with people for every role, for trying Kernkompas out (``kernkompas demo``)."""

from kernkompas.site.demo.data import DEMO_PASSWORD
from kernkompas.site.demo.loader import DemoLogin, DemoSummary, load_demo_data

__all__ = ["DEMO_PASSWORD", "DemoLogin", "DemoSummary", "load_demo_data"]
