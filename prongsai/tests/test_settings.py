"""The settings module: production checks, SQLite under concurrent writes, migrations."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="tests the embedded SQLite set-up",
)


def run_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter with its own environment, as a server would start."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={
            **base,
            "DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "prongsai.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATA_DIR": str(tmp_path),
            "SECRET_KEY": "x" * 64 + "production-secret-key-from-the-environment",
            "ALLOWED_HOSTS": "www.prtong.go.th",
            "HTTPS": "1",
            "DEBUG": "0",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "warning"),
    [({"DEBUG": "1"}, "security.W018"), ({"HTTPS": "0"}, "security.W008")],
)
def test_check_deploy_fails_when_a_production_variable_is_missing(tmp_path, env, warning):
    result = check_deploy(tmp_path, **env)
    assert result.returncode != 0 and warning in result.stdout + result.stderr


def test_defaults_are_safe(tmp_path):
    result = run_python(
        """
        import django; django.setup()
        from django.conf import settings as s
        print(s.DEBUG, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, len(s.SECRET_KEY) >= 50)
        print(s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"])
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "False True DENY True"
    assert lines[1] == "[\"'self'\"]"  # no inline scripts, no other host


def test_generated_secret_key_is_kept_private_and_stable(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; print(s.SECRET_KEY)"
    )
    first = run_python(code, tmp_path).stdout
    assert first and first == run_python(code, tmp_path).stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@sqlite_only
def test_sqlite_runs_in_wal_mode_and_survives_concurrent_writers(tmp_path):
    """Eight processes write at once; with WAL, IMMEDIATE and a busy timeout none fails."""
    migrate = run_python(
        "import django; django.setup(); from django.core.management import call_command;"
        "call_command('migrate', verbosity=0)",
        tmp_path,
    )
    assert migrate.returncode == 0, migrate.stderr
    writer = """
        import django; django.setup()
        from django.db import connection, transaction
        from prongsai.orgs.models import Organization
        with connection.cursor() as c:
            c.execute("PRAGMA journal_mode"); assert c.fetchone()[0] == "wal"
        for i in range(40):
            with transaction.atomic():
                # Read, then write: the pattern that fails with "database is locked"
                # when a transaction takes the write lock late.
                Organization.objects.count()
                o = Organization.objects.create(
                    slug=f"w{WORKER}-{i}", name_th="x", short_name="x", kind="sao", province="x"
                )
                o.name_th = "y"; o.save()
        print("ok")
    """
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(writer.replace("WORKER", str(w)))],
            cwd=ROOT,
            env={
                **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
                "DATA_DIR": str(tmp_path),
                "DJANGO_SETTINGS_MODULE": "prongsai.settings",
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err for _, err in outputs]
    count = run_python(
        "import django; django.setup(); from prongsai.orgs.models import Organization;"
        "print(Organization.objects.count())",
        tmp_path,
    )
    assert count.stdout.strip() == str(8 * 40)


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_server_errors_are_reported_to_the_admins_the_environment_names(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.ADMINS)"
    named = run_python(code, tmp_path, ADMINS="it@prtong.go.th, nayok@prtong.go.th")
    assert named.stdout.strip() == "[('', 'it@prtong.go.th'), ('', 'nayok@prtong.go.th')]"
    assert run_python(code, tmp_path).stdout.strip() == "[]"
