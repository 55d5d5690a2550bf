"""Reload which of Prongsai's own pages proves each OIT item (OitItem.evidence).

The bundled frameworks gained evidence keys that the portal now resolves
(news, the No Gift policy, the complaint guide with its channel). Only that
field is written: titles, numbers and indicators stay as the data migration and
`manage.py load_framework` left them.
"""

from django.db import migrations


def reload_evidence(apps, schema_editor):
    from prongsai.ita import framework

    OitItem = apps.get_model("ita", "OitItem")
    for path in framework.bundled_files():
        data = framework.read(path)
        for item in data["oit_items"]:
            OitItem.objects.filter(
                year__fiscal_year=data["fiscal_year"], code=item["code"]
            ).exclude(evidence=item["evidence"]).update(evidence=item["evidence"])


class Migration(migrations.Migration):
    dependencies = [("ita", "0002_load_frameworks")]

    operations = [migrations.RunPython(reload_evidence, migrations.RunPython.noop)]
