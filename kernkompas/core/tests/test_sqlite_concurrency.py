"""Concurrent writers on the embedded SQLite default wait for each other instead of failing or losing writes."""

import subprocess
import sys
import textwrap

from kernkompas.testing import run_at_once

WRITER = textwrap.dedent(
    """
    import os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernkompas.settings")
    import django
    django.setup()
    from django.db import transaction
    from kernkompas.core.models import AuditEvent

    name = sys.argv[1]
    for i in range(int(sys.argv[2])):
        # Read-then-write in one transaction: the pattern that deadlocks under SQLite's default DEFERRED mode.
        with transaction.atomic():
            seen = AuditEvent.objects.count()
            AuditEvent.objects.create(action="test.concurrent", actor_label=name, changes={"seen": seen, "i": i})
    """
)


def test_two_processes_writing_at_once_both_get_every_write_in(sqlite_home, tmp_path):
    per_writer = 60
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    run_at_once([[sys.executable, str(script), name, str(per_writer)] for name in ("anna", "bert")], sqlite_home)
    count = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; django.setup(); from kernkompas.core.models import AuditEvent; "
            "print(AuditEvent.objects.filter(action='test.concurrent').count())",
        ],
        env=sqlite_home,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert int(count.stdout.strip()) == 2 * per_writer
