"""The login throttle, through HTTP: each failure from an address doubles its wait, an account fails at most
five times a window from addresses it was never used from, an official keeps logging in from the address
they work from while someone else guesses their password, and requests racing each other check no more
passwords than the limits allow (counted at the password hasher, on SQLite and PostgreSQL)."""
import threading
import time
from dataclasses import replace
from datetime import timedelta

from engine.people.users import DEMO_PASSWORD
from engine.services import build_services
from server import create_app
from tests import conftest
from tests.trust.helpers import PASSWORD, new_user, sql

TOKEN = "/api/v1/auth/token"
WINDOW = 15 * 60


def login(client, username, password, address):
    return client.post(TOKEN, json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


class CountingPasswords:
    """`services.passwords`, counting the password checks and taking about as long as Argon2 takes in
    production, so that racing requests overlap as they would there."""

    def __init__(self, inner):
        self.inner, self.checks, self._lock = inner, 0, threading.Lock()

    def _check(self):
        with self._lock:
            self.checks += 1
        time.sleep(0.05)

    def verify(self, password_hash, password):
        self._check()
        return self.inner.verify(password_hash, password)

    def spend_like_a_check(self, password):
        self._check()
        self.inner.spend_like_a_check(password)

    def hash(self, password):
        return self.inner.hash(password)


def race(app, requests) -> list[int]:
    """Send `(username, password, address)` requests at once, each from a client of its own: the statuses."""
    barrier, statuses = threading.Barrier(len(requests)), [None] * len(requests)

    def send(index, username, password, address):
        client = app.test_client()
        barrier.wait()
        statuses[index] = login(client, username, password, address).status_code

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_each_failure_from_an_address_doubles_its_wait(client, clock):
    waits = []
    for index in range(8):
        assert login(client, f"khong_co_{index}", "sai", "203.0.113.5").status_code == 401
        held = login(client, f"khong_co_{index + 100}", "sai", "203.0.113.5")
        assert held.status_code == 429 and held.get_json()["error"]["code"] == "too_many_attempts"
        waits.append(int(held.headers["Retry-After"]))
        clock.advance(seconds=waits[-1] - 1)
        assert login(client, "khong_co", "sai", "203.0.113.5").status_code == 429  # not a second early
        clock.advance(seconds=1)
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128]
    assert login(client, "chu_tich", DEMO_PASSWORD, "203.0.113.6").status_code == 200  # another address


def test_an_address_fails_at_most_its_limit_in_a_window_whatever_the_delay(database_url, clock):
    services = build_services(replace(conftest.test_settings(database_url), login_address_delay_seconds=0), clock=clock)
    try:
        client = create_app(services=services).test_client()
        for index in range(20):
            assert login(client, f"khong_co_{index}", "sai", "10.9.8.7").status_code == 401
        held = login(client, "chu_tich", DEMO_PASSWORD, "10.9.8.7")
        assert held.status_code == 429 and int(held.headers["Retry-After"]) == WINDOW
        assert login(client, "chu_tich", DEMO_PASSWORD, "10.9.8.8").status_code == 200
    finally:
        services.close()


def test_five_failures_from_unknown_addresses_lock_the_account_for_them_with_retry_after(client, services, clock):
    username, _ = new_user(services, client)  # logged in once, from 127.0.0.1
    for index in range(5):
        assert login(client, username, "sai-mat-khau", f"198.51.100.{index}").status_code == 401
    locked = login(client, username, PASSWORD, "198.51.100.99")
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) == WINDOW
    assert login(client, username, PASSWORD, "127.0.0.1").status_code == 200  # the address it works from
    clock.advance(minutes=10)
    assert int(login(client, username, PASSWORD, "198.51.100.99").headers["Retry-After"]) == 5 * 60
    clock.advance(minutes=5, seconds=1)
    assert login(client, username, PASSWORD, "198.51.100.99").status_code == 200


def test_an_attacker_cannot_lock_the_chairman_out_of_the_address_he_works_from(client, clock):
    """The attacker at A guesses 50 times as fast as the throttle lets him; the Chairman logs in from B, where
    he logged in before, whenever he likes. A never-seen address is held back while A spends the budget."""
    assert login(client, "chu_tich", DEMO_PASSWORD, "192.0.2.20").status_code == 200  # B, his office
    checked, started = [], clock.now()
    for attempt in range(50):
        response = login(client, "chu_tich", "doan-mo", "192.0.2.66")
        if response.status_code == 401:
            checked.append(clock.now())
            if len(checked) == 5:  # the account's budget is spent: a never-seen address is held back
                assert login(client, "chu_tich", DEMO_PASSWORD, "192.0.2.99").status_code == 429
        else:
            assert response.status_code == 429
            clock.advance(seconds=int(response.headers["Retry-After"]))
        if attempt % 10 == 5:
            assert login(client, "chu_tich", DEMO_PASSWORD, "192.0.2.20").status_code == 200
    for moment in checked:  # never more than five guesses in any window
        assert sum(1 for other in checked if timedelta(0) <= moment - other < timedelta(seconds=WINDOW)) <= 5
    assert len(checked) <= 5 * ((clock.now() - started).total_seconds() // WINDOW + 1)


def test_many_addresses_together_check_no_more_passwords_than_the_accounts_budget(client):
    assert login(client, "chu_tich", DEMO_PASSWORD, "192.0.2.20").status_code == 200
    statuses = [login(client, "chu_tich", "doan-mo", f"100.64.{i // 250}.{i % 250}").status_code for i in range(60)]
    assert statuses.count(401) == 5 and statuses.count(429) == 55
    assert login(client, "chu_tich", DEMO_PASSWORD, "192.0.2.20").status_code == 200


def test_racing_wrong_passwords_check_no_more_passwords_than_the_limits(app, client, services):
    """30 at once from 30 addresses: at most the account's five; 30 at once from one address, each on another
    account: at most the address's twenty (fewer when some fail before others are counted: the doubling)."""
    counting = services.passwords = CountingPasswords(services.passwords)
    statuses = race(app, [("chu_tich", "doan-mo", f"100.64.1.{i}") for i in range(30)])
    assert counting.checks <= 5 and statuses.count(401) == counting.checks
    assert statuses.count(429) == 30 - counting.checks
    counting.checks = 0
    statuses = race(app, [(f"khong_co_{i}", "sai", "100.64.2.1") for i in range(30)])
    assert counting.checks <= 20 and statuses.count(401) == counting.checks
    assert statuses.count(429) == 30 - counting.checks
    expected = WINDOW if counting.checks == 20 else min(WINDOW, 2 ** (counting.checks - 1))  # cap, or delay
    assert int(login(client, "khong_co", "sai", "100.64.2.1").headers["Retry-After"]) == expected


def test_people_logging_in_together_from_one_address_do_not_hold_each_other_back(app, services):
    """A commune office behind one address at eight in the morning: attempts being checked count toward the
    limits, but only failures make the address wait."""
    services.passwords = CountingPasswords(services.passwords)
    people = ["tiep_cong_dan", "chu_tich", "van_phong", "kiem_tra", "quan_tri", "can_bo_xac_minh"]
    assert race(app, [(username, DEMO_PASSWORD, "192.0.2.1") for username in people]) == [200] * len(people)


def test_a_success_forgets_its_own_failures_from_that_address(client, services, clock):
    username, _ = new_user(services, client)
    for _ in range(3):
        assert login(client, username, "sai", "127.0.0.1").status_code == 401
        clock.advance(seconds=int(login(client, username, "sai", "127.0.0.1").headers["Retry-After"]))
    assert login(client, username, PASSWORD, "127.0.0.1").status_code == 200
    assert login(client, username, "sai", "127.0.0.1").status_code == 401
    assert int(login(client, username, "sai", "127.0.0.1").headers["Retry-After"]) == 1  # counting from one


def test_known_addresses_are_kept_as_keyed_hashes_never_in_clear(client, services):
    username, _ = new_user(services, client)
    assert login(client, username, PASSWORD, "192.0.2.123").status_code == 200
    rows = sql(services, "SELECT username, marker FROM login_known_addresses WHERE username = :u",
               u=username).all()
    assert len(rows) == 2 and all(len(marker) == 64 and "192.0.2" not in marker for _, marker in rows)


def test_someone_back_after_the_known_address_window_logs_in_from_the_same_address(client, services, clock):
    """An address last used longer ago than the window is forgotten and remembered anew in one login (it had
    been updated and deleted in one transaction: a 500 on every later login from it, a lockout for anyone
    back from a long leave)."""
    username, _ = new_user(services, client)
    assert login(client, username, PASSWORD, "192.0.2.7").status_code == 200
    clock.advance(days=services.settings.login_known_address_days + 1)
    assert login(client, username, PASSWORD, "192.0.2.7").status_code == 200
    assert login(client, username, PASSWORD, "192.0.2.7").status_code == 200
