import logging

import pytest

from kernkompas.lib.logs import quieter


def test_quieter_hides_info_in_the_block_and_restores_the_level_even_after_an_error(caplog):
    logger = logging.getLogger("kernkompas.test.quieter")
    logger.setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="kernkompas.test.quieter")
    with pytest.raises(RuntimeError), quieter("kernkompas.test.quieter"):
        logger.info("hidden")
        logger.warning("shown")
        raise RuntimeError
    logger.info("after")
    # Only this logger's records: another part's background task (a live hub of an earlier test) may log meanwhile.
    assert [r.getMessage() for r in caplog.records if r.name == logger.name] == ["shown", "after"]
    assert logger.level == logging.DEBUG
