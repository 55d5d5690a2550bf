from django.core.management.base import BaseCommand, CommandError

from prongsai.ita import framework


class Command(BaseCommand):
    help = (
        "Load ITA framework files (one fiscal year each) into the database; without FILE, "
        "the files bundled with Prongsai. Every file is checked before anything is written; "
        "loading the same file again changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="*", metavar="FILE", help="framework JSON files")

    def handle(self, *args, **options) -> None:
        try:
            results = framework.load_files(options["files"] or None)
        except framework.FrameworkError as error:
            raise CommandError(str(error)) from None
        for result in results:
            action = "created" if result.created else "updated"
            self.stdout.write(
                f"ITA {result.fiscal_year} {action}: {result.tools} tools, "
                f"{result.indicators} indicators, {result.oit_items} OIT items"
            )
            if result.removed:
                self.stdout.write(f"  removed (no longer in the file): {', '.join(result.removed)}")
            if result.kept:
                self.stdout.write(
                    self.style.WARNING(
                        f"  kept because scores or measures use them: {', '.join(result.kept)}"
                    )
                )
