from django.db import migrations


def create_countries(apps, schema_editor):
    Country = apps.get_model("places", "Country")
    Country.objects.update_or_create(code="BE", defaults={"name_nl": "België", "name_fr": "Belgique", "name_en": "Belgium"})
    Country.objects.update_or_create(
        code="NL", defaults={"name_nl": "Nederland", "name_fr": "Pays-Bas", "name_en": "Netherlands"}
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(create_countries, migrations.RunPython.noop)]
