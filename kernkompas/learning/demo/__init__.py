"""Stedelijk leren's demo: the content in ``data.py``, written by ``loader.py`` (``LearningConfig.demo_loader``)."""

from kernkompas.learning.demo.loader import LearningLoadSummary, load_demo

__all__ = ["LearningLoadSummary", "load_demo"]
