"""The rubric schema (``scoring/*.yaml``): weighted criteria, critical ones, where they apply.

Loaded by the project's positioned YAML loader, which calls ``Rubric.model_validate`` and
turns error locations into file:line:column. A criterion's ``check`` is compiled while
validating, so an unknown check name or a bad parameter is an error of the file.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from shopper.scoring.checks.base import Check, CheckSpecError
from shopper.scoring.checks.registry import compile_check

Scope = Literal["conversation", "turn", "step"]


class AppliesTo(BaseModel):
    """Where a criterion applies; every given list must match (n/a elsewhere)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channels: tuple[Literal["chat", "email", "api", "http"], ...] | None = None
    scenarios: tuple[str, ...] | None = None  # scenario ids; shell-style wildcards allowed
    tags: tuple[str, ...] | None = None  # any one of these tags


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = ""
    description: str = ""
    category: str = "quality"  # safety / speed / language / quality: groups in reports
    weight: float = Field(default=1.0, gt=0)
    critical: bool = False
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    scope: Scope = "conversation"
    check: dict[str, Any] | str

    _compiled: Check = PrivateAttr()

    @field_validator("check")
    @classmethod
    def _valid_check(cls, value: dict[str, Any] | str) -> dict[str, Any] | str:
        try:
            compile_check(value)
        except CheckSpecError as error:
            raise PydanticCustomError("check", "{message}", {"message": str(error)}) from None
        return value

    def model_post_init(self, context: Any, /) -> None:
        self._compiled = compile_check(self.check)

    @property
    def compiled(self) -> Check:
        """The check tree, ready to evaluate."""
        return self._compiled


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rubric: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = ""
    description: str = ""
    criteria: tuple[Criterion, ...]

    @field_validator("criteria")
    @classmethod
    def _unique_ids(cls, value: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
        if not value:
            raise PydanticCustomError("empty", "expected at least one criterion")
        seen: set[str] = set()
        for criterion in value:
            if criterion.id in seen:
                raise PydanticCustomError("duplicate", "criterion id '{id}' appears twice", {"id": criterion.id})
            seen.add(criterion.id)
        return value
