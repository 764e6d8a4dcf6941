"""NotesController: operations tagged notes."""

from __future__ import annotations

from typing import List

from ..http.http_response import ApiResponse
from ..models._helpers import list_of, to_json
from ..models.note import Note
from .base_controller import BaseController, RequestSpec, model_body


class NotesController(BaseController):
    """Operations tagged notes."""

    def list_notes(self) -> ApiResponse[List[Note]]:
        """GET /notes

        Returns:
            ApiResponse whose body is a List[Note].
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/notes",
                security=[["notesCode"], ["notesPassword"]],
                accept="application/json",
            ),
            model_body(list_of(Note.from_dictionary)),
        )

    def create_note(
        self,
        body_2: Note,
    ) -> ApiResponse[Note]:
        """POST /notes

        Args:
            body_2: The request body.

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
            model_body(Note.from_dictionary),
        )
