"""Shared pytest fixtures for the unit tests."""

import pytest
import torch


@pytest.fixture(autouse=True)
def one_torch_thread():
    """One thread per test worker, as the notebooks' setup() does: two workers × two threads on two
    cores crawl."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def pytest_collection_modifyitems(items):
    """The browser tests are the longest file (each runs a notebook in JupyterLab), then nbgrader's
    (test_course.py): schedule them first, so that under `-n 2 --dist loadfile` they run beside the
    rest instead of alone at the end."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is None,
            item.get_closest_marker("course") is None,
        )
    )
