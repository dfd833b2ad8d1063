"""The console log follows ``sys.stderr`` as it is now, so a swapped and closed stream (as a test
runner leaves behind) never breaks logging."""

import io
import logging
import sys

from klimatlaget.operations.logging import StderrHandler


def test_records_go_to_the_current_stderr_even_after_the_old_one_closed(monkeypatch):
    logger = logging.getLogger("klimatlaget.tests.console")
    logger.propagate = False
    handler = StderrHandler()
    logger.addHandler(handler)
    try:
        first = io.StringIO()
        monkeypatch.setattr(sys, "stderr", first)
        logger.warning("to the first stream")
        first.close()
        second = io.StringIO()
        monkeypatch.setattr(sys, "stderr", second)
        logger.warning("to the second stream")
        assert "to the second stream" in second.getvalue()
    finally:
        logger.removeHandler(handler)


def test_the_settings_use_it_for_the_console():
    from django.conf import settings

    console = settings.LOGGING["handlers"]["console"]
    assert console["class"] == "klimatlaget.operations.logging.StderrHandler"
