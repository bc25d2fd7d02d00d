import gc

from kernkompas.lib.batch import paused_gc


def test_paused_gc_pauses_and_resumes_and_nests():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer step is still running
    assert gc.isenabled()


def test_paused_gc_resumes_after_an_error():
    try:
        with paused_gc():
            raise ValueError("stop")
    except ValueError:
        pass
    assert gc.isenabled()


def test_paused_gc_as_decorator():
    @paused_gc()
    def step():
        return gc.isenabled()

    assert step() is False and gc.isenabled()
