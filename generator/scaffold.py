"""``python -m generator new ID``: a scenario file that passes ``check`` as it stands.

The file names a real story and real principles from the folder's catalogue,
so the trainer starts from something valid and edits it step by step.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ContentError, UsageError
from generator.load import load_file
from generator.load.parse import parse
from generator.load.project import CATALOGUE_NAME, display_path
from generator.model import Catalogue

TEMPLATE = """\
# yaml-language-server: $schema=../schema/scenario.schema.json
# A new scenario. Check it with: python -m generator check {path}
# Quote text that YAML could read as something else: "no", "yes", "on", "12:30", "0123".
id: {id}
title: A title the learner recognises
summary: One sentence shown in lists of scenarios.
audience: {audience}
minutes: 5
story: {story}
roles:
  learner: Who the learner plays
  customer: Who the customer is and what they want
setting: >-
  Where and when this happens, in two or three sentences (Markdown).
goals:
  - What the learner should be able to do afterwards
steps:
  - id: first-decision
    situation: >-
      What the learner sees and hears now (Markdown).
    # Three or more choices, of similar length, the best one anywhere in the list:
    # `check` warns when always picking the longest or shortest would win.
    choices:
      - response: A response real staff might give that breaks it
        consequence: What the customer does next.
        feedback: Why this fails, naming the principle.
        effects:
          {good}: -2
        next: lost-customer
      - response: A response that follows the principle
        consequence: What the customer does next.
        feedback: Why this works, naming the principle.
        effects:
          {good}: 2
        next: kept-customer
      - response: A quick reply that breaks it too
        consequence: What the customer does next.
        feedback: Why this fails too, naming the principle.
        effects:
          {good}: -2
        next: lost-customer
endings:
  - id: kept-customer
    title: The customer stays
    tier: {top}             # the tier its paths should reach; check warns if they don't
    debrief: What happened and what to take away.
  - id: lost-customer
    title: The customer leaves
    tier: {bottom}
    debrief: What happened and what to take away.
questions:
  - A question for the group to discuss
"""


def scaffold(folder: Path, ident: str, audience: str) -> Path:
    """Write ``folder/<ident>.yaml``; refuse to overwrite anything."""
    catalogue_path = folder / CATALOGUE_NAME
    if not catalogue_path.is_file():
        raise UsageError.at(display_path(catalogue_path), 1, 1, "no principles catalogue here",
                            "run this from the project folder, or pass --folder")
    catalogue = parse(load_file(catalogue_path, display_path(catalogue_path)), Catalogue)
    path = folder / f"{ident}.yaml"
    shown = display_path(path)
    text = TEMPLATE.format(path=shown, id=ident, audience=audience,
                           story=catalogue.stories[0].id, good=catalogue.principles[0].id,
                           top=catalogue.tiers[-1].id, bottom=catalogue.tiers[0].id)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise UsageError.at(shown, 1, 1, "the file already exists; nothing was written",
                            "choose another id, or edit the file") from exc
    except OSError as exc:
        raise ContentError.at(shown, 1, 1, f"cannot write the file: {exc.strerror}") from exc
    return path
