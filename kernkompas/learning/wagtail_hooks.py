"""Registers Stedelijk leren's back-office screens (programmes, sessions, materials, theme frameworks and themes).
The permission policies come first: Wagtail refuses a policy registered after it has made its own fallback for the
model."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from kernkompas.learning.viewsets import POLICIES, LearningViewSetGroup

for model, policy in POLICIES.items():
    register_permission_policy(model, policy)

register_snippet(LearningViewSetGroup)
