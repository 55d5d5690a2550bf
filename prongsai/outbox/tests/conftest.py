# The fake LINE platform and the org's LINE account, as the LINE tests have them.
from prongsai.messaging.line.tests.conftest import account, deliver, fake_line  # noqa: F401
