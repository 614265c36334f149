"""A user's email address, where notifications are mailed (nothing is mailed without one)."""
import re

from sqlalchemy import select

from ..core.errors import InvalidInput, UserNotFound
from ..store.tables import User

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,188}\.[^@\s]{2,}$")


def set_user_email(services, username: str, email: str | None) -> None:
    if email is not None and not EMAIL.match(email):
        raise InvalidInput("Địa chỉ email không hợp lệ.", {"email": "Sai định dạng."})
    with services.uow() as uow:
        user = uow.session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise UserNotFound("Không tìm thấy người dùng.")
        user.email = email
        uow.commit()
