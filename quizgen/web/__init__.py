"""quizgen in the browser: one self-contained study page (:mod:`quizgen.web.page`).

The page is built by a pure function from a fact base and its items; its
CSS and JavaScript are package data files (``static/``) inlined into it, so
the result is a single file that works offline, from a USB stick or an LMS.

May import: everything below it, up to :mod:`quizgen.study` (and the reserved
``analysis``).
"""
