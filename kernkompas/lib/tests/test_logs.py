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
    assert [r.getMessage() for r in caplog.records] == ["shown", "after"]
    assert logger.level == logging.DEBUG
