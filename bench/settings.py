"""Settings of the server that `bench.portal` starts: Prongsai's, with its baseline view added."""

from prongsai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
