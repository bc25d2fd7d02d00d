"""Events of accounts that other parts subscribe to, instead of accounts calling up into them.

Both are sent inside the operation's transaction, so a receiver's writes commit or roll back with the role.

- :data:`role_granted` (``sender=Membership``, ``membership``, ``by``): a person got a role. The Vitrine puts an
  editor (redactie) in its editors' group, because Wagtail's page rights are group-based.
- :data:`role_revoked` (``sender=Membership``, ``membership``, ``by``): a role was taken away, just before the
  membership row is deleted.
"""

from django.dispatch import Signal

role_granted = Signal()
role_revoked = Signal()
