"""Name the back office's site record "Kernkompas": Wagtail's first migration makes it nameless, and the back
office then shows the host name ("localhost") where people expect the product's name. Its root page, which Wagtail
calls "Welcome to your new Wagtail site!" (English in every page list of the back office), becomes "Kernkompas"."""

from django.conf import settings
from django.db import migrations


WAGTAIL_WELCOME = "Welcome to your new Wagtail site!"


def name_the_site(apps, schema_editor):
    name = getattr(settings, "WAGTAIL_SITE_NAME", "Kernkompas")
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="").update(site_name=name)
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=2, title=WAGTAIL_WELCOME).update(title=name)
    Page.objects.filter(depth=2, draft_title=WAGTAIL_WELCOME).update(draft_title=name)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_ratelimitcounter"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
