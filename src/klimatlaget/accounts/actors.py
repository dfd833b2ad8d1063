"""Who acts when no person is logged in: the operator at the command line (or the demo setup).

The command line is trusted (its operator has the database anyway), but it acts as a named
:class:`SystemActor` that the permission checker recognises, never as ``None`` or an anonymous
user, so that "no check" is always a decision somebody wrote down.
"""

import getpass
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SystemActor:
    """The platform itself acting; may do everything and is recorded under ``label``.

    It is no user account: ``is_authenticated`` is false so that nothing stores it in a foreign
    key to users (answers' ``updated_by``, the log's ``actor``), while the checker lets it pass."""

    label: str
    is_authenticated = False
    is_active = True
    is_superuser = False
    pk = None

    def get_username(self) -> str:
        return self.label


def command_line() -> SystemActor:
    """The operator running the ``klimatlaget`` command, named after the shell user."""
    return SystemActor(f"cli:{getpass.getuser()}")
