"""Personal data in the Kern-DNA. See kernkompas/core/personal_data.py.

A trajectory and its steps hold no one's personal data: a step's participants are groups and organisations
("UNIZO", "handelaarsvereniging"), never names of people (the form says so). The audit log keeps who changed what.
"""

from kernkompas.core import personal_data
from kernkompas.dna.models import BlockPhoto, BuildingBlock, DnaVersion, Step

personal_data.not_personal(Step, "name", reason="the name of a step of the method (e.g. “Verkenning”), not of a person")

# The DNA itself (building blocks, versions, photos, ideas; kernkompas/dna/actions/versions.py).
personal_data.not_personal(
    DnaVersion, "created_by", reason="who made the version: a link to a staff account, cleared when that account goes"
)
personal_data.not_personal(BuildingBlock, "name", reason="the name of a building block (“De Markt als huiskamer”)")
# A photo credit may name the photographer: found by exact name, and erasure blanks it (the photo stays).
personal_data.register(
    BlockPhoto,
    name=("credit",),
    fields=("credit", "caption"),
    gemeente="block__version__trajectory__kern__gemeente",
    erase={"credit": ""},
)
