import pytest

from tests.smtp_sink import SmtpSink


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server that the portal's mailer sends to."""
    sink = SmtpSink()
    sink.start()
    settings.MAILERS = sink.mailers()
    yield sink
    sink.stop()
