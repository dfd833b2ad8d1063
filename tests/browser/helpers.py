"""Steps shared by the browser tests."""


def log_in(page, username: str, next_url: str) -> None:
    """Log in through the (Swedish) login form as a test user (password "pw-" + name) and wait
    for ``next_url``."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("pw-" + username)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"**{next_url}")
