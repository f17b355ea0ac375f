"""Shared pytest fixtures for the unit tests."""
import pytest
import torch


@pytest.fixture(autouse=True)
def one_torch_thread():
    """One thread per test worker, as the notebooks' setup() does: two workers × two threads on two cores crawl."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
