import pytest

from klimatlaget.demo.association import load_demo_association_and_targets
from klimatlaget.organisations.models import Organisation


@pytest.fixture
def strandhamn(users):
    """Strandhamn (9102) of the example dataset with its plans, measures, indicators and
    investment plan (version 1 adopted, version 2 a draft)."""
    load_demo_association_and_targets(example=True, say=lambda _text: None)
    return Organisation.objects.get(code="9102")
