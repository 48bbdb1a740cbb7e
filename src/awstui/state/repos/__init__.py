"""The store's repositories: one per kind of thing the learner keeps, each over the one ``Database``."""
