import norepi


def test_public_api_is_sorted_and_importable() -> None:
    assert norepi.__all__ == sorted(norepi.__all__)
    for name in norepi.__all__:
        assert getattr(norepi, name) is not None
