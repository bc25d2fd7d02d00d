"""The ``kernkompas`` console command: Django's management commands with the project's settings."""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernkompas.settings")

    args = list(sys.argv[1:] if argv is None else argv)
    if args and "-" in args[0] and not args[0].startswith("-"):
        # The README spells commands with hyphens (kernkompas import-places); Django's use underscores.
        args[0] = args[0].replace("-", "_")
    try:
        execute_from_command_line(["kernkompas", *args])
    except ImproperlyConfigured as exc:
        # A bad setting is the operator's to fix: say which, without a traceback.
        sys.stderr.write(f"kernkompas: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
