"""The production topology of deploy/: two app servers, a Celery worker, PostgreSQL, Redis.

A LINE user files a complaint through server A, an officer answers it on server B,
and the worker, not a web process, pushes the news to (a fake) LINE. Runs when
DATABASE_URL names PostgreSQL and REDIS_URL is set (CI's second pass); nginx in
front is tried when nginx is installed.
"""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from bench.servers import free_port
from bench.topology import LineUser, Staff, topology
from prongsai.inbox.tracking import display
from prongsai.messaging.line.tests.fake_line import PUSH, REPLY
from prongsai.outbox.services import RETRY_DELAYS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"

needs_services = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql") or not settings.REDIS_URL,
    reason="the topology runs on PostgreSQL and Redis: set DATABASE_URL=postgres://… and "
    "REDIS_URL=redis://… (as CI's second pass does)",
)


def test_the_env_example_names_every_variable_the_settings_read():
    source = (Path(settings.BASE_DIR) / "prongsai" / "settings.py").read_text()
    read = set(re.findall(r'(?:env\w*\(|environ\.get\(|environ\[)"([A-Z_]+)"', source))
    example = (DEPLOY / "prongsai.env.example").read_text()
    named = set(re.findall(r"^#?([A-Z_]+)=", example, re.MULTILINE))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ATTACHMENT_MAX_MB"} <= read
    assert read - named == set()


def test_redis_keeps_a_waiting_retry_from_a_second_worker():
    # Redis gives a task nobody acknowledged to another worker after the
    # visibility timeout: a retry waiting longer than that would run twice.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > max(RETRY_DELAYS)


@pytest.fixture(scope="module")
def servers():
    # A database of its own beside the test database, on the same server.
    with topology(postgres_url=os.environ["DATABASE_URL"], redis_url=settings.REDIS_URL) as top:
        yield top


@needs_services
def test_a_staff_reply_reaches_the_line_user_through_the_worker(servers):
    server_a, server_b = servers.urls
    citizen = LineUser()
    citizen.complain(server_a, f"ถนนหน้าวัดเป็นหลุมใหญ่ {citizen.id}")

    officer = Staff()
    officer.sign_in(server_b)
    code = officer.find_case(server_b, citizen.id)
    officer.act(server_b, code, "reply", {"reply-text": "ช่างจะเข้าไปซ่อมพรุ่งนี้เช้า"})
    # The same session on the other server, as a load balancer may send it there.
    officer.act(server_a, code, "status", {"status": "in_progress"})

    # No worker yet: the web processes queued the bot's three answers and two
    # pushes instead of sending anything themselves.
    assert servers.fake_line.requests == []
    assert servers.queued() == 5

    with servers.worker():
        servers.fake_line.wait_for(PUSH, 2, timeout=60)
        servers.fake_line.wait_for(REPLY, 3, timeout=60)
    # Stopped warm: each task it took is done and acknowledged, and none ran twice.
    assert servers.queued() == 0
    pushes = servers.fake_line.sent(PUSH)
    assert [push["body"]["to"] for push in pushes] == [citizen.id, citizen.id]
    pushed = "\n".join(servers.fake_line.texts(PUSH))
    assert "ช่างจะเข้าไปซ่อมพรุ่งนี้เช้า" in pushed
    assert "สถานะ: กำลังดำเนินการ" in pushed
    assert f"/track/{code}/" in pushed
    assert len(servers.fake_line.sent(REPLY)) == 3
    assert any(display(code) in reply for reply in servers.fake_line.texts(REPLY))


# nginx in front ----------------------------------------------------------------------

NGINX = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")


@pytest.fixture(scope="module")
def proxy(servers, tmp_path_factory):
    """deploy/nginx/prongsai.conf in front of both app servers, on ports of its own."""
    if NGINX is None or shutil.which("openssl") is None:
        pytest.skip("nginx and openssl are not installed: apt-get install nginx-light openssl")
    root = tmp_path_factory.mktemp("nginx")
    cert, key = root / "cert.pem", root / "key.pem"
    openssl = ["openssl", "req", "-x509", "-nodes", "-newkey", "rsa:2048", "-days", "1"]
    subprocess.run(
        [*openssl, "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    http, https = free_port(), free_port()
    site = (DEPLOY / "nginx" / "prongsai.conf").read_text()
    upstreams = "".join(f"    server {url.removeprefix('http://')};\n" for url in servers.urls)
    site = re.sub(r"(    server 127\.0\.0\.1:\d+[^\n]*\n)+", upstreams, site)
    site = re.sub(r"    listen \[::\]:[^\n]*\n", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http};")
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{https} ")
    site = re.sub(r"ssl_certificate [^;]+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key [^;]+;", f"ssl_certificate_key {key};", site)
    site = site.replace("/var/lib/prongsai/static/", servers.env["STATIC_ROOT"] + "/")
    assert f"127.0.0.1:{https} ssl" in site and "/etc/letsencrypt" not in site, site
    (root / "site.conf").write_text(site)
    (root / "nginx.conf").write_text(
        f"""
        user root;
        pid {root}/nginx.pid;
        error_log {root}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {root}/body;
            proxy_temp_path {root}/proxy;
            fastcgi_temp_path {root}/fastcgi;
            uwsgi_temp_path {root}/uwsgi;
            scgi_temp_path {root}/scgi;
            include {root}/site.conf;
        }}
        """
    )
    command = [NGINX, "-p", str(root), "-c", str(root / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        wait_for_port(https, process)
        yield f"https://127.0.0.1:{https}", f"http://127.0.0.1:{http}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not listen on {port}")


def fetch(url: str):
    """GET through the proxy's self-signed TLS, without following redirects; errors too."""
    context = ssl._create_unverified_context()
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect())
    try:
        return opener.open(url, timeout=30)
    except urllib.error.HTTPError as error:
        return error


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@needs_services
def test_nginx_terminates_tls_and_forwards_to_the_app_servers(proxy):
    https, http = proxy
    redirect = fetch(f"{http}/prasat-thong/")
    assert redirect.status == 301
    assert redirect.headers["Location"].startswith("https://127.0.0.1")
    home = fetch(f"{https}/prasat-thong/")
    assert home.status == 200
    assert "อบต.ปราสาททอง" in home.read().decode()


@needs_services
def test_nginx_serves_the_collected_static_files(proxy, servers):
    https, _ = proxy
    page = fetch(f"{https}/prasat-thong/").read().decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page)[1]
    response = fetch(https + stylesheet)
    assert response.status == 200
    assert "immutable" in response.headers["Cache-Control"]
    collected = Path(servers.env["STATIC_ROOT"]) / stylesheet.removeprefix("/static/")
    assert response.read() == collected.read_bytes()


@needs_services
def test_nginx_refuses_a_body_over_its_limit_in_thai(proxy):
    https, _ = proxy
    context = ssl._create_unverified_context()
    connection = http.client.HTTPSConnection(https.removeprefix("https://"), context=context)
    # The declared length is enough: nginx answers before any of the body is sent.
    connection.putrequest("POST", "/prasat-thong/complain/")
    connection.putheader("Content-Length", str(61 * 1024 * 1024))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    assert "ใหญ่เกินไป" in response.read().decode()


@needs_services
def test_nginx_keeps_answering_while_one_app_server_is_down(proxy, servers):
    https, _ = proxy
    servers.servers[0].stop()
    try:
        assert [fetch(f"{https}/healthz").status for _ in range(6)] == [200] * 6
    finally:
        servers.servers[0].start()
