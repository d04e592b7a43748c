"""Ways to put a session in front of a learner: plain lines, or questionary prompts."""
