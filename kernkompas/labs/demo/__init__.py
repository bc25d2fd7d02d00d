"""The Binnenstadslab's demo: the content in ``data.py``, written by ``loader.py`` (``LabsConfig.demo_loader``)."""

from kernkompas.labs.demo.loader import LabsLoadSummary, load_demo

__all__ = ["LabsLoadSummary", "load_demo"]
