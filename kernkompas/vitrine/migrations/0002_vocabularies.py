from django.db import migrations

THEMES = [
    ("beleid-visie", "Beleid & visie", "Een visie op de kern, beleidskeuzes en hoe de gemeente stuurt."),
    ("mobiliteit", "Mobiliteit", "Bereikbaarheid, parkeren, fietsen, wandelen en logistiek in de kern."),
    ("ruimtelijke-ordening", "Ruimtelijke ordening", "Kernversterking, winkelgebieden afbakenen, herbestemmen."),
    ("duurzaamheid", "Duurzaamheid", "Groen, klimaat, energie en circulaire economie in de kern."),
    ("samenwerking", "Samenwerking", "Ondernemers, eigenaars, bewoners en gemeente die samen optrekken."),
    ("beleving-aantrekking", "Beleving & aantrekking", "Evenementen, citymarketing, verblijven en beleving."),
    ("trends-ontwikkelingen", "Trends & ontwikkelingen", "Veranderend koopgedrag, e-commerce, nieuwe concepten."),
    ("data", "Data", "Meten, monitoren en sturen op cijfers: leegstand, passanten, functiemix."),
]
AUDIENCES = [
    ("lokale-besturen", "Lokale besturen"),
    ("ondernemers", "Ondernemers"),
    ("investeerders", "Investeerders"),
    ("ontwikkelaars", "Ontwikkelaars"),
    ("vastgoed", "Vastgoed"),
]
SYNONYMS = [
    ("horeca", "cafés en restaurants\ncafé\nrestaurant\neten en drinken"),
    ("leegstand", "lege panden\nleegstaande winkels\nleegstaand pand"),
    ("centrummanagement", "binnenstadsmanagement\ncentrummanager\nbinnenstadsmanager"),
    ("passanten", "bezoekers\npassantentelling\nbezoekersaantallen"),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("vitrine", "Theme")
    Audience = apps.get_model("vitrine", "Audience")
    Synonym = apps.get_model("vitrine", "Synonym")
    for order, (slug, name, description) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "description": description, "order": order})
    for order, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    for term, alternatives in SYNONYMS:
        Synonym.objects.update_or_create(term=term, defaults={"alternatives": alternatives})


class Migration(migrations.Migration):
    dependencies = [("vitrine", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
