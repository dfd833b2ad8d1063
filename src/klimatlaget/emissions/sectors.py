"""SMHI's main sectors (Huvudsektor), stored under their Swedish names, shown translated."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SECTOR_LABELS: dict[str, Promise] = {
    "Arbetsmaskiner": _("Working machinery"),
    "Avfall (inkl.avlopp)": _("Waste (incl. sewage)"),
    "Egen uppvärmning av bostäder och lokaler": _("Own heating of homes and premises"),
    "El och fjärrvärme": _("Electricity and district heating"),
    "Industri (energi + processer)": _("Industry (energy and processes)"),
    "Jordbruk": _("Agriculture"),
    "Produktanvändning (inkl. lösningsmedel)": _("Product use (incl. solvents)"),
    "Transporter": _("Transport"),
    "Utrikes transporter": _("International transport"),
    "": _("Total (no sector split)"),
}


def sector_label(name: str) -> str:
    return str(SECTOR_LABELS.get(name, name))
