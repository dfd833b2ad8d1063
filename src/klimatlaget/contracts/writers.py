"""Which party writes a section: the default the programme's template gives its subject (or
the subject's nearest ancestor), else the party of its top-level subject, else jointly."""

from collections.abc import Mapping

from klimatlaget.contracts.choices import Writer

#: The writer of a top-level subject's sections when the template names none.
TOP_LEVEL_WRITERS = {
    "municipality": Writer.MUNICIPALITY,
    "viable_cities": Writer.VIABLE_CITIES,
    "agencies": Writer.AGENCIES,
}


def writer_of(subject: str, defaults: Mapping[str, str], top_subject: str) -> str:
    """The writer of a section under ``subject`` whose top-level section is under
    ``top_subject``; ``defaults`` maps subject ids to the template's writers."""
    parts = subject.split(".") if subject else []
    while parts:
        writer = defaults.get(".".join(parts))
        if writer in Writer.values:
            return writer
        parts.pop()
    return TOP_LEVEL_WRITERS.get(top_subject.split(".")[0], Writer.JOINT)
