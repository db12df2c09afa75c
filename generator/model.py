"""Stage 2: the scenario format and the principles catalogue as strict pydantic models.

Strict means: unknown keys are errors (a misspelt ``feedbak`` must not vanish),
text must be text (YAML 1.1 reads ``no`` as false) and weights must be whole
numbers. The JSON Schema editors use for autocompletion is generated from
these classes (``python -m generator schema``).

Fields documented as *Markdown* may use emphasis, lists and links; every other
text field is plain text. Raw HTML is never passed through (see the README).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
FINGERPRINT_PATTERN = r"^(?:[0-9a-f]{8}|new)$"
"""A translated text's ``source``: its source text's short hash, or 'new'
(see generator/translation.py)."""
MIN_WEIGHT, MAX_WEIGHT = -2, 2

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=60),
    Field(description="Lowercase letters, digits and single hyphens, e.g. 'fridge-swap'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20000),
    Field(json_schema_extra={"format": "markdown"}),
]
Weight = Annotated[int, Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)]
Audience = Literal["employees", "partners"]
AUDIENCES: tuple[Audience, ...] = get_args(Audience)
"""Every audience, in the order the site shows its track."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Roles(_Strict):
    """Who is who in the story."""

    learner: Text = Field(description="Who the learner plays, e.g. 'Server at a lunch restaurant'.")
    customer: Text = Field(description="Who the customer is and what they want.")


class Choice(_Strict):
    """One response the learner can pick, and what follows from it."""

    response: Text = Field(description="What the learner says or does, in their own voice.")
    consequence: Markdown = Field(description="What happens next, as the customer sees it.")
    feedback: Markdown = Field(description="Why this was good or bad; name the principles.")
    effects: dict[Slug, Weight] = Field(
        default_factory=dict,
        description=f"Principle id -> weight from {MIN_WEIGHT} (violates) to {MAX_WEIGHT} "
        "(upholds). The score of a path is the sum of its choices' weights.",
    )
    next: Slug = Field(description="The id of the next step, or of an ending.")


class Step(_Strict):
    """A decision: a situation and the responses to choose from."""

    id: Slug
    situation: Markdown = Field(description="What the learner sees and hears now.")
    choices: list[Choice] = Field(description="Two or more responses; order is kept.")


class Ending(_Strict):
    """Where a path stops; its debrief closes the case."""

    id: Slug
    title: Text
    tier: Slug | None = Field(
        default=None,
        description="The tier the author intends for paths into this ending; "
        "`check` warns when the computed scores disagree.",
    )
    debrief: Markdown = Field(description="What happened and what to take away.")


class Scenario(_Strict):
    """One training case, retold from a real story or built on everyday work (say which
    in the setting). The file is ``<id>.yaml``."""

    id: Slug = Field(description="Also the file name and the page URL.")
    title: Text
    summary: Text = Field(description="One sentence shown in lists of scenarios.")
    audience: Audience = Field(description="'employees' or 'partners' (drivers, installers).")
    minutes: int = Field(default=5, ge=1, le=60, description="About how long one run takes.")
    story: Slug = Field(description="The id of the catalogue story whose lesson it trains.")
    roles: Roles
    setting: Markdown = Field(description="The background, read before the first step.")
    goals: list[Text] = Field(min_length=1, description="What the learner should be able to do.")
    steps: list[Step] = Field(min_length=1, description="The first step is where a run starts.")
    endings: list[Ending] = Field(min_length=1)
    questions: list[Text] = Field(min_length=1, description="Discussion questions for trainers.")


class Tier(_Strict):
    """A band of normalised scores, named after the stories."""

    id: Slug
    name: Text
    min: int = Field(ge=0, le=100, description="Lowest normalised score (0-100) in this tier.")
    description: Text


class Story(_Strict):
    """A real story that scenarios retell."""

    id: Slug
    title: Text
    summary: Markdown


class Principle(_Strict):
    """A named service principle that choices uphold or violate."""

    id: Slug
    name: Text = Field(description="A short name, e.g. 'Own it and apologise'.")
    statement: Text = Field(description="The principle in one sentence.")
    explanation: Markdown
    stories: list[Slug] = Field(min_length=1, description="Ids of the stories it comes from.")


class Cap(_Strict):
    """A critical principle: a path that violates it cannot score above a tier."""

    principle: Slug = Field(description="The id of the critical principle, e.g. 'safety-first'.")
    tier: Slug = Field(
        description="The highest tier a path whose net weight on the principle is negative "
        "can reach: its score is lowered to the top of this tier. Not the top tier.")


class Catalogue(_Strict):
    """The organisation's principles, stories and tiers (``scenarios/principles.yaml``)."""

    tiers: list[Tier] = Field(min_length=2, description="From the lowest to the highest.")
    stories: list[Story] = Field(min_length=1)
    principles: list[Principle] = Field(min_length=1)
    caps: list[Cap] = Field(
        default_factory=list,
        description="Critical principles: violating one caps the score of the whole run.")

    @field_validator("tiers")
    @classmethod
    def _tiers_ascend(cls, tiers: list[Tier]) -> list[Tier]:
        if tiers[0].min != 0:
            raise ValueError("the first tier must start at min: 0")
        mins = [t.min for t in tiers]
        if mins != sorted(set(mins)):
            raise ValueError("list the tiers from the lowest min to the highest, each min once")
        return tiers

    def tier_for(self, score: int) -> Tier:
        """The highest tier whose ``min`` the normalised score reaches."""
        return [t for t in self.tiers if t.min <= score][-1]

    def ceilings(self) -> dict[str, int]:
        """Capped principle id -> the highest score a path that violates it can keep.

        That is the top of the cap's tier: one below the next tier's ``min``.
        Caps that ``lint`` rejects (unknown tier, the top tier) are left out.
        """
        mins = [t.min for t in self.tiers]
        index = {t.id: i for i, t in enumerate(self.tiers)}
        found: dict[str, int] = {}
        for cap in self.caps:
            i = index.get(cap.tier)
            if i is not None and i + 1 < len(mins) and cap.principle not in found:
                found[cap.principle] = mins[i + 1] - 1
        return found
