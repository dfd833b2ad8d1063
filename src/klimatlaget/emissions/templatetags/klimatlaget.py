from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def sort_query(query: QueryDict, key: str, table: object) -> str:
    """The query string that sorts by ``key``: toggles the direction on the current column."""
    params = query.copy()
    current = getattr(table, "sort", None)
    descending = getattr(table, "descending", True)
    if key == current:
        direction = "asc" if descending else "desc"
    else:
        direction = "asc" if key in {"name", "county"} else "desc"
    params["sort"] = key
    params["dir"] = direction
    return params.urlencode()
