from django.core.management.base import BaseCommand, CommandError

from prongsai.scale.generate import Result, generate


class Command(BaseCommand):
    help = (
        "Generate orgs scale-0001 … scale-N with realistic cases, surveys, projects and plans "
        "(cases ÷ orgs each). Orgs that exist are left alone: running again adds only the "
        "missing ones. For trying Prongsai at national scale; not for a production database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--orgs", type=int, default=500, help="number of orgs (default 500)")
        parser.add_argument(
            "--cases", type=int, default=2_000_000, help="cases in all (default 2,000,000)"
        )
        parser.add_argument("--seed", type=int, default=2566, help="random seed (default 2566)")
        parser.add_argument("--prefix", default="scale", help="slug prefix (default scale)")
        parser.add_argument(
            "--password", help="password of every generated staff account (default: no login)"
        )

    def handle(self, *args, **options) -> None:
        if options["orgs"] < 1:
            raise CommandError("--orgs ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป")
        if options["cases"] < 0:
            raise CommandError("--cases ต้องไม่ติดลบ")
        verbose = options["verbosity"] > 0
        every = max(1, options["orgs"] // 20)

        def progress(n: int, result: Result) -> None:
            if verbose and (n % every == 0 or n == options["orgs"]):
                self.stdout.write(
                    f"  org {n:>5}/{options['orgs']}: {result.total_rows:,} rows, "
                    f"{result.total_rows / result.seconds:,.0f} rows/s"
                )

        result = generate(
            orgs=options["orgs"],
            cases=options["cases"],
            seed=options["seed"],
            prefix=options["prefix"],
            password=options["password"],
            progress=progress,
        )
        if not verbose:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} orgs created, {result.skipped} already there; "
                f"{result.total_rows:,} rows in {result.seconds:.1f} s "
                f"({result.total_rows / max(result.seconds, 1e-9):,.0f} rows/s)"
            )
        )
        for label, count in sorted(result.rows.items()):
            self.stdout.write(f"  {label:<24} {count:>12,}")
