"""The Canvas Nieuwe Binnensteden (seed 002) as the template every lab can start from, and the municipality's roles
of "meervoudig sturen" (seed 004) that every action plan can choose from. In Dutch: they are the field's own words;
a municipality edits or adds its own in the back office."""

from django.db import migrations

CANVAS_LENSES = [
    ("dna", "DNA & unieke kwaliteiten", "Wat maakt dit centrum bijzonder? Waar zijn we trots op?"),
    ("regio", "Positie in de regio", "Welke rol speelt het centrum in de regio? Wie vult wie aan?"),
    ("winkelen", "Winkelen", "Welk winkelaanbod past hier, nu en straks?"),
    ("wonen", "Wonen", "Waar en hoe kan er meer gewoond worden in het centrum?"),
    ("werken", "Werken", "Welke plekken om te werken horen in het centrum?"),
    ("verblijven", "Verblijven", "Wat maakt dat mensen hier graag blijven: horeca, groen, cultuur, pleinen?"),
    ("knelpunten", "Knelpunten", "Wat gaat er mis, en wat gebeurt er als niemand iets doet?"),
    ("kansen", "Kansen", "Welke kansen liggen er?"),
    ("wie-doet-wat", "Wie doet wat", "Wie pakt wat op, en met wie?"),
]

ROLES = [
    ("Regisseur", "De gemeente brengt partijen samen en houdt het geheel bij elkaar."),
    ("Facilitator", "De gemeente maakt het anderen makkelijker: ruimte, vergunningen, kennis."),
    ("Investeerder", "De gemeente investeert zelf, in de openbare ruimte of in vastgoed."),
    ("Regelgever", "De gemeente stelt regels en beleid vast (bestemmingsplan, omgevingsplan, verordening)."),
    ("Partner", "De gemeente doet mee als een van de partijen."),
]


def seed(apps, schema_editor):
    CanvasTemplate = apps.get_model("labs", "CanvasTemplate")
    SteeringRole = apps.get_model("labs", "SteeringRole")
    if not CanvasTemplate.objects.filter(gemeente=None, name="Canvas Nieuwe Binnensteden").exists():
        CanvasTemplate.objects.create(
            name="Canvas Nieuwe Binnensteden",
            description=(
                "De unieke kwaliteiten en positie van elk centrum, nieuwe programma's van winkelen, wonen, werken en "
                "verblijven, en regionale samenwerking in plaats van onnodige concurrentie (Binnenstadslab IJmond)."
            ),
            lenses=[{"key": key, "title": title, "prompt": prompt} for key, title, prompt in CANVAS_LENSES],
        )
    for order, (name, description) in enumerate(ROLES, start=1):
        SteeringRole.objects.get_or_create(gemeente=None, name=name, defaults={"description": description, "order": order})


def unseed(apps, schema_editor):
    apps.get_model("labs", "CanvasTemplate").objects.filter(gemeente=None, name="Canvas Nieuwe Binnensteden").delete()
    apps.get_model("labs", "SteeringRole").objects.filter(gemeente=None, name__in=[name for name, _ in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("labs", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
