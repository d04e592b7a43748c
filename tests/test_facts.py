"""The fact base's own helpers: how sources are cited, in the file's words only."""

from __future__ import annotations

from quizgen import factfile
from tests.support.data import TINY


def test_source_labels_use_only_the_files_words() -> None:
    base = factfile.loads(TINY, "tiny.yaml")
    assert base.source_label(1) == "[1] A paper: A report"
    assert base.source_label(1, short=True) == "[1]"
    assert base.source_label("main") == base.source_label("main", short=True) == "Main article"
    # An unknown key (a fact base built in code) is shown as it is, never dropped.
    assert base.source_label(7) == "[7]" and base.source_label("gone") == "gone"
