from tests.routine.console import only_cogs_under_test  # noqa: F401 - autouse fixture
