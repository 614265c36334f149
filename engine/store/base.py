"""The declarative base every table of danchu's model derives from (`engine.store.tables` and the modules
it gathers), in a module of its own so that a group of tables can live in a module beside `tables`."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
