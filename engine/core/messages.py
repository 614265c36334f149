"""A marker for text people read that the engine builds away from an error's constructor.

The English catalog is extracted from the code (`web/message_extraction.py`): a domain error's message and
the texts of its details dict are found where the error is raised; a message kept in a table or chosen in one
place and raised in another is marked with `N_` where it is written, or no English reader would see it
translated. `N_` changes nothing: the engine always speaks Vietnamese, and the web translates when it shows.
"""


def N_(text: str) -> str:
    return text
