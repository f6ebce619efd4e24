import norepi
from norepi import _EXPORTS


def test_public_api_is_sorted_and_importable() -> None:
    assert norepi.__all__ == sorted(norepi.__all__)
    assert set(norepi.__all__) == set(_EXPORTS)
    for name in norepi.__all__:
        assert getattr(norepi, name) is not None


def test_import_norepi_loads_no_database_library() -> None:
    import subprocess
    import sys

    code = "import sys, norepi; print(any(m.startswith(('sqlalchemy', 'alembic')) for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
