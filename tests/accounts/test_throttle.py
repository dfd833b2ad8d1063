"""Password spraying: one address guessing at many accounts is stopped, other addresses are not."""

import pytest

LOGIN = "/accounts/login/"


def fail(client, username, address):
    return client.post(LOGIN, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def log_in(client, username, address):
    return client.post(
        LOGIN, {"username": username, "password": f"pw-{username}"}, REMOTE_ADDR=address
    )


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.KLIMATLAGET_ADDRESS_FAILURE_LIMIT = 20
    return settings


def test_failures_across_usernames_lock_the_address(client, users, limits):
    for number in range(19):  # a guess or two at many accounts: below every per-user limit
        assert fail(client, f"victim{number % 10}", "203.0.113.7").status_code == 200
    assert log_in(client, "alice", "203.0.113.7").status_code == 302  # 19 failures: still open
    client.logout()
    assert fail(client, "victim0", "203.0.113.7").status_code == 429  # the 20th locks it
    assert log_in(client, "bob", "203.0.113.7").status_code == 429
    assert "_auth_user_id" not in client.session
    assert log_in(client, "bob", "198.51.100.2").status_code == 302  # another address may


def test_the_per_user_limit_still_applies_below_the_address_limit(client, users, limits):
    for _attempt in range(5):
        fail(client, "alice", "203.0.113.8")
    assert log_in(client, "alice", "203.0.113.8").status_code == 429
    assert log_in(client, "bob", "203.0.113.8").status_code == 302


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(rf, settings):
    from klimatlaget.accounts.throttle import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.KLIMATLAGET_TRUST_X_FORWARDED_FOR = False
    assert client_ip(request) == "10.0.0.1"
    settings.KLIMATLAGET_TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "203.0.113.9"  # the proxy's entry, not the client's claim
