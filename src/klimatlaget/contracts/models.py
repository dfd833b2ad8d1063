"""Climate contracts (Klimatkontrakt 2030) as data: a contract per organisation and year, its
parties, its sections as a tree (each under a canonical subject of the programme's template),
the section's links to the platform's objects, and the commitments with a status per year.

Signed and superseded contracts are public; a draft is read only by those who may edit it
(:func:`klimatlaget.accounts.permissions.may_edit_contract`). Every change goes through
:mod:`klimatlaget.contracts.services`, which records it in the change log.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc.contract_text import ParsedContract, ParsedSection, ParseProblem
from klimatlaget.contracts.choices import (
    CommitmentState,
    ContractStatus,
    LinkKind,
    PartyRole,
    Writer,
)
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.models import ActionPlan, Audited, Indicator, Measure, source_url
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target


class Contract(Audited):
    """One year's version of an organisation's climate contract."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contracts"
    )
    year = models.PositiveSmallIntegerField(_("year of the version"))
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    source = models.CharField(
        _("source document"), max_length=500, blank=True, help_text=_("Its name or web address")
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    preamble = models.TextField(_("preamble"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = ("year", "status", "signed_on", "source", "replaces_id")

    class Meta:
        ordering = ["organisation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="contract_year_unique")
        ]
        verbose_name = _("climate contract")
        verbose_name_plural = _("climate contracts")

    def __str__(self) -> str:
        return str(_("Climate contract %(year)s") % {"year": self.year})

    @property
    def source_url(self) -> str:
        return source_url(self.source)

    def parties_data(self) -> list[dict[str, str]]:
        """The parties with their signatories, as the API and the JSON export give them."""
        return [
            {
                "organisation_code": party.party.code,
                "name": party.party.name,
                "role": party.role,
                "signatory_name": party.signatory_name,
                "signatory_title": party.signatory_title,
            }
            for party in self.parties.select_related("party")
        ]

    @property
    def is_public(self) -> bool:
        return self.status != ContractStatus.DRAFT


class ContractParty(Audited):
    """A party of a contract: the municipality, Viable Cities or an agency, each an
    organisation of the platform, with who signed for it."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contract_parties",
        verbose_name=_("party"),
    )
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    ENTERED = ("party_id", "role", "signatory_name", "signatory_title")

    class Meta:
        ordering = ["contract", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "party"], name="contract_party_unique")
        ]
        verbose_name = _("contract party")
        verbose_name_plural = _("contract parties")

    def __str__(self) -> str:
        return self.party.name


class Section(Audited):
    """A numbered section of a contract, under its parent section (none at the top)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    subject = models.CharField(
        _("subject"),
        max_length=120,
        blank=True,
        help_text=_("A canonical subject of the programme's template"),
    )
    writer = models.CharField(_("written by"), max_length=16, choices=Writer.choices)
    position = models.PositiveIntegerField(_("position"), default=0)

    ENTERED = ("number", "title", "text", "subject", "writer")

    class Meta:
        ordering = ["contract", "position", "id"]
        verbose_name = _("contract section")
        verbose_name_plural = _("contract sections")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def level(self) -> int:
        return self.number.count(".") + 1 if self.number else 1


class SectionLink(Audited):
    """A section's link to one of the platform's objects, or to a document by its address."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices)
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.CASCADE, related_name="contract_links"
    )
    action_plan = models.ForeignKey(
        ActionPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="contract_links"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="contract_links"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="contract_links"
    )
    investment_plan = models.ForeignKey(
        InvestmentPlan,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contract_links",
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    ENTERED = (
        "kind",
        "target_id",
        "action_plan_id",
        "measure_id",
        "indicator_id",
        "investment_plan_id",
        "url",
        "title",
    )
    #: The field that holds the linked object, by kind.
    OBJECT_FIELDS = {
        LinkKind.TARGET: "target",
        LinkKind.ACTION_PLAN: "action_plan",
        LinkKind.MEASURE: "measure",
        LinkKind.INDICATOR: "indicator",
        LinkKind.INVESTMENT_PLAN: "investment_plan",
    }

    class Meta:
        ordering = ["section", "position", "id"]
        verbose_name = _("section link")
        verbose_name_plural = _("section links")

    def __str__(self) -> str:
        linked = self.linked
        return self.title or (str(linked) if linked is not None else self.url)

    @property
    def linked(self) -> models.Model | None:
        """The linked object (None for a document)."""
        field = self.OBJECT_FIELDS.get(LinkKind(self.kind))
        return getattr(self, field) if field else None


class Commitment(Audited):
    """A sentence a party commits to in a section, with the year it is due (when said)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="commitments")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    party = models.ForeignKey(ContractParty, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("commitment"), max_length=2000)
    due_year = models.PositiveSmallIntegerField(_("due year"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    ENTERED = ("section_id", "party_id", "text", "due_year")

    class Meta:
        ordering = ["contract", "position", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 60 else f"{self.text[:59]}…"


class CommitmentStatus(models.Model):
    """Where a commitment stood in a year, with a comment (its commitment's version counts
    each change)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="statuses")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=12, choices=CommitmentState.choices)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        ordering = ["commitment", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "year"], name="commitment_status_year_unique"
            )
        ]
        verbose_name = _("commitment status")
        verbose_name_plural = _("commitment statuses")

    def __str__(self) -> str:
        return f"{self.year}: {self.get_status_display()}"


class TemplateSubject(Audited):
    """The programme office's addition to the template of subjects, or its edit of a subject of
    ``subjects.json`` (then only the names and keywords count: the file keeps its place and
    writer). Laid over the file by :mod:`klimatlaget.contracts.subjects`."""

    key = models.CharField(_("id"), max_length=120, unique=True)
    party = models.CharField(_("written by"), max_length=16, choices=Writer.choices)
    order = models.PositiveIntegerField(_("order"))
    name_sv = models.CharField(_("Swedish name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    #: Title keywords per language ({"sv": [...], "en": [...]}), as in the file.
    keywords = models.JSONField(_("keywords"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = ("key", "party", "order", "name_sv", "name_en", "keywords")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("template subject")
        verbose_name_plural = _("template subjects")

    def __str__(self) -> str:
        return self.key


class PendingImport(models.Model):
    """A contract's file read and shown for review, waiting to be confirmed (at most once,
    within :data:`EXPIRES_AFTER`): what is stored is exactly what was reviewed, without the
    file being sent again."""

    #: How long a review may be confirmed.
    EXPIRES_AFTER = datetime.timedelta(hours=24)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pending_contract_imports"
    )
    year = models.PositiveSmallIntegerField(_("year of the version"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file = models.CharField(_("source document"), max_length=500)
    preamble = models.TextField(blank=True)
    #: The sections read: ``[{"number", "title", "text", "subject"}]`` in document order.
    sections = models.JSONField(default=list)
    #: What the reader doubted: ``[{"line", "message"}]``.
    problems = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: When it was stored (a review is confirmed once).
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contract import awaiting review")
        verbose_name_plural = _("contract imports awaiting review")

    def __str__(self) -> str:
        return f"{self.file} ({self.year})"

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + self.EXPIRES_AFTER

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @staticmethod
    def held(parsed: ParsedContract) -> dict[str, Any]:
        """The fields that keep ``parsed``."""
        return {
            "preamble": parsed.preamble,
            "sections": [
                {"number": s.number, "title": s.title, "text": s.text, "subject": s.subject}
                for s in parsed.sections
            ],
            "problems": [{"line": p.line, "message": p.message} for p in parsed.problems],
        }

    @property
    def parsed(self) -> ParsedContract:
        """The contract as it was read and reviewed."""
        return ParsedContract(
            [ParsedSection(**section) for section in self.sections],
            self.preamble,
            [ParseProblem(**problem) for problem in self.problems],
        )
