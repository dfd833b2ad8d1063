"""A contract's sections in the programme's order, worked by hand."""

from klimatlaget.calc.contract_order import OrderedItem, programme_order

#: The places of the subjects among their siblings, as in the template.
PLACES = {"purpose": 10, "parties": 20, "municipality": 30, "targets": 10, "digital": 60}


def test_siblings_follow_the_template_and_children_their_parent():
    # The contract: 1 municipality (1.1 digital, 1.2 targets, 1.3 unknown), 2 purpose,
    # 3 parties. The programme: purpose, parties, municipality (targets, then the unknown one,
    # which stays right after targets, the sibling it follows in the contract, then digital).
    items = [
        OrderedItem("1", None, "municipality"),
        OrderedItem("1.1", "1", "digital"),
        OrderedItem("1.2", "1", "targets"),
        OrderedItem("1.3", "1", ""),
        OrderedItem("2", None, "purpose"),
        OrderedItem("3", None, "parties"),
    ]
    assert programme_order(items, PLACES.get) == ["2", "3", "1", "1.2", "1.3", "1.1"]


def test_unknown_subjects_at_the_start_stay_first_and_ties_keep_the_contract_s_order():
    items = [
        OrderedItem("a", None, "unknown"),
        OrderedItem("b", None, "parties"),
        OrderedItem("c", None, "purpose"),
        OrderedItem("d", None, "purpose"),
    ]
    assert programme_order(items, PLACES.get) == ["a", "c", "d", "b"]


def test_a_section_whose_parent_is_missing_is_placed_at_the_top():
    items = [OrderedItem("x", "gone", "parties"), OrderedItem("y", None, "purpose")]
    assert programme_order(items, PLACES.get) == ["y", "x"]
