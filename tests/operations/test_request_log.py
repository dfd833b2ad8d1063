"""One log line per request, without the query string."""

import logging


def test_each_request_is_logged_once_without_its_query(client, users, caplog):
    caplog.set_level(logging.INFO, logger="klimatlaget.requests")
    client.get("/?token=secret-value")
    client.force_login(users["alice"])
    client.get("/o/9102/?email=alice@example.org")
    client.get("/no-such-page/")
    records = [r for r in caplog.records if r.name == "klimatlaget.requests"]
    assert [(r.method, r.path, r.status, r.user_id) for r in records] == [
        ("GET", "/", 200, None),
        ("GET", "/o/9102/", 200, users["alice"].pk),
        ("GET", "/no-such-page/", 404, users["alice"].pk),
    ]
    assert all(r.duration_ms >= 0 for r in records)
    text = caplog.text
    assert "secret-value" not in text and "alice@example.org" not in text
    assert "GET /o/9102/ 200" in text and f"user={users['alice'].pk}" in text
