from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _


class GapSnapshotQuerySet(models.QuerySet["GapSnapshot"]):
    def of_horizon(self, horizon_months: int) -> Self:
        """The snapshots taken over ``horizon_months``, newest first."""
        return self.filter(horizon_months=horizon_months).order_by("-month")


class GapSnapshot(models.Model):
    """The gap table as it stood in one month, stored by a beat task (one per month)."""

    month = models.DateField(_("month"), unique=True, help_text="The first day of the month.")
    horizon_months = models.PositiveSmallIntegerField(default=24)
    # {"cells": [[skill_id, country, demand, supply], …]} with country "" for the region.
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GapSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("gap snapshot")
        verbose_name_plural = _("gap snapshots")
        ordering = ["-month"]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")

    def region_totals(self) -> dict[int, tuple[float, float]]:
        """Region demand and supply per skill id."""
        return self.place_totals("")

    def place_totals(self, place: str) -> dict[int, tuple[float, float]]:
        """Demand and supply per skill id in ``place`` (a country, or "" for the region)."""
        return {
            skill: (demand, supply)
            for skill, country, demand, supply in self.data.get("cells", [])
            if country == place
        }

    def country_totals(self) -> dict[str, tuple[float, float]]:
        totals: dict[str, list[float]] = {}
        for _skill, country, demand, supply in self.data.get("cells", []):
            if country:
                pair = totals.setdefault(country, [0.0, 0.0])
                pair[0] += demand
                pair[1] += supply
        return {country: (d, s) for country, (d, s) in totals.items()}


class SupplyCell(models.Model):
    """The places of the published programmes teaching one skill at one level in one
    country (programmes with an annual intake): the supply side of the gap measure,
    kept up to date from the programmes by ``insights.supply``.

    The skill is held by its id, not a foreign key: a skill merge moves every
    reference to the merged skill (``core.relations``), and a derived row is not
    moved but computed again from the programmes' rows.
    """

    skill_id = models.BigIntegerField()
    country = models.CharField(max_length=2)
    level = models.PositiveSmallIntegerField()
    places = models.PositiveBigIntegerField(help_text="The sum of the programmes' intakes.")
    programmes = models.PositiveIntegerField()

    class Meta:
        # Never shown to people (no admin, no page): no words to translate.
        constraints = [
            models.UniqueConstraint(
                fields=["skill_id", "country", "level"], name="unique_supply_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill_id} {self.country} {self.level}: {self.places}"
