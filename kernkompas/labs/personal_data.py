"""Personal data in the Binnenstadslab and the action plan. See kernkompas/core/personal_data.py.

- **Participants of a lab** have no account: a display name they choose ("Jan van de bakkerij", "Bewoner 3") and a
  role. The name is found by exact name and erased by deleting the participant; their notes and dots stay (the
  note's author becomes empty, ``on_delete=SET_NULL``; a dot goes with its participant). Participants are deleted
  with their lab: a municipality that removes a lab removes the names of everyone who took part. The names are kept
  as long as the lab's report is kept (the report says which role wrote what, not which name); the note text itself
  is free text and may name someone, so notes are registered as text.
- **Stakeholders of an area** name a contact person with an e-mail address (of an organisation, fictional ones in
  the demo): found by address and by name, erased by blanking the contact (the organisation stays on the map).
- **Progress updates** name their author (an account) and **party members** are accounts: found through the
  account; an update stays (its author is cleared), a membership is deleted.
- **Plan invitations** hold the e-mail address of the person invited: found by address, deleted.
"""

from kernkompas.core import personal_data
from kernkompas.labs.models import (
    Action,
    ActionFunding,
    ActionPlan,
    CanvasTemplate,
    Lab,
    Note,
    Participant,
    Party,
    PartyMember,
    PlanInvitation,
    ProgressUpdate,
    Stakeholder,
    SteeringRole,
)

personal_data.not_personal(CanvasTemplate, "name", reason="the name of a canvas (“Canvas Nieuwe Binnensteden”)")
personal_data.not_personal(
    Lab, "created_by", reason="who prepared the lab: a link to a staff account, cleared when that account goes"
)
personal_data.not_personal(
    ActionPlan, "created_by", reason="who started the plan: a link to a staff account, cleared when that account goes"
)
personal_data.not_personal(
    Party, "name", reason="the name of an organisation (“Ondernemersvereniging Maasdijk Centrum”), not of a person"
)
personal_data.not_personal(SteeringRole, "name", reason="the name of a role of the municipality (“regisseur”)")
personal_data.not_personal(Action, "owner", reason="the party (an organisation) that owns the action")
personal_data.not_personal(
    ActionFunding, "payer_name", reason="the name of the funder of an action (an organisation or fund), not a person"
)
personal_data.not_personal(Stakeholder, "name", reason="the name of an organisation on the stakeholder map")

personal_data.register(
    Participant,
    name=("display_name",),
    user="user",
    fields=("display_name", "role", "joined_at"),
    gemeente="lab__gemeente",
)
personal_data.register(Note, text=("text",), fields=("text",), gemeente="lab__gemeente")
personal_data.register(
    Stakeholder,
    email=("contact_email",),
    name=("contact_name",),
    fields=("contact_name", "contact_email"),
    gemeente="approach__gebied__kern__gemeente",
    erase={"contact_name": "", "contact_email": ""},
)
personal_data.register(
    ProgressUpdate,
    user="author",
    fields=("date", "text", "status"),
    gemeente="action__plan__gemeente",
    erase={"author": None},
)
personal_data.register(PartyMember, user="user", fields=("party_id", "joined_at"), gemeente="party__plan__gemeente")
personal_data.register(
    PlanInvitation,
    email=("email",),
    fields=("email", "created_at", "expires_at", "accepted_at"),
    gemeente="party__plan__gemeente",
)
personal_data.not_personal(
    PlanInvitation,
    "invited_by",
    "accepted_by",
    reason="links to the accounts that invited and accepted, cleared when those accounts go; the invitation itself "
    "is found by its e-mail address and deleted",
)
