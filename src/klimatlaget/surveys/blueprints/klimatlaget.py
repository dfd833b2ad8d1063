"""The annual survey "Klimatläget": the members' targets and work theme by theme.

The questions follow the results section of Klimatkommunerna's annual report 2024 ("Klimatläget
2024"): every headline statement there ("21 members have overarching targets fully in line
with a fair 1.5 °C target", "17 have quantified food targets", "21 have energy-saving targets in
percent and 9 in kWh per square metre" …) is the count of yes answers to one yes/no question
here, so the report can be computed from the answers. Questions the platform can answer from
its own data name a ``prefill`` source (targets, Paris verdict, emissions, action plans and the
follow-up of measures).
"""

from __future__ import annotations

from typing import Any

from klimatlaget.surveys.blueprints import english

Item = dict[str, Any]

#: The yearly theme by survey year; a year not listed gets the latest theme before it (the
#: secretariat changes it while the survey is a draft).
THEMES: dict[int, str] = {2024: "walking", 2025: "walking"}

FIRST_TARGET_YEAR = 2020
LAST_TARGET_YEAR = 2060
FIRST_BASE_YEAR = 1990


def _choices(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"key": key, "label": label} for key, label in pairs]


def _when(question: str, equals: Any = True) -> dict[str, Any]:
    return {"question": question, "equals": equals}


def yes_no(key: str, text: str, **extra: Any) -> Item:
    return {"key": key, "kind": "yes_no", "text": text, **extra}


def number(key: str, text: str, unit: str, minimum: float, maximum: float, **extra: Any) -> Item:
    return {
        "key": key,
        "kind": "number",
        "text": text,
        "unit": unit,
        "minimum": minimum,
        "maximum": maximum,
        **extra,
    }


def percent(key: str, text: str, **extra: Any) -> Item:
    return number(key, text, "%", 0, 100, **extra)


def _overall(year: int) -> Item:
    exists = "overall_target_exists"
    return {
        "key": "overall",
        "title": "Övergripande klimatmål",
        "description": "Kommunens övergripande mål för utsläppen av växthusgaser.",
        "questions": [
            yes_no(
                exists,
                "Har kommunen ett politiskt beslutat övergripande klimatmål för utsläppen av "
                "växthusgaser?",
                required=True,
            ),
            number(
                "overall_target_count",
                "Hur många beslutade klimatmål gäller i dag?",
                "st",
                0,
                100,
                prefill="target_count",
                condition=_when(exists),
                help_text="Förifyllt från plattformens målregister; rätta om det inte stämmer.",
            ),
            {
                "key": "overall_target_summary",
                "kind": "text",
                "text": "Beskriv kortfattat kommunens klimatmål.",
                "prefill": "target_summary",
                "condition": _when(exists),
            },
            {
                "key": "overall_target_year",
                "kind": "year",
                "text": "Vilket år ska det övergripande klimatmålet vara nått?",
                "required": True,
                "minimum": FIRST_TARGET_YEAR,
                "maximum": LAST_TARGET_YEAR,
                "condition": _when(exists),
            },
            yes_no(
                "overall_target_paris_aligned",
                "Är det övergripande klimatmålet helt i linje med ett rättvist 1,5-gradersmål "
                "enligt Parisavtalet?",
                prefill="paris_verdict",
                condition=_when(exists),
                help_text="Förifyllt med plattformens bedömning av de registrerade målen.",
            ),
            yes_no(
                "overall_target_paris_partly",
                "Är klimatmålet delvis i linje med Parisavtalet?",
                condition=_when("overall_target_paris_aligned", False),
            ),
            yes_no(
                "climate_neutrality_target",
                "Har kommunen ett mål om klimatneutralitet (nettonollutsläpp)?",
                condition=_when(exists),
            ),
            {
                "key": "targets",
                "kind": "table",
                "text": "Kommunens klimatmål, ett mål per rad.",
                "condition": _when(exists),
                "max_rows": 20,
                "columns": [
                    {
                        "key": "scope",
                        "label": "Omfattning",
                        "kind": "single_choice",
                        "required": True,
                        "choices": _choices(
                            ("territory", "Hela kommunens geografiska område"),
                            ("organisation", "Den egna organisationen"),
                            ("consumption", "Konsumtionsbaserade utsläpp"),
                            ("other", "Annat"),
                        ),
                    },
                    {
                        "key": "base_year",
                        "label": "Basår",
                        "kind": "year",
                        "minimum": FIRST_BASE_YEAR,
                        "maximum": year,
                    },
                    {
                        "key": "target_year",
                        "label": "Målår",
                        "kind": "year",
                        "required": True,
                        "minimum": FIRST_TARGET_YEAR,
                        "maximum": LAST_TARGET_YEAR,
                    },
                    {
                        "key": "reduction_pct",
                        "label": "Minskning",
                        "kind": "number",
                        "unit": "%",
                        "minimum": 0,
                        "maximum": 100,
                    },
                ],
            },
            {
                "key": "climate_plan_status",
                "kind": "single_choice",
                "text": "Har kommunen en klimatstrategi eller klimatplan?",
                "required": True,
                "prefill": "action_plan",
                "help_text": "Förifyllt från plattformens register över handlingsplaner; rätta "
                "om det inte stämmer.",
                "choices": _choices(
                    ("adopted", "Ja, politiskt antagen"),
                    ("working_document", "Ja, som arbetsmaterial"),
                    ("in_preparation", "Den tas fram"),
                    ("none", "Nej"),
                ),
            },
            {
                "key": "climate_plan_adopted_year",
                "kind": "year",
                "text": "Vilket år antogs klimatstrategin eller klimatplanen?",
                "minimum": FIRST_BASE_YEAR,
                "maximum": year,
                "condition": _when("climate_plan_status", "adopted"),
                "prefill": "action_plan_year",
            },
            {
                "key": "climate_plan_link",
                "kind": "link",
                "text": "Länk till kommunens klimatstrategi eller klimatplan.",
                "prefill": "action_plan_link",
            },
            yes_no(
                "climate_plan_followed_up",
                "Följer kommunen regelbundet upp klimatarbetets åtgärder, till exempel varje "
                "kvartal eller år?",
                prefill="follow_up_regular",
                help_text="Förifyllt från plattformens uppföljning av åtgärder; rätta om det "
                "inte stämmer.",
            ),
            {
                "key": "climate_strategy_file",
                "kind": "file",
                "text": "Ladda upp klimatstrategin eller klimatplanen (om den inte finns på "
                "webben).",
                "file_types": ["pdf", "docx", "odt"],
            },
        ],
    }


def _emissions() -> Item:
    return {
        "key": "emissions",
        "title": "Utsläpp",
        "description": "Förifyllt från SMHI:s nationella emissionsdatabas; bekräfta eller rätta.",
        "questions": [
            yes_no(
                "emissions_inventoried",
                "Följer kommunen upp de territoriella utsläppen av växthusgaser, till exempel "
                "med Nationella emissionsdatabasen?",
                required=True,
                prefill="emissions_inventoried",
            ),
            number(
                "emissions_latest",
                "Kommunens territoriella utsläpp det senaste redovisade året.",
                "ton CO2e",
                0,
                100_000_000,
                prefill="emissions_latest",
                condition=_when("emissions_inventoried"),
            ),
            number(
                "emissions_change_1990",
                "Förändring av utsläppen sedan 1990.",
                "%",
                -100,
                500,
                prefill="emissions_change_1990",
                condition=_when("emissions_inventoried"),
                help_text="Negativt tal: utsläppen har minskat.",
            ),
        ],
    }


def _households() -> Item:
    quantified = "household_target_quantified"
    return {
        "key": "households",
        "title": "Hushållens konsumtion",
        "questions": [
            yes_no(
                quantified,
                "Har kommunen ett kvantifierat mål om att hushållens klimatpåverkan ska minska?",
                required=True,
            ),
            yes_no(
                "household_covered_by_neutrality",
                "Omfattas hushållens konsumtionsutsläpp av ett mål om klimatneutralitet?",
                condition=_when(quantified, False),
            ),
            {
                "key": "household_measures",
                "kind": "multiple_choice",
                "text": "Vilka åtgärder riktar sig till hushållens konsumtion?",
                "choices": _choices(
                    ("information", "Information och kampanjer"),
                    ("climate_calculator", "Klimatkalkylator eller klimatcoachning"),
                    ("sharing", "Delning, uthyrning eller fritidsbank"),
                    ("reuse", "Återbruk och reparation"),
                    ("other", "Annat"),
                ),
            },
        ],
    }


def _food() -> Item:
    quantified = "food_target_quantified"
    return {
        "key": "food",
        "title": "Mat",
        "questions": [
            yes_no(
                quantified,
                "Har kommunen ett eller flera siffersatta klimatmål för livsmedel?",
                required=True,
            ),
            percent(
                "food_target_reduction_pct",
                "Hur mycket ska klimatpåverkan från livsmedel minska enligt målet?",
                condition=_when(quantified),
            ),
            yes_no(
                "food_target_qualitative",
                "Finns skrivningar om att minska klimatpåverkan från livsmedel, eller mål som "
                "inte är siffersatta?",
                condition=_when(quantified, False),
            ),
            {
                "key": "food_measures",
                "kind": "multiple_choice",
                "text": "Vilka åtgärder genomförs för maten i kommunens verksamheter?",
                "choices": _choices(
                    ("climate_calculation", "Klimatberäkning av måltider"),
                    ("more_vegetarian", "Mer vegetariskt"),
                    ("food_waste", "Minskat matsvinn"),
                    ("procurement", "Klimatkrav vid upphandling"),
                    ("other", "Annat"),
                ),
            },
        ],
    }


def _mobility() -> Item:
    quantified = "transport_target_quantified"
    return {
        "key": "mobility",
        "title": "Mobilitet och transporter",
        "questions": [
            yes_no(
                quantified,
                "Har kommunen ett kvantifierat mål om utsläppsminskning från transportsektorn?",
                required=True,
            ),
            percent(
                "transport_target_reduction_pct",
                "Hur mycket ska utsläppen från transporter minska enligt målet?",
                condition=_when(quantified),
            ),
            {
                "key": "transport_target_year",
                "kind": "year",
                "text": "Vilket år ska transportmålet vara nått?",
                "minimum": FIRST_TARGET_YEAR,
                "maximum": LAST_TARGET_YEAR,
                "condition": _when(quantified),
            },
            yes_no(
                "modal_split_target",
                "Har kommunen mål om färdmedelsfördelning eller minskat trafikarbete?",
                required=True,
            ),
            {
                "key": "mobility_measures",
                "kind": "multiple_choice",
                "text": "Vilka åtgärder genomförs för hållbara resor och transporter?",
                "choices": _choices(
                    ("cycling", "Satsningar på cykel"),
                    ("public_transport", "Bättre kollektivtrafik"),
                    ("parking", "Parkeringsstrategi eller parkeringsavgifter"),
                    ("charging", "Laddinfrastruktur"),
                    ("renewable_fuels", "Förnybara drivmedel"),
                    ("other", "Annat"),
                ),
            },
        ],
    }


def _energy() -> Item:
    percent_target = "energy_saving_target_percent"
    kwh_target = "energy_saving_target_kwh_m2"
    return {
        "key": "energy",
        "title": "Energi",
        "questions": [
            yes_no(
                percent_target,
                "Har kommunen mål om energibesparing uttryckt i procent?",
                required=True,
            ),
            percent(
                "energy_saving_pct",
                "Hur stor energibesparing (i procent) ska nås enligt målet?",
                condition=_when(percent_target),
            ),
            yes_no(
                kwh_target,
                "Har kommunen mål om energibesparing uttryckt i kWh per kvadratmeter?",
                required=True,
            ),
            number(
                "energy_use_target_kwh_m2",
                "Vilken energianvändning per kvadratmeter ska nås enligt målet?",
                "kWh/m²",
                0,
                500,
                condition=_when(kwh_target),
            ),
            yes_no(
                "renewable_energy_target",
                "Har kommunen mål om att öka andelen förnybar energiproduktion i kommunen?",
                required=True,
            ),
            yes_no("solar_target", "Har kommunen mål om att öka specifikt solel?"),
            yes_no("wind_target", "Har kommunen särskilda mål för vindkraft?"),
            yes_no("biogas_target", "Har kommunen särskilda mål för biogas?"),
        ],
    }


def _building() -> Item:
    return {
        "key": "building",
        "title": "Byggande",
        "questions": [
            yes_no(
                "building_certification_target",
                "Har kommunen mål om klimat- eller miljöcertifiering av egna byggnader?",
                required=True,
            ),
            yes_no("timber_building_target", "Har kommunen mål för träbyggnation?", required=True),
            yes_no(
                "construction_reuse_target",
                "Har kommunen specifika mål om återbruk kopplat till byggnation?",
                required=True,
            ),
        ],
    }


def _business() -> Item:
    return {
        "key": "business",
        "title": "Näringsliv",
        "questions": [
            {
                "key": "business_cooperation",
                "kind": "multiple_choice",
                "text": "Hur samverkar kommunen med näringslivet i klimatfrågan?",
                "choices": _choices(
                    ("knowledge", "Kunskapsbyggande aktiviteter för eller med näringslivet"),
                    ("building", "Samverkan kring bygg"),
                    ("energy", "Samverkan kring energi"),
                    ("transport", "Samverkan kring transporter"),
                    ("climate_pact", "Klimatpakt, klimatlöften eller liknande nätverk"),
                    ("none", "Ingen samverkan ännu"),
                ),
            },
            {
                "key": "business_example",
                "kind": "text",
                "text": "Beskriv gärna ett exempel på samverkan med näringslivet.",
            },
        ],
    }


def _walking() -> Item:
    target = "walking_target"
    return {
        "key": "theme",
        "title": "Årets tema: gång",
        "description": "Mål och åtgärder för att få fler att gå.",
        "questions": [
            yes_no(target, "Har kommunen mål om att öka andelen resor till fots?"),
            percent(
                "walking_target_share_pct",
                "Vilken andel av resorna ska göras till fots enligt målet?",
                condition=_when(target),
            ),
            yes_no("walking_strategy", "Har kommunen en gångstrategi eller gångplan?"),
            {
                "key": "walking_measures",
                "kind": "multiple_choice",
                "text": "Vilka åtgärder genomförs för att få fler att gå?",
                "choices": _choices(
                    ("walkways", "Fler och bredare gångbanor"),
                    ("winter_maintenance", "Bättre vinterväghållning för gående"),
                    ("lower_speeds", "Sänkta hastigheter"),
                    ("school_routes", "Säkra skolvägar"),
                    ("campaigns", "Kampanjer och information"),
                    ("other", "Annat"),
                ),
            },
            number(
                "walking_investment_sek",
                "Hur mycket investerar kommunen i år i åtgärder för gående?",
                "kr",
                0,
                10_000_000_000,
            ),
        ],
    }


THEME_SECTIONS = {"walking": _walking}


def theme_of(year: int) -> str:
    earlier = [y for y in THEMES if y <= year]
    return THEMES[max(earlier)] if earlier else THEMES[min(THEMES)]


def _other() -> Item:
    return {
        "key": "other",
        "title": "Övrigt",
        "questions": [
            {
                "key": "comment",
                "kind": "text",
                "text": "Något mer ni vill berätta om kommunens klimatarbete?",
            }
        ],
    }


def definition(year: int) -> dict[str, Any]:
    sections = {**english.KLIMATLAGET_SECTIONS, "theme": english.THEMES[theme_of(year)]}
    return english.with_english(
        _swedish(year),
        sections,
        english.KLIMATLAGET_QUESTIONS,
        english.KLIMATLAGET_LABELS,
        english.KLIMATLAGET_COLUMN_CHOICES,
    )


def _swedish(year: int) -> dict[str, Any]:
    return {
        "title": f"Klimatläget {year}",
        "introduction": (
            "Klimatläget är Klimatkommunernas årliga översikt över medlemmarnas klimatarbete. "
            "Svaren sammanställs i rapporten Klimatläget. Frågor som plattformen kan besvara "
            "är förifyllda: bekräfta eller rätta dem innan ni skickar in."
        ),
        "sections": [
            _overall(year),
            _emissions(),
            _households(),
            _food(),
            _mobility(),
            _energy(),
            _building(),
            _business(),
            THEME_SECTIONS[theme_of(year)](),
            _other(),
        ],
    }
