"""Registers the Binnenstadslab's back-office screens (canvas templates, roles of the municipality). The permission
policies come first: Wagtail refuses a policy registered after it has made its own fallback for the model."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from kernkompas.labs.viewsets import POLICIES, LabsViewSetGroup

for model, policy in POLICIES.items():
    register_permission_policy(model, policy)

register_snippet(LabsViewSetGroup)
