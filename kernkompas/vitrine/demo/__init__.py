"""Invented, clearly marked demo cases for the Vitrine with drawn illustrations (loaded by ``kernkompas demo``)."""

from kernkompas.vitrine.demo.loader import CaseLoadSummary, load_demo_cases

__all__ = ["CaseLoadSummary", "load_demo_cases"]
