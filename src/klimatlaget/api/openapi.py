"""The OpenAPI schema completed with the answers every operation can give whatever it declares,
so that the schema stays true for operations added later:

- 422 with django-ninja's own body (a list of field problems) when the input does not validate,
  besides the operation's own 422 (by default ``ErrorOut``: every ``ValueError`` is answered so);
- 400 when a request body cannot be parsed at all;
- 404 when a path names something that does not exist; 401 when the operation needs a login;
- ``text/csv`` beside JSON when the operation takes ``?format=csv``;
- 503 with ``Retry-After`` when the database is too busy (see :mod:`klimatlaget.web.errors`).
"""

from typing import Any

from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema

from klimatlaget.api.schemas import ErrorOut

REF = "#/components/schemas/{model}"
CSV = {"text/csv": {"schema": {"type": "string"}}}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}


class FieldProblem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    """What django-ninja answers when the parameters or the body do not validate."""

    detail: list[FieldProblem]


def _component(schema: OpenAPISchema, model: type[Schema]) -> dict[str, str]:
    definition = model.model_json_schema(ref_template=REF)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(definition.pop("$defs", {}))
    components.setdefault(model.__name__, definition)
    return {"$ref": REF.format(model=model.__name__)}


def _json(reference: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": reference}}}


def _add_invalid_input(
    responses: dict[Any, Any], invalid: dict[str, str], error: dict[str, str]
) -> None:
    declared = responses.setdefault(422, _json(error, "Unprocessable Content"))
    content = declared.setdefault("content", {}).setdefault("application/json", {})
    content["schema"] = {"anyOf": [content.get("schema", error), invalid]}


def _complete(operation: dict[str, Any], invalid: dict[str, str], error: dict[str, str]) -> None:
    responses = operation["responses"]
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        _add_invalid_input(responses, invalid, error)
    if "requestBody" in operation and 400 not in responses:
        responses[400] = _json(error, "Bad Request")
    if any(p["in"] == "path" for p in parameters) and 404 not in responses:
        responses[404] = _json(error, "Not Found")
    if operation.get("security") and 401 not in responses:
        responses[401] = _json(error, "Unauthorized")
    if any(p["name"] == "format" for p in parameters) and 200 in responses:
        responses[200].setdefault("content", {}).update(CSV)
    responses.setdefault(503, {**_json(error, "Service Unavailable"), "headers": RETRY_AFTER})


class KlimatlagetAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        invalid = _component(schema, ValidationErrorOut)
        error = _component(schema, ErrorOut)
        for operations in schema["paths"].values():
            for operation in operations.values():
                _complete(operation, invalid, error)
        return schema


def file_download(content_type: str, description: str) -> dict[str, Any]:
    """``openapi_extra`` for an operation that answers a file rather than JSON."""
    content = {content_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"responses": {200: {"description": description, "content": content}}}
