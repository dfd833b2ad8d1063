"""Form helpers shared by the apps' pages."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError

from klimatlaget.concurrency import StaleVersion, show_conflict


def save_or_show(form: forms.BaseForm, save: Callable[[], object]) -> bool:
    """Run a service's write; a ValidationError it raises is shown on the form, by field where
    the form has that field, and so is a StaleVersion (what others changed meanwhile); then
    ``False`` is returned (the service saved nothing)."""
    try:
        save()
    except StaleVersion as error:
        show_conflict(form, error)
        return False
    except ValidationError as error:
        problems = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, texts in problems.items():
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
        return False
    return True
