"""What the tests share, in one place: test modules and conftest import from here, never
from each other.

- :mod:`.data`: the fact files (shipped, small, tiny), loaded once per process, and
  small helpers over items;
- :mod:`.golden`: golden files, rewritten only on purpose;
- :mod:`.cli`: running quizgen as a user does, in a process of its own;
- :mod:`.clock`: clocks that tick as a test says;
- :mod:`.hostile`: fact text full of syntax and control characters, for the exports;
- :mod:`.special_files`: pipes, devices, loops and huge files where a file should be;
- :mod:`.anki`: importing a package into real Anki;
- :mod:`.browser`: headless Chromium through Playwright;
- :mod:`.sockets`: a plain WebSocket client of the live game (a phone, the host);
- :mod:`.screen`: a real pseudo-terminal read back as a screen;
- :mod:`.gift_parser`: Moodle's GIFT importer, step by step.

The fixtures themselves (a fresh Anki collection, the fact bases for a whole session)
are in ``tests/conftest.py``.
"""
