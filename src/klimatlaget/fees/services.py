"""The fee list of a year, and setting fee rules and overrides (secretariat only, recorded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.associations.models import members_in_year
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import FEE_OVERRIDE, FEE_RULE
from klimatlaget.calc import fees as calc
from klimatlaget.concurrency import check_version, reload_and_check
from klimatlaget.exports.columns import Column
from klimatlaget.fees.models import FeeOverride, FeeRule, overrides_for, rule_for
from klimatlaget.organisations.models import Organisation, Population

#: The columns of the CSV and Excel fee lists (and the API's rows).
COLUMNS = [
    "member_code",
    "member_name",
    "kind",
    "population_year",
    "inhabitants",
    "counted_inhabitants",
    "capped",
    "fee_sek",
    "override_reason",
    "missing_population",
    "earlier_population",
]


class NoFeeRule(ValueError):
    """The association has no fee rule in force in the year asked for."""


@dataclass(frozen=True, slots=True)
class FeeRow:
    member_code: str
    member_name: str
    kind: str
    kind_label: str
    population_year: int
    inhabitants: int | None
    counted_inhabitants: int | None
    capped: bool
    fee_sek: Decimal | None
    override_reason: str
    missing_population: bool
    #: The rule's population year is not available yet: ``population_year`` is the latest before.
    earlier_population: bool

    def as_dict(self) -> dict[str, Any]:
        return {column: getattr(self, column) for column in COLUMNS}


@dataclass
class FeeList:
    association: Organisation
    year: int
    rule: FeeRule
    population_year: int
    rows: list[FeeRow] = field(default_factory=list)

    @property
    def total_sek(self) -> Decimal:
        return sum((r.fee_sek for r in self.rows if r.fee_sek is not None), Decimal(0))

    @property
    def flagged(self) -> int:
        """Members charged nothing yet because their population is missing."""
        return sum(1 for r in self.rows if r.missing_population)

    @property
    def earlier_population(self) -> int:
        """Members charged on the latest population before the rule's year (not yet published)."""
        return sum(1 for r in self.rows if r.earlier_population)

    @property
    def earlier_years(self) -> list[int]:
        """The earlier population years used, newest first."""
        return sorted({r.population_year for r in self.rows if r.earlier_population}, reverse=True)

    def table(self) -> list[dict[str, Any]]:
        """The rows as dicts for CSV, with a last row holding the sum."""
        rows = [row.as_dict() for row in self.rows]
        rows.append({"member_name": "TOTAL", "fee_sek": self.total_sek})
        return rows


def fee_list(association: Organisation, year: int) -> FeeList:
    """Every member of ``association`` during ``year`` with its fee under the rule in force.

    Raises :class:`NoFeeRule` when no rule applies to ``year``.
    """
    rule = rule_for(association, year)
    if rule is None:
        raise NoFeeRule(
            _("%(association)s has no fee rule for %(year)s.")
            % {"association": association.name, "year": year}
        )
    population_year = rule.population_year_for(year)
    members = list(members_in_year(association, year).order_by("name"))
    population = _latest_population(members, population_year)
    overrides = overrides_for(association, year)
    calc_rule = rule.as_calc()
    result = FeeList(association, year, rule, population_year)
    for member in members:
        override = overrides.get(member.pk)
        used_year, inhabitants = population.get(member.pk, (population_year, None))
        fee = calc.compute_fee(calc_rule, inhabitants, override.as_calc() if override else None)
        result.rows.append(
            FeeRow(
                member_code=member.code,
                member_name=member.name,
                kind=member.kind,
                kind_label=str(member.get_kind_display()),
                population_year=used_year,
                inhabitants=fee.inhabitants,
                counted_inhabitants=fee.counted_inhabitants,
                capped=fee.capped,
                fee_sek=fee.amount_sek,
                override_reason=fee.override_reason,
                missing_population=fee.missing_population,
                earlier_population=used_year != population_year,
            )
        )
    return result


def _latest_population(
    members: list[Organisation], population_year: int
) -> dict[int, tuple[int, int]]:
    """Each member's (year, inhabitants) of ``population_year`` or, when SCB has not published
    that year yet, the latest year before it: a fee on last year's figure beats none."""
    latest: dict[int, tuple[int, int]] = {}
    rows = (
        Population.objects.filter(organisation__in=members, year__lte=population_year)
        .order_by("year")
        .values_list("organisation_id", "year", "inhabitants")
    )
    for organisation_id, year, inhabitants in rows:
        latest[organisation_id] = (year, inhabitants)
    return latest


def _fee_column(rounding: str) -> Column:
    """Whole kronor, or kronor and öre when the rule rounds to less than a krona."""
    label = _("Fee (SEK)")
    return (
        Column.integer("fee_sek", label)
        if rounding == "krona"
        else Column.decimal("fee_sek", 2, label)
    )


def _xlsx_columns(rounding: str) -> list[Column]:
    return [
        Column("member_code", _("Code"), width=8),
        Column("member_name", _("Member"), width=28),
        Column("kind_label", _("Kind"), width=18),
        Column.year("population_year", _("Population year")),
        Column.integer("inhabitants", _("Inhabitants")),
        Column.integer("counted_inhabitants", _("Inhabitants counted")),
        _fee_column(rounding),
        Column("override_reason", _("Override reason"), width=40),
        Column("missing_population", _("Population missing")),
        Column("earlier_population", _("Earlier population year")),
    ]


def fee_list_xlsx(fees: FeeList) -> bytes:
    """The fee list as an Excel workbook: a bold header, numbers as numbers, a sum row."""
    from openpyxl import Workbook

    from klimatlaget.exports.workbook import BOLD, append_row, save, write_table

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{fees.year}"
    columns = _xlsx_columns(fees.rule.rounding)
    rows = [
        {
            **row.as_dict(),
            "kind_label": row.kind_label,
            "override_reason": row.override_reason or None,
            "missing_population": _("yes") if row.missing_population else None,
            "earlier_population": _("yes") if row.earlier_population else None,
        }
        for row in fees.rows
    ]
    write_table(sheet, rows, columns)
    total = append_row(sheet, [None, _("Total"), None, None, None, None, fees.total_sek], BOLD)
    sheet.cell(row=total, column=7).number_format = columns[6].number_format
    return save(book)


def _check(actor: User, association: Organisation) -> None:
    ensure_permission(actor, Permission.MANAGE_ASSOCIATION, association)


def _rule_values(rule: FeeRule) -> dict[str, Any]:
    return {
        "fixed_sek": str(rule.fixed_sek),
        "per_inhabitant_sek": str(rule.per_inhabitant_sek),
        "max_inhabitants": rule.max_inhabitants,
        "population_year_offset": rule.population_year_offset,
        "population_year": rule.population_year,
        "rounding": rule.rounding,
    }


def _override_values(override: FeeOverride) -> dict[str, Any]:
    return {
        "to_year": override.to_year,
        "counted_inhabitants": override.counted_inhabitants,
        "amount_sek": None if override.amount_sek is None else str(override.amount_sek),
        "reason": override.reason,
    }


def _validate_rule(fixed_sek: Decimal, per_inhabitant_sek: Decimal, most: int | None) -> None:
    """Errors a reader can act on, by field (the database constraints only say "violated")."""
    errors: dict[str, str] = {}
    if fixed_sek < 0:
        errors["fixed_sek"] = _("The fixed part must not be negative.")
    if per_inhabitant_sek < 0:
        errors["per_inhabitant_sek"] = _("The fee per inhabitant must not be negative.")
    if most is not None and most < 1:
        errors["max_inhabitants"] = _(
            "Count at least one inhabitant, or leave the ceiling empty for none."
        )
    if errors:
        raise ValidationError(errors)


def _validate_override(
    from_year: int, to_year: int | None, amount_sek: Decimal | None, reason: str
) -> None:
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason for the override.")
    if amount_sek is not None and Decimal(amount_sek) < 0:
        errors["amount_sek"] = _("The fee must not be negative.")
    if to_year is not None and to_year < from_year:
        errors["to_year"] = _("The last year must not be before the first.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_fee_rule(
    actor: User,
    association: Organisation,
    from_year: int,
    *,
    fixed_sek: Decimal,
    per_inhabitant_sek: Decimal,
    max_inhabitants: int | None,
    rounding: str = "krona",
    population_year_offset: int = -1,
    population_year: int | None = None,
    version: int | None = None,
) -> FeeRule:
    """Create or change ``association``'s rule from ``from_year`` (secretariat only); an
    existing rule changed since ``version`` (when given) is not changed (StaleVersion).

    The command line and the demo setup act as a :class:`~klimatlaget.accounts.actors.SystemActor`.
    """
    _check(actor, association)
    _validate_rule(Decimal(fixed_sek), Decimal(per_inhabitant_sek), max_inhabitants)
    rule = (
        FeeRule.objects.select_for_update()
        .filter(association=association, from_year=from_year)
        .first()
    )
    if rule is not None:
        check_version(rule, version)
    before = _rule_values(rule) if rule else {}
    if rule is None:
        rule = FeeRule(association=association, from_year=from_year)
    rule.fixed_sek = Decimal(fixed_sek)
    rule.per_inhabitant_sek = Decimal(per_inhabitant_sek)
    rule.max_inhabitants = max_inhabitants
    rule.rounding = rounding
    rule.population_year_offset = population_year_offset
    rule.population_year = population_year
    rule.full_clean()
    rule.save()
    rule.refresh_from_db()  # as stored (decimals rounded), to compare with before
    changes = diff(before, _rule_values(rule))
    if before and changes:
        rule.save(update_fields=rule.bump(changes))
    if changes:
        record(
            actor=actor,
            action="klimatlaget.fee_rule.changed" if before else "klimatlaget.fee_rule.created",
            subject=FEE_RULE,
            subject_id=rule.pk,
            organisation=association,
            changes={f"fee rule {from_year}: {key}": value for key, value in changes.items()},
            summary=says("fee_rule_set", association=association.name, year=from_year),
        )
    return rule


@transaction.atomic
def set_fee_override(
    actor: User,
    association: Organisation,
    member: Organisation,
    from_year: int,
    *,
    reason: str,
    to_year: int | None = None,
    counted_inhabitants: int | None = None,
    amount_sek: Decimal | None = None,
    version: int | None = None,
) -> FeeOverride:
    """Create or change ``member``'s override from ``from_year``: the inhabitants to count or a
    fixed amount (exactly one), with a reason (secretariat only). An existing override changed
    since ``version`` (when given) is not changed (StaleVersion)."""
    _check(actor, association)
    _validate_override(from_year, to_year, amount_sek, reason)
    if (counted_inhabitants is None) == (amount_sek is None):
        raise ValidationError(_("Give either the inhabitants to count or a fixed fee."))
    override = (
        FeeOverride.objects.select_for_update()
        .filter(association=association, member=member, from_year=from_year)
        .first()
    )
    if override is not None:
        check_version(override, version)
    before = _override_values(override) if override else {}
    if override is None:
        override = FeeOverride(association=association, member=member, from_year=from_year)
    override.to_year = to_year
    override.counted_inhabitants = counted_inhabitants
    override.amount_sek = None if amount_sek is None else Decimal(amount_sek)
    override.reason = reason.strip()
    override.full_clean()
    override.save()
    override.refresh_from_db()  # as stored (decimals rounded), to compare with before
    changes = diff(before, _override_values(override))
    if before and changes:
        override.save(update_fields=override.bump(changes))
    if changes:
        record(
            actor=actor,
            action="klimatlaget.fee_override.changed"
            if before
            else "klimatlaget.fee_override.created",
            subject=FEE_OVERRIDE,
            subject_id=override.pk,
            organisation=member,
            association=association,
            changes=changes,
            summary=says(
                "fee_override_set", member=member.name, association=association.name, year=from_year
            ),
        )
    return override


@transaction.atomic
def remove_fee_override(actor: User, override: FeeOverride, version: int | None = None) -> None:
    """Remove ``override`` for all its years (secretariat only), unless it changed since
    ``version`` (when given)."""
    association, member = override.association, override.member
    _check(actor, association)
    reload_and_check(override, version)
    record(
        actor=actor,
        action="klimatlaget.fee_override.removed",
        subject=FEE_OVERRIDE,
        subject_id=override.pk,
        organisation=member,
        association=association,
        changes={
            key: [value, None]
            for key, value in _override_values(override).items()
            if value is not None
        },
        summary=says(
            "fee_override_removed",
            member=member.name,
            association=association.name,
            year=override.from_year,
        ),
    )
    override.delete()
