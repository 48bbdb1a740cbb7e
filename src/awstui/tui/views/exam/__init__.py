"""The Exam view: a home (start, resume, past attempts), the running exam and the results.

Each of the three is a widget with its own keys (``home``, ``run``, ``results``); ``view``
switches between them and carries an attempt from one to the next.
"""

from .view import ExamView

__all__ = ["ExamView"]
