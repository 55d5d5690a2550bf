"""`make bench`: set up a throw-away instance with the demo, then run every benchmark."""

import os
import sys
import tempfile


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as data_dir:
        os.environ["DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
        import django
        from django.conf import settings
        from django.core.management import call_command

        django.setup()
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.STORAGES["staticfiles"] = {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        }
        call_command("migrate", verbosity=0)
        call_command("demo", verbosity=0)

        from bench import (  # noqa: F401  (register their benchmarks)
            case_statistics,
            o43_pdf,
            pages,
            survey_results,
        )
        from bench.runner import REGISTRY, run

        only = sys.argv[1:]
        run([b for b in REGISTRY if not only or any(word in b.name for word in only)])

    # Against real app servers, each with an instance of its own.
    from bench import (
        durability,
        line_webhook,
        livechat,
        portal,
        scale,
        submissions,
        survey_submissions,
        topology,
    )

    servers = (
        ("submit", submissions),
        ("survey", survey_submissions),
        ("line", line_webhook),
        ("chat", livechat),
        ("portal", portal),
        ("topology", topology),
        ("durability", durability),
        ("scale", scale),
    )
    for name, module in servers:
        if not only or name in only:
            module.run()


if __name__ == "__main__":
    main()
