"""Load the ITA frameworks bundled with Prongsai (the files of prongsai/ita/frameworks/).

Later framework changes are loaded with `manage.py load_framework`, not by editing this.
"""

from django.db import migrations


def load_bundled(apps, schema_editor):
    from prongsai.ita import framework

    framework.load_files(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("ita", "0001_initial")]

    operations = [migrations.RunPython(load_bundled, migrations.RunPython.noop)]
