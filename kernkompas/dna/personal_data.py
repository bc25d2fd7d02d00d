"""Personal data in the Kern-DNA. See kernkompas/core/personal_data.py.

A trajectory and its steps hold no one's personal data: a step's participants are groups and organisations
("UNIZO", "handelaarsvereniging"), never names of people (the form says so). The audit log keeps who changed what.

Survey responses hold no personal data by design: no account, no name, no e-mail or IP address, no time of day;
only the respondent group the person chose, the date, the scores and the hash of a one-time form key (which no one
can turn back into a person or a device). The open answers are the exception that cannot be ruled out: they are
free text, and someone may write a name in one ("Jan van de bakker is altijd vriendelijk"). They are registered as
text, so a request to erase a person finds and deletes the answers that name them.
"""

from kernkompas.core import personal_data
from kernkompas.dna.models import (
    Answer,
    BlockPhoto,
    BuildingBlock,
    DnaVersion,
    OpenAnswer,
    Response,
    Step,
    StepAttachment,
)

personal_data.not_personal(Step, "name", reason="the name of a step of the method (e.g. “Verkenning”), not of a person")

# The DNA itself (building blocks, versions, photos, ideas; kernkompas/dna/actions/versions.py).
personal_data.not_personal(
    DnaVersion, "created_by", reason="who made the version: a link to a staff account, cleared when that account goes"
)
# Step attachments: who uploaded one is a link to a staff account (cleared when that account goes). The uploader's
# file name and the title may name a person ("Verslag gesprek met Jan Peeters.pdf"): registered as text, so a request
# finds them, and erasure blanks both (the file itself stays; its content is the municipality's record).
personal_data.not_personal(
    StepAttachment,
    "uploaded_by",
    reason="who uploaded the attachment: a link to a staff account, cleared when that account goes",
)
personal_data.register(
    StepAttachment,
    text=("original_name", "title"),
    fields=("original_name", "title"),
    gemeente="step__trajectory__kern__gemeente",
    erase={"original_name": "bijlage", "title": "bijlage"},
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

personal_data.not_personal(
    Response,
    "group",
    "submitted_on",
    "nonce_hash",
    reason="an anonymous survey response: the group chosen (inwoner, werkt, ondernemer, bezoeker), a date without "
    "time, and the keyed hash of a one-time form key; no account, name, address or IP address",
)
personal_data.not_personal(Answer, "item", "score", reason="a score for a building block, idea or theme")
personal_data.register(
    OpenAnswer,
    text=("text",),
    fields=("question", "text"),
    gemeente="response__survey__trajectory__kern__gemeente",
)
