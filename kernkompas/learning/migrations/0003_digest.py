"""The personal digest needs to know when a session was first published (sessions are often drafted long before)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_default_themes"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="published"),
        ),
    ]
