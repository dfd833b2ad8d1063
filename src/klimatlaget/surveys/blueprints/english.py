"""The English texts of the shipped templates, by key: English pages show them instead of the
Swedish ones (the survey's own language). A section or question not named here has none."""

from __future__ import annotations

from typing import Any

#: Section key: (title, description).
Sections = dict[str, tuple[str, str]]
#: Question key: (text, help text).
Questions = dict[str, tuple[str, str]]
#: (question key, choice or column key): label.
Labels = dict[tuple[str, str], str]

MEMBERSHIP_TEST_SECTIONS: Sections = {
    "decision": ("Political decision", ""),
    "inventory": ("Inventory of emissions", ""),
    "targets": ("Targets for the emissions", ""),
    "action_plan": ("Action plan and measures", ""),
    "reporting": ("Information to the association", ""),
}
MEMBERSHIP_TEST_QUESTIONS: Questions = {
    "political_decision": (
        "Has the municipality decided politically to work by Klimatkommunerna's membership "
        "requirements?",
        "",
    ),
    "decision_year": ("In which year was the decision made?", ""),
    "inventories_emissions": (
        "Does the municipality continuously inventory its greenhouse-gas emissions?",
        "",
    ),
    "latest_inventory_year": ("What is the latest year the emissions are inventoried for?", ""),
    "has_emission_targets": (
        "Has the municipality set targets to reduce its greenhouse-gas emissions?",
        "",
    ),
    "targets_link": ("Link to the adopted targets.", ""),
    "has_action_plan": (
        "Does the municipality have an action plan to reduce its emissions?",
        "Pre-filled from the platform's register of action plans; correct it if it is wrong.",
    ),
    "action_plan_link": ("Link to the action plan.", ""),
    "carries_out_measures": (
        "Does the municipality carry out measures to reduce emissions?",
        "Pre-filled from the platform's register of measures; correct it if it is wrong.",
    ),
    "measures_examples": ("Give a few examples of measures carried out in the last year.", ""),
    "reports_to_association": (
        "Does the municipality keep the association informed of its climate work, for example "
        "by answering Klimatläget?",
        "",
    ),
}

KLIMATLAGET_SECTIONS: Sections = {
    "overall": ("Overall climate target", "The municipality's overall greenhouse-gas target."),
    "emissions": (
        "Emissions",
        "Pre-filled from SMHI's national emissions database; confirm or correct.",
    ),
    "households": ("Household consumption", ""),
    "food": ("Food", ""),
    "mobility": ("Mobility and transport", ""),
    "energy": ("Energy", ""),
    "building": ("Construction", ""),
    "business": ("Business", ""),
    "other": ("Other", ""),
}
#: The yearly theme's section, by theme.
THEMES: Sections = {
    "walking": ("This year's theme: walking", "Targets and measures to get more people walking."),
}
KLIMATLAGET_QUESTIONS: Questions = {
    "overall_target_exists": (
        "Does the municipality have a politically adopted overall target for its greenhouse-gas "
        "emissions?",
        "",
    ),
    "overall_target_count": (
        "How many adopted climate targets apply today?",
        "Pre-filled from the platform's target register; correct it if it is wrong.",
    ),
    "overall_target_summary": ("Describe the municipality's climate targets briefly.", ""),
    "overall_target_year": ("By which year is the overall climate target to be met?", ""),
    "overall_target_paris_aligned": (
        "Is the overall climate target fully in line with a fair 1.5 °C target under the Paris "
        "Agreement?",
        "Pre-filled with the platform's judgement of the registered targets.",
    ),
    "overall_target_paris_partly": (
        "Is the climate target partly in line with the Paris Agreement?",
        "",
    ),
    "climate_neutrality_target": (
        "Does the municipality have a climate neutrality (net zero) target?",
        "",
    ),
    "targets": ("The municipality's climate targets, one per row.", ""),
    "climate_plan_status": (
        "Does the municipality have a climate strategy or climate plan?",
        "Pre-filled from the platform's register of action plans; correct it if it is wrong.",
    ),
    "climate_plan_adopted_year": (
        "In which year was the climate strategy or climate plan adopted?",
        "",
    ),
    "climate_plan_link": ("Link to the municipality's climate strategy or climate plan.", ""),
    "climate_plan_followed_up": (
        "Does the municipality follow up its climate measures regularly, for example every "
        "quarter or year?",
        "Pre-filled from the platform's follow-up of measures; correct it if it is wrong.",
    ),
    "climate_strategy_file": (
        "Upload the climate strategy or climate plan (if it is not on the web).",
        "",
    ),
    "emissions_inventoried": (
        "Does the municipality follow up its territorial greenhouse-gas emissions, for example "
        "with the national emissions database?",
        "",
    ),
    "emissions_latest": (
        "The municipality's territorial emissions in the latest year reported.",
        "",
    ),
    "emissions_change_1990": (
        "Change in emissions since 1990.",
        "A negative number: the emissions have fallen.",
    ),
    "household_target_quantified": (
        "Does the municipality have a quantified target to reduce the climate impact of "
        "households?",
        "",
    ),
    "household_covered_by_neutrality": (
        "Are the households' consumption emissions covered by a climate neutrality target?",
        "",
    ),
    "household_measures": ("Which measures address household consumption?", ""),
    "food_target_quantified": (
        "Does the municipality have one or more quantified climate targets for food?",
        "",
    ),
    "food_target_reduction_pct": (
        "By how much is the climate impact of food to fall under the target?",
        "",
    ),
    "food_target_qualitative": (
        "Are there statements about reducing the climate impact of food, or targets without "
        "figures?",
        "",
    ),
    "food_measures": ("Which measures are taken for the food in the municipality's services?", ""),
    "transport_target_quantified": (
        "Does the municipality have a quantified target to reduce emissions from transport?",
        "",
    ),
    "transport_target_reduction_pct": (
        "By how much are the emissions from transport to fall under the target?",
        "",
    ),
    "transport_target_year": ("By which year is the transport target to be met?", ""),
    "modal_split_target": (
        "Does the municipality have targets for the modal split or for less traffic?",
        "",
    ),
    "mobility_measures": ("Which measures are taken for sustainable travel and transport?", ""),
    "energy_saving_target_percent": (
        "Does the municipality have an energy-saving target in per cent?",
        "",
    ),
    "energy_saving_pct": ("How large an energy saving (in per cent) is the target?", ""),
    "energy_saving_target_kwh_m2": (
        "Does the municipality have an energy-saving target in kWh per square metre?",
        "",
    ),
    "energy_use_target_kwh_m2": ("Which energy use per square metre is the target?", ""),
    "renewable_energy_target": (
        "Does the municipality have a target to increase the share of renewable energy produced "
        "in the municipality?",
        "",
    ),
    "solar_target": ("Does the municipality have a target for solar power in particular?", ""),
    "wind_target": ("Does the municipality have targets of its own for wind power?", ""),
    "biogas_target": ("Does the municipality have targets of its own for biogas?", ""),
    "building_certification_target": (
        "Does the municipality have targets for climate or environmental certification of its "
        "own buildings?",
        "",
    ),
    "timber_building_target": ("Does the municipality have targets for building in wood?", ""),
    "construction_reuse_target": (
        "Does the municipality have targets for reuse in construction?",
        "",
    ),
    "business_cooperation": ("How does the municipality work with business on climate?", ""),
    "business_example": ("Describe an example of working with business, if you like.", ""),
    "walking_target": (
        "Does the municipality have a target to increase the share of trips on foot?",
        "",
    ),
    "walking_target_share_pct": ("Which share of trips is to be on foot under the target?", ""),
    "walking_strategy": ("Does the municipality have a walking strategy or walking plan?", ""),
    "walking_measures": ("Which measures are taken to get more people walking?", ""),
    "walking_investment_sek": (
        "How much does the municipality invest this year in measures for pedestrians?",
        "",
    ),
    "comment": ("Anything else you would like to tell about the municipality's climate work?", ""),
}
KLIMATLAGET_LABELS: Labels = {
    ("targets", "scope"): "Coverage",
    ("targets", "base_year"): "Base year",
    ("targets", "target_year"): "Target year",
    ("targets", "reduction_pct"): "Reduction",
    ("climate_plan_status", "adopted"): "Yes, politically adopted",
    ("climate_plan_status", "working_document"): "Yes, as a working document",
    ("climate_plan_status", "in_preparation"): "It is being prepared",
    ("climate_plan_status", "none"): "No",
    ("household_measures", "information"): "Information and campaigns",
    ("household_measures", "climate_calculator"): "Climate calculator or climate coaching",
    ("household_measures", "sharing"): "Sharing, renting or a leisure equipment library",
    ("household_measures", "reuse"): "Reuse and repair",
    ("household_measures", "other"): "Other",
    ("food_measures", "climate_calculation"): "Climate footprint of meals calculated",
    ("food_measures", "more_vegetarian"): "More vegetarian food",
    ("food_measures", "food_waste"): "Less food waste",
    ("food_measures", "procurement"): "Climate requirements in procurement",
    ("food_measures", "other"): "Other",
    ("mobility_measures", "cycling"): "Investment in cycling",
    ("mobility_measures", "public_transport"): "Better public transport",
    ("mobility_measures", "parking"): "Parking strategy or parking fees",
    ("mobility_measures", "charging"): "Charging infrastructure",
    ("mobility_measures", "renewable_fuels"): "Renewable fuels",
    ("mobility_measures", "other"): "Other",
    ("business_cooperation", "knowledge"): "Knowledge-building activities for or with business",
    ("business_cooperation", "building"): "Cooperation on construction",
    ("business_cooperation", "energy"): "Cooperation on energy",
    ("business_cooperation", "transport"): "Cooperation on transport",
    ("business_cooperation", "climate_pact"): "Climate pact, climate pledges or similar networks",
    ("business_cooperation", "none"): "No cooperation yet",
    ("walking_measures", "walkways"): "More and wider footways",
    ("walking_measures", "winter_maintenance"): "Better winter maintenance for pedestrians",
    ("walking_measures", "lower_speeds"): "Lower speeds",
    ("walking_measures", "school_routes"): "Safe routes to school",
    ("walking_measures", "campaigns"): "Campaigns and information",
    ("walking_measures", "other"): "Other",
}
#: The options of table columns, by their Swedish label.
KLIMATLAGET_COLUMN_CHOICES = {
    "Hela kommunens geografiska område": "The whole municipal territory",
    "Den egna organisationen": "The municipality's own organisation",
    "Konsumtionsbaserade utsläpp": "Consumption-based emissions",
    "Annat": "Other",
}


def with_english(
    definition: dict[str, Any],
    sections: Sections,
    questions: Questions,
    labels: Labels | None = None,
    column_choices: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``definition`` with the English texts added to its sections, questions and labels."""
    for section in definition["sections"]:
        section["title_en"], section["description_en"] = sections.get(section["key"], ("", ""))
        for question in section["questions"]:
            question["text_en"], question["help_text_en"] = questions.get(question["key"], ("", ""))
            for item in [*question.get("choices", []), *question.get("columns", [])]:
                item["label_en"] = (labels or {}).get((question["key"], item["key"]), "")
                for choice in item.get("choices", []):
                    choice["label_en"] = (column_choices or {}).get(choice["label"], "")
    return definition
