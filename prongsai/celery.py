"""Celery application for production task workers.

Without REDIS_URL the settings make every task run eagerly in the calling
process, so the embedded default needs no broker and no worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

app = Celery("prongsai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
