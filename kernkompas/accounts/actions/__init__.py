"""The state changes of accounts: one module per concept, each function a named operation that owns its
transaction, writes the audit log and drops the cached roles of the user it changed.

- :mod:`.members` creates a member's account (sign-up) and changes a profile.
- :mod:`.memberships` gives and takes away roles (a role, for a municipality when the role is scoped).
- :mod:`.invitations` invites a person by e-mail for a role; the role is granted when they accept the link.

Views and back-office screens call these; nothing else creates users or memberships. Audit labels name a user by
id, not by e-mail address: the log outlives an erased account, the address must not.
"""
