"""NotesController: operations tagged notes."""

from __future__ import annotations

from typing import List, Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models._helpers import list_of, to_json
from ..models.note import Note
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    model_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_list_notes = RequestSpec(
    "GET",
    "default",
    "/notes",
    security=[["notesCode"], ["notesPassword"]],
    accept="application/json",
)
_body_list_notes = model_body(list_of(Note.from_dictionary))
_body_create_note = model_body(Note.from_dictionary)


class NotesController(BaseController):
    """Operations tagged notes."""

    def list_notes(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[Note]]:
        """GET /notes

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[Note].
        """
        return self._execute(
            _spec_list_notes,
            _body_list_notes,
            request_options,
        )

    def create_note(
        self,
        body_2: Note,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Note]:
        """POST /notes

        Args:
            body_2: The request body.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a Note.
        """
        return self._execute(
            RequestSpec(
                "POST",
                "default",
                "/notes",
                json_body=to_json(body_2),
                has_json_body=True,
                security=[["notesCode"]],
                accept="application/json",
            ),
            _body_create_note,
            request_options,
        )


class AsyncNotesController(AsyncBaseController):
    """Operations tagged notes, async (`await` each call)."""

    async def list_notes(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[Note]]:
        """GET /notes

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[Note].
        """
        return await self._execute(
            _spec_list_notes,
            _body_list_notes,
            request_options,
        )

    async def create_note(
        self,
        body_2: Note,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Note]:
        """POST /notes

        Args:
            body_2: The request body.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a Note.
        """
        return await self._execute(
            RequestSpec(
                "POST",
                "default",
                "/notes",
                json_body=to_json(body_2),
                has_json_body=True,
                security=[["notesCode"]],
                accept="application/json",
            ),
            _body_create_note,
            request_options,
        )
