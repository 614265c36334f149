"""Password hashing with Argon2id, its cost a setting of the deployment.

Production keeps argon2-cffi's RFC 9106 defaults. The cost is read back from each stored hash when it is
verified, so a deployment may raise it later without invalidating anyone; the test suite lowers it, since
it creates and logs in hundreds of users and the cost there buys nothing.
"""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    def __init__(self, time_cost: int | None = None, memory_kib: int | None = None):
        options = {}
        if time_cost:
            options["time_cost"] = time_cost
        if memory_kib:
            options["memory_cost"] = memory_kib
            options["parallelism"] = 1
        self._hasher = PasswordHasher(**options)
        self._dummy = self._hasher.hash("not-a-real-password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def spend_like_a_check(self, password: str) -> None:
        """Do the work of a real check, so an unknown username answers as slowly as a wrong password."""
        self.verify(self._dummy, password)
