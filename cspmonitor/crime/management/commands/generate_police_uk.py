from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cspmonitor.analysis.synthetic import ALL_FORCES, Hotspot, NearRepeat, Rise, generate_police_uk


def _parts(value: str, count: int, example: str) -> list[str]:
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != count:
        raise CommandError(f"{value!r} should have {count} parts separated by commas, like {example!r}")
    return parts


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CommandError(f"{what} must be a number (got {text!r})") from None


class Command(BaseCommand):
    help = (
        "Write seeded synthetic police.uk street-level CSVs (the exact police.uk format) over real "
        "LSOA geography, optionally with planted effects, for demos, tests and benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--forces", default="suffolk", help="Comma-separated police.uk force ids, or 'all' for all 43."
        )
        parser.add_argument(
            "--months", default="2021-04..2023-03", help="FIRST..LAST, like 2021-04..2023-03."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every rate by this.")
        parser.add_argument("--out", type=Path, required=True, help="Folder for YYYY-MM/ files.")
        parser.add_argument(
            "--rise",
            action="append",
            default=[],
            help="Plant a rise: 'TYPE,DISTRICT_CODE,FACTOR,FROM_MONTH'.",
        )
        parser.add_argument(
            "--hotspot",
            action="append",
            default=[],
            help="Plant a hotspot: 'TYPE,LSOA_CODE,RADIUS_M,EXTRA_PER_MONTH'.",
        )
        parser.add_argument(
            "--near-repeat",
            action="append",
            default=[],
            help="Plant near-repeats: 'TYPE,FRACTION,MAX_DISTANCE_M,MAX_DAYS'.",
        )

    def handle(self, *args, forces, months, seed, scale, out, rise, hotspot, near_repeat, **options):
        if settings.REFERENCE_DATA_DIR is None:
            raise CommandError("REFERENCE_DATA_DIR is not set: the generator needs the LSOA geography.")
        first, sep, last = months.partition("..")
        if not sep:
            raise CommandError(f"--months must be FIRST..LAST, like 2021-04..2023-03 (got {months!r})")
        chosen = list(ALL_FORCES) if forces == "all" else [f.strip() for f in forces.split(",")]
        effects = []
        for value in rise:
            kind, district, factor, start = _parts(value, 4, "Burglary,E07000200,1.6,2022-04")
            effects.append(Rise(kind, district, _number(factor, "FACTOR"), start))
        for value in hotspot:
            kind, lsoa, radius, extra = _parts(value, 4, "Shoplifting,E01030115,400,25")
            effects.append(
                Hotspot(kind, lsoa, _number(radius, "RADIUS_M"), _number(extra, "EXTRA_PER_MONTH"))
            )
        for value in near_repeat:
            kind, fraction, distance, days = _parts(value, 4, "Burglary,0.2,200,14")
            effects.append(
                NearRepeat(
                    kind,
                    _number(fraction, "FRACTION"),
                    _number(distance, "MAX_DISTANCE_M"),
                    int(_number(days, "MAX_DAYS")),
                )
            )
        try:
            summary = generate_police_uk(
                out,
                forces=chosen,
                months=(first, last),
                seed=seed,
                effects=effects,
                reference_dir=settings.REFERENCE_DATA_DIR,
                scale=scale,
            )
        except (ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wrote {summary.total_rows:,} rows in {len(summary.files)} files under {out}.")
