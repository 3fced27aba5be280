"""The routine cog's part of a person's home view (Slack's App Home).

"Your routine today": the member's progress on today's checklist (done/total,
the actions they ticked, their current streak). Nothing is shown to people the
routine is not for (non-members), while the routine file is unavailable, or when
today is not a routine day and no prompt was posted today.
"""

from __future__ import annotations

from bot.model import Card
from cogs.routine.cards import MyDay, Translate, named_heading
from cogs.routine.messages import format_day
from cogs.routine.routine_file import RoutineFile


def home_card(t: Translate, language: str, routine: RoutineFile, mine: MyDay,
              minimum: int, title: str | None = None) -> Card:
    """Today's progress: the summary line, then the ticked actions (with their notes);
    `title` names the routine when the member has several."""
    done = [a for a in routine.actions if a.id in mine.notes]
    lines = [t("routine.today.summary", done=len(done), total=len(routine.actions),
               minimum=minimum, streak=mine.streak, best=mine.best)]
    if mine.off:
        lines.append(t("routine.today.off"))
    if done:
        lines.append(t("routine.home.ticked"))
        for action in done:
            note = mine.notes.get(action.id)
            lines.append(f"  ✓ {routine.number(action.id)}. {action.label} · {action.id}"
                         + (t("routine.home.note", note=note) if note else ""))
    # The hint names commands: in the footer, which platforms rewrite (Slack's /garant).
    hint = "" if done else t("routine.home.nothing")
    return Card(named_heading(t("routine.home.title", day=format_day(mine.day, language)), title),
                "\n".join(lines), footer=hint)
