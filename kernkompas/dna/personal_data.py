"""Personal data in the Kern-DNA. See kernkompas/core/personal_data.py.

A trajectory and its steps hold no one's personal data: a step's participants are groups and organisations
("UNIZO", "handelaarsvereniging"), never names of people (the form says so). The audit log keeps who changed what.
"""

from kernkompas.core import personal_data
from kernkompas.dna.models import Step

personal_data.not_personal(Step, "name", reason="the name of a step of the method (e.g. “Verkenning”), not of a person")
