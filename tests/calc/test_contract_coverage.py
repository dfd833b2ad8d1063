"""Which subjects the cities' contracts cover, worked by hand."""

from klimatlaget.calc.contract_coverage import city_coverage, covered_subjects


def test_a_section_covers_its_subject_and_the_subjects_above_it():
    assert covered_subjects(["municipality.strategy.mobility", "purpose", ""]) == {
        "municipality.strategy.mobility",
        "municipality.strategy",
        "municipality",
        "purpose",
    }


def test_a_city_sees_first_what_most_others_cover():
    # Kalmar lacks "b", which both others cover, and "c", which one covers; all cover "a".
    coverage = {"kalmar": {"a"}, "lund": {"a", "b", "c"}, "umea": {"a", "b"}}
    rows = city_coverage("kalmar", coverage, ["c", "a", "b", "d"])
    assert [(r.subject, r.covered, r.others_covering, r.others) for r in rows] == [
        ("a", True, 2, 2),
        ("b", False, 2, 2),
        ("c", False, 1, 2),
        ("d", False, 0, 2),
    ]
