"""The theme "Leegstand": the Kernmonitor's vacancy indicators link to its cases, and its cases to them."""

from django.db import migrations

SLUG = "leegstand"


def add_theme(apps, schema_editor):
    Theme = apps.get_model("vitrine", "Theme")
    Theme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Leegstand",
            "description": "Lege winkels en handelspanden: voorkomen, aanpakken, herbestemmen en meten.",
            "order": 8,
        },
    )


def remove_theme(apps, schema_editor):
    apps.get_model("vitrine", "Theme").objects.filter(slug=SLUG, cases=None).delete()


class Migration(migrations.Migration):
    dependencies = [("vitrine", "0002_vocabularies")]

    operations = [migrations.RunPython(add_theme, remove_theme)]
