"""How charter findings and rules are written for people (pure functions)."""

from __future__ import annotations

from bot.charter import Charter, Finding, verdict
from bot.i18n import Translator


def findings_text(t: Translator, charter: Charter, findings: list[Finding],
                  network: str | None = None) -> str:
    where = t("charter.for_network", network=network) if network else ""
    if not findings:
        return t("charter.check.clean", charter=charter.name, where=where)
    lines = [t("charter.check.head", charter=charter.name, where=where, count=len(findings),
               verdict=t(f"charter.verdict.{verdict(findings)}"))]
    for finding in findings:
        lines.append(t("charter.check.line", level=t(f"charter.level.{finding.level}"),
                       rule=finding.label, match=finding.match, message=finding.message))
    return "\n".join(lines)


def rules_text(t: Translator, charter: Charter) -> str:
    parents = t("charter.show.extends", parents=", ".join(charter.parents)) \
        if charter.parents else ""
    lines = [t("charter.show.head", name=charter.name, title=charter.title,
               count=len(charter.rules), parents=parents)]
    for rule in charter.rules:
        contexts = "/".join(t(f"charter.context.{c}") for c in sorted(rule.applies_to))
        networks = f" [{', '.join(sorted(rule.networks))}]" if rule.networks else ""
        why = f" — {rule.why}" if rule.why else ""
        kind = t(f"charter.kind.{rule.kind}") if f"charter.kind.{rule.kind}" in t.catalog \
            else rule.kind
        title = f" — {rule.title}" if rule.title else ""
        lines.append(f"  • {rule.id}{title} ({kind}, {t(f'charter.level.{rule.level}')} → "
                     f"{t(f'charter.verdict.{rule.action}')}, {contexts}{networks}){why}")
    for rule, reason in charter.off():  # said plainly, never a silent skip
        lines.append(t("charter.show.off", rule=rule.title or rule.id,
                       reason=reason.render(t.language)))
    return "\n".join(lines)
