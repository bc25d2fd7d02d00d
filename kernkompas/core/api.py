"""The API's kernel: the schemas every part shares (code + label, the one error schema, ids bounded to what their
table holds), the answers for what django-ninja raises (in the language of the request), and the OpenAPI document
that declares, for every operation of every router, each error the operation can answer.

Parts add nothing for this: a part whose router the site mounts (:mod:`kernkompas.api.api`) gets its 400, 401,
404, 413, 422 and 429 answers as JSON in this schema and declared in /api/v1/openapi.json, derived from what the
operation takes (path, query or body parameters, a key, a rate limit). Only an error a view returns itself
(``Status(404, {...})``) is named in the view's own ``response`` dict, as django-ninja needs.

Language: the API answers in the language the request asks for (``Accept-Language: en`` or ``nl``, or the
site's language cookie), and in Dutch, the platform's language, when it asks for neither.
"""

from __future__ import annotations

import functools
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, NinjaAPI, Path, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema

from kernkompas.core.pagecache import mark_for_visitors

# --- Shared schemas -------------------------------------------------------------------------------------------


class CodeLabel(Schema):
    """A value from a fixed vocabulary: stable code for programs, label for people."""

    code: str = Field(description="Stable code, usable as a filter value.", examples=["10k-25k"])
    label: str = Field(description="Label as shown on the site (Dutch by default).")


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(
        description="Where: the part of the request (path, query or body), then the field, with positions in a "
        'list counted from 0, e.g. ["body", "counts", 2, "value"].'
    )
    type: str = Field(description="Kind of error, stable for programs (pydantic's type), e.g. less_than_equal.")
    msg: str = Field(description="The error in words, in the language of the answer.")


class ErrorOut(Schema):
    """Every error the API answers (4xx): a sentence, and for a request that is not valid what is wrong where."""

    detail: str = Field(description="What went wrong, in the language of the request (Dutch unless it asks English).")
    problems: list[str] = Field(
        [], description="What is wrong, one sentence per item or field, e.g. 'counts, item 3, value: …'."
    )
    errors: list[FieldErrorOut] = Field([], description="422 only: each field that is not valid, for programs.")


# --- Bounded parameters -----------------------------------------------------------------------------------------

MAX_INTEGER = 2**31 - 1  # an integer column (PostgreSQL integer; Wagtail's page ids)
MAX_BIG_INTEGER = 2**63 - 1  # a bigint column (the project's own ids: BigAutoField)


def max_id(model) -> int:
    """The largest id the model's table can hold (a page's id is its parent Page's)."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return MAX_BIG_INTEGER if field.get_internal_type() in ("BigAutoField", "BigIntegerField") else MAX_INTEGER


def object_id(model, description: str):
    """A path parameter holding an id of ``model``, bounded to what its table holds, so an id out of range is a
    422 that the OpenAPI document announces, never a database error."""
    return Path(..., ge=1, le=max_id(model), description=description)


BODY_SOURCES = {"body", "form", "file"}


# --- What each operation can answer -----------------------------------------------------------------------------

# Descriptions in the OpenAPI document are for developers and stay English (like the rest of the document).
ERROR_DESCRIPTIONS = {
    400: "The request cannot be read (a body that is not JSON, too many fields) or its content is refused; "
    "`problems` says what and where.",
    401: "No valid key: send `Authorization: Bearer <key>`.",
    404: "There is no such object (or it is not public).",
    413: "The request body is larger than the server accepts.",
    422: "A parameter or a field of the body is missing, of the wrong type or out of its bounds; `problems` and "
    "`errors` say which and why.",
    429: "Too many requests; try again after the number of seconds in the Retry-After header.",
}


def error_statuses(operation) -> list[int]:
    """The errors an operation can answer without its view saying so, from what it takes."""
    sources = {model.__ninja_param_source__ for model in operation.models}
    statuses = []
    if sources:
        statuses += [400, 422]
    if operation.auth_callbacks:
        statuses.append(401)
    if "path" in sources:
        statuses.append(404)
    if sources & BODY_SOURCES:
        statuses.append(413)
    if operation.throttle_objects:
        statuses.append(429)
    return statuses


class _DocumentedErrors(OpenAPISchema):
    def responses(self, operation) -> dict:
        result = super().responses(operation)
        for status in error_statuses(operation):
            if status not in result:
                result[status] = {
                    "description": ERROR_DESCRIPTIONS[status],
                    "content": {self.api.renderer.media_type: {"schema": self._error_schema()}},
                }
        for status, response in result.items():
            # A view's own 400/401/404 gets django-ninja's bare phrase ("Bad Request"): say what it means here.
            if status in ERROR_DESCRIPTIONS and response["description"] == HTTPStatus(status).phrase:
                response["description"] = ERROR_DESCRIPTIONS[status]
        return dict(sorted(result.items(), key=lambda item: str(item[0])))

    def _error_schema(self) -> dict:
        # Through django-ninja's own path, so ErrorOut lands in components once, as a view's own 404 puts it there.
        model = type("NinjaResponseSchema", (Schema,), {"__annotations__": {"response": ErrorOut}})
        return self._create_schema_from_model(model, mode="serialization")[0]


# --- The API class ----------------------------------------------------------------------------------------------


class KernkompasAPI(NinjaAPI):
    """django-ninja's API with the errors of this module: JSON in :class:`ErrorOut`, in the request's language,
    each declared in the OpenAPI document of every operation."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_decorator(_in_request_language, mode="view")

    def set_default_exception_handlers(self) -> None:
        super().set_default_exception_handlers()
        self.add_exception_handler(ValidationError, self._not_valid)
        self.add_exception_handler(AuthenticationError, self._no_key)
        self.add_exception_handler(Throttled, self._throttled)
        self.add_exception_handler(HttpError, self._http_error)
        self.add_exception_handler(Http404, self._not_found)
        self.add_exception_handler(RequestDataTooBig, self._too_big)
        self.add_exception_handler(SuspiciousOperation, self._unreadable)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return _DocumentedErrors(self, path_prefix)

    def validation_error_from_error_contexts(self, error_contexts) -> ValidationError:
        # The body of an operation with one body parameter is that parameter: its Python name is no place in it.
        errors = super().validation_error_from_error_contexts(error_contexts).errors
        single = {
            context.model.__read_from_single_attr__
            for context in error_contexts
            if getattr(context.model, "__read_from_single_attr__", None)
        }
        for error in errors:
            loc = tuple(error["loc"])
            if len(loc) > 1 and loc[0] in BODY_SOURCES and loc[1] in single:
                error["loc"] = (loc[0], *loc[2:])
        return ValidationError(errors)

    def error(self, request, status: int, detail: str, **extra):
        return self.create_response(request, {"detail": detail, "problems": [], "errors": [], **extra}, status=status)

    def _not_valid(self, request, exc: ValidationError):
        errors = [{"loc": list(error["loc"]), "type": error["type"], "msg": reason(error)} for error in exc.errors]
        return self.error(
            request,
            422,
            _("The request is not valid: see the problems."),
            problems=[f"{place(error['loc'])}: {error['msg']}" for error in errors],
            errors=errors,
        )

    def _no_key(self, request, exc: AuthenticationError):
        response = self.error(request, 401, _("Send a valid key: Authorization: Bearer <key>."))
        response["WWW-Authenticate"] = "Bearer"
        return response

    def _throttled(self, request, exc: Throttled):
        response = self.error(request, 429, _("Too many requests: try again later."))
        if exc.wait is not None:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def _http_error(self, request, exc: HttpError):
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return self.error(request, 400, _("The request body is not valid JSON."))
        return self.error(request, exc.status_code, str(exc) or HTTPStatus(exc.status_code).phrase)

    def _not_found(self, request, exc: Http404):
        return self.error(request, 404, _("Not found."))

    def _too_big(self, request, exc: RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return self.error(request, 413, _("The request is too large: at most %(size)s bytes.") % {"size": limit})

    def _unreadable(self, request, exc: SuspiciousOperation):
        return self.error(request, 400, _("The request cannot be read."))


def _in_request_language(run):
    """Every operation runs in the language the request asks for, so its messages and labels are in it."""

    @functools.wraps(run)
    def in_language(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        # Reading needs no account: every answer to a GET is the same for all visitors (kernkompas/core/pagecache.py).
        return mark_for_visitors(response) if request.method == "GET" else response

    return in_language


# --- Validation errors in words ---------------------------------------------------------------------------------


def place(loc) -> str:
    """Where in the request, in words: 'counts, item 3, value' (items counted from 1, as people count)."""
    parts = [_("item %(n)s") % {"n": part + 1} if isinstance(part, int) else str(part) for part in loc[1:]]
    return ", ".join(parts) or _("the request body")


def reason(error: dict) -> str:
    """pydantic's error in the language of the request: the common kinds are translated, others keep pydantic's
    English message."""
    ctx = error.get("ctx") or {}
    kind = error["type"]
    for kinds, text, limit in _REASONS:
        if kind in kinds:
            return _(text) % {"limit": ctx.get(limit, "")} if limit else _(text)
    if kind == "literal_error":
        return _("must be one of: %(expected)s") % {"expected": ctx.get("expected", "")}
    return error["msg"]


# (error kinds, message, the ctx key of the limit); gettext_noop marks the messages, reason() translates them.
_REASONS = [
    ({"missing"}, gettext_noop("is missing"), None),
    ({"greater_than_equal"}, gettext_noop("must be at least %(limit)s"), "ge"),
    ({"greater_than"}, gettext_noop("must be more than %(limit)s"), "gt"),
    ({"less_than_equal"}, gettext_noop("must be at most %(limit)s"), "le"),
    ({"less_than"}, gettext_noop("must be less than %(limit)s"), "lt"),
    ({"int_parsing", "int_type", "int_from_float"}, gettext_noop("must be a whole number"), None),
    ({"bool_parsing", "bool_type"}, gettext_noop("must be true or false"), None),
    ({"string_type"}, gettext_noop("must be text"), None),
    ({"string_too_long"}, gettext_noop("may be at most %(limit)s characters long"), "max_length"),
    ({"string_too_short"}, gettext_noop("must be at least %(limit)s characters long"), "min_length"),
    ({"too_long"}, gettext_noop("may hold at most %(limit)s items"), "max_length"),
    ({"too_short"}, gettext_noop("must hold at least %(limit)s items"), "min_length"),
    ({"list_type"}, gettext_noop("must be a list"), None),
    ({"model_type", "model_attributes_type", "dict_type"}, gettext_noop("must be an object"), None),
    (
        {"datetime_parsing", "datetime_type", "datetime_from_date_parsing", "datetime_object_invalid"},
        gettext_noop("must be a date and time such as 2025-03-01T14:00:00"),
        None,
    ),
    (
        {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"},
        gettext_noop("must be a date such as 2025-03-01"),
        None,
    ),
]
