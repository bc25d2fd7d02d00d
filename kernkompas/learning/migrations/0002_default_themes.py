"""The default theme framework: the themes of the seeds (seed 003: "aanpak leegstand, openbare ruimte, branding,
ondermijning"; seed 002's canvas and newsletter add the others), each matched to a Vitrine theme where one fits.
Editors change, add or remove themes afterwards; the Centrum Management Academy's stuurwiel can be entered as a
second framework."""

from django.db import migrations

FRAMEWORK = "Thema's van Stedelijk leren"
THEMES = [
    ("aanpak-leegstand", "Aanpak leegstand", "Leegstand voorkomen, verhuren, herbestemmen en transformeren.", "leegstand"),
    ("openbare-ruimte", "Openbare ruimte", "Inrichting, groen, verblijven en beheer van straten en pleinen.", "ruimtelijke-ordening"),
    ("branding", "Branding en citymarketing", "Het verhaal van het gebied, campagnes en evenementen.", "beleving-aantrekking"),
    ("ondermijning", "Ondermijning", "Signalen herkennen en samen optreden tegen criminele bedrijvigheid.", ""),
    ("samenwerking", "Samenwerking en organisatie", "Ondernemersverenigingen, BIZ, centrummanagement en de gemeente.", "samenwerking"),
    ("data-monitoring", "Data en monitoring", "Leegstand, functiemix en passanten meten en erop sturen.", "data"),
    ("bereikbaarheid", "Bereikbaarheid en mobiliteit", "Parkeren, fiets, openbaar vervoer en logistiek.", "mobiliteit"),
]


def seed(apps, schema_editor):
    Framework = apps.get_model("learning", "ThemeFramework")
    Theme = apps.get_model("learning", "LearningTheme")
    framework, _ = Framework.objects.get_or_create(
        name=FRAMEWORK,
        defaults={"is_default": True, "description": "De thema's waarover gebieden en smaakmakers van elkaar leren."},
    )
    for order, (slug, name, description, vitrine_theme) in enumerate(THEMES):
        Theme.objects.get_or_create(
            framework=framework,
            slug=slug,
            defaults={"name": name, "description": description, "vitrine_theme": vitrine_theme, "order": order},
        )


def unseed(apps, schema_editor):
    apps.get_model("learning", "ThemeFramework").objects.filter(name=FRAMEWORK).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
