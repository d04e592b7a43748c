"""quizgen: quizzes, spaced repetition, Anki decks and study sets from one sourced fact file."""

__version__ = "0.1.0"
