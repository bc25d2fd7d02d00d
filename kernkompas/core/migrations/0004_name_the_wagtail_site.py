"""Name the back office's site record "Kernkompas": Wagtail's first migration makes it nameless, and the back
office then shows the host name ("localhost") where people expect the product's name."""

from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="").update(site_name=getattr(settings, "WAGTAIL_SITE_NAME", "Kernkompas"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_ratelimitcounter"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
