import pytest


@pytest.fixture
def cast(db):
    """The named cast of kernkompas.testing: Ellen of Maasdijk, Bram, Sofie of Veldrode, Femke, Eva, Anton."""
    from kernkompas.testing import make_cast

    return make_cast()
