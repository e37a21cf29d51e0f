"""The ``>>>`` examples in the Qt layer's docstrings run as tests."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from desktop.ui.models import results_model

MODULES = [results_model]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
