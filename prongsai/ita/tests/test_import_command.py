"""python manage.py import_report FILE --org SLUG --year YYYY [--dry-run] [--replace]"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prongsai.ita.models import Measure, Plan, Step
from prongsai.ita.tests.test_import_reference import REFERENCE

FILES = Path(__file__).parent / "files"


def run(*args) -> str:
    out = StringIO()
    call_command("import_report", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def counts():
    return Plan.objects.count(), Measure.objects.count(), Step.objects.count()


def test_it_imports_and_prints_a_summary(org):
    output = run(REFERENCE, "--org", org.slug, "--year", 2566)
    assert "1. การใช้ทรัพย์สินของทางราชการ (IIT)" in output
    assert "รวม 6 มาตรการ 12 วิธีการ" in output
    assert counts() == (1, 6, 12)


def test_dry_run_writes_nothing(org):
    output = run(REFERENCE, "--org", org.slug, "--year", 2566, "--dry-run")
    assert "รวม 6 มาตรการ 12 วิธีการ" in output
    assert "ยังไม่ได้บันทึก" in output
    assert counts() == (0, 0, 0)


def test_it_refuses_an_existing_plan_unless_replace(org):
    run(REFERENCE, "--org", org.slug, "--year", 2566)
    with pytest.raises(CommandError, match="--replace"):
        run(REFERENCE, "--org", org.slug, "--year", 2566)
    run(REFERENCE, "--org", org.slug, "--year", 2566, "--replace")
    assert counts() == (1, 6, 12)


def test_a_broken_file_fails_naming_the_row_and_writes_nothing(org):
    with pytest.raises(CommandError, match="บรรทัดที่ 3: ระยะเวลาดำเนินการ: อ่านช่วงเดือนไม่ได้"):
        run(FILES / "o43-bad-period.txt", "--org", org.slug, "--year", 2566)
    assert counts() == (0, 0, 0)


def test_it_fails_for_a_missing_file_org_or_year(org, tmp_path):
    with pytest.raises(CommandError, match="เปิดไฟล์ไม่ได้"):
        run(tmp_path / "none.txt", "--org", org.slug, "--year", 2566)
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        run(REFERENCE, "--org", "nowhere", "--year", 2566)
    with pytest.raises(CommandError, match="ปีงบประมาณ"):
        run(REFERENCE, "--org", org.slug, "--year", 2023)
    assert counts() == (0, 0, 0)


def test_a_failure_exits_with_a_non_zero_code(org, capsys, monkeypatch):
    from django.core.management import ManagementUtility
    from django.db import connections

    # run_from_argv closes the connections when it ends, which would end this test's
    # transaction on PostgreSQL; the assertions below still need them.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    argv = ["manage.py", "import_report", str(FILES / "o43-wrong-columns.tsv")]
    with pytest.raises(SystemExit) as exited:
        ManagementUtility([*argv, "--org", org.slug, "--year", "2566"]).execute()
    assert exited.value.code != 0
    assert "บรรทัดที่ 3" in capsys.readouterr().err
    assert counts() == (0, 0, 0)
