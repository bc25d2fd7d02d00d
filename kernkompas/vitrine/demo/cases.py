"""All demo cases, in the order they are loaded."""

from kernkompas.vitrine.demo import cases_a, cases_b

DEMO_CASES = cases_a.CASES + cases_b.CASES
