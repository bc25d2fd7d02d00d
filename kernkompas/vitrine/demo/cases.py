"""All demo cases, in the order they are loaded."""

from kernkompas.vitrine.demo import cases_a, cases_b, cases_c

DEMO_CASES = cases_a.CASES + cases_b.CASES + cases_c.CASES
