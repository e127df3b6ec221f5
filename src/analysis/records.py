"""Frozen dataclass records that write and read their own JSON.

The data contracts (a profile, a gap, the group of gaps) are dataclasses; their
JSON keys are their field names, so the schema lives in one place: the type.
:class:`Record` gives each one ``to_json`` (fields in declaration order, nested
records and tuples turned into plain dicts and lists) and ``from_json`` (nested
records rebuilt from the field types, unknown keys refused). Values are never
converted: an integer stays an integer, so a payload read back and written
again is identical.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Self, TypeVar, Union

R = TypeVar("R", bound="Record")


def jsonable(value: Any) -> Any:
    """Return ``value`` with records turned into dicts and tuples into lists."""
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Record)


def _family(cls: type) -> list[type]:
    """``cls`` and every subclass of it."""
    out = [cls]
    for sub in cls.__subclasses__():
        out += _family(sub)
    return out


def _record_for(types_: list[type], value: dict[str, Any]) -> type:
    """The record type (or subtype) whose fields are exactly ``value``'s keys.

    A field typed with a base record may hold a subclass that adds fields (a
    public place carries employment, the seed page's does not); the keys tell
    which one was written.
    """
    for cls in types_:
        for candidate in _family(cls):
            if set(value) == {f.name for f in dataclasses.fields(candidate)}:
                return candidate
    return types_[0]


def _decode(tp: Any, value: Any, where: str) -> Any:
    """Rebuild ``value`` (plain JSON) as the type ``tp`` names, where that is a record."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [t for t in typing.get_args(tp) if t is not type(None)]
        if len(options) == 1:  # X | None
            return _decode(options[0], value, where)
        records = [t for t in options if _is_record(t)]
        if not records or not isinstance(value, dict):
            return value
        return _record_for(records, value).from_json(value)
    if _is_record(tp):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object, got {type(value).__name__}")
        return _record_for([tp], value).from_json(value)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_decode(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        return tuple(
            _decode(t, v, f"{where}[{i}]") for i, (t, v) in enumerate(zip(args, value, strict=True))
        )
    if origin is dict:
        _, item = typing.get_args(tp) or (str, Any)
        return {k: _decode(item, v, f"{where}.{k}") for k, v in value.items()}
    return value


_SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
}


def _type_error(tp: Any, value: Any, where: str) -> str | None:
    """Why ``value`` is not of the scalar or container type ``tp`` (None when it is, or unsure)."""
    if value is None:
        origin = typing.get_origin(tp)
        allowed = origin in (Union, types.UnionType) and type(None) in typing.get_args(tp)
        return None if allowed or tp is Any else f"{where} is null"
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        errors = [_type_error(t, value, where) for t in typing.get_args(tp) if t is not type(None)]
        return None if any(e is None for e in errors) else errors[0]
    if tp in _SCALARS:
        ok = isinstance(value, _SCALARS[tp]) and (tp is bool or not isinstance(value, bool))
        return None if ok else f"{where} is {type(value).__name__}, not {tp.__name__}"
    if origin is dict and isinstance(value, dict):
        _, item = typing.get_args(tp) or (str, Any)
        for k, v in value.items():
            error = _type_error(item, v, f"{where}.{k}")
            if error:
                return error
        return None
    if origin is dict:
        return f"{where} is {type(value).__name__}, not an object"
    return None  # records, lists, Any: not checked here


@dataclasses.dataclass(frozen=True)
class Record:
    """Base of the contract dataclasses: JSON out and back in, keyed by field name."""

    def json_fields(self) -> list[str]:
        """Names of the fields this record writes (all of them unless a subclass says less)."""
        return [f.name for f in dataclasses.fields(self)]

    def to_json(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dictionary."""
        return {name: jsonable(getattr(self, name)) for name in self.json_fields()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        """Rebuild a record from its JSON form.

        Args:
            data: The dictionary :meth:`to_json` wrote (keys it does not write may
                be absent when their fields have defaults).

        Returns:
            The record, nested records rebuilt.

        Raises:
            ValueError: ``data`` carries a key the type does not define.
        """
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"{cls.__name__} has no field(s) {unknown}")
        return cls(**{k: cls.field_from_json(k, v) for k, v in data.items()})

    @classmethod
    def from_json_checked(cls, data: Any, ignore_unknown: bool = False) -> Self:
        """:meth:`from_json` for a file we did not just write: every scalar field's type is checked.

        For small records read back from disk (a report's manifest, its summary):
        a hand-edited ``"12"`` where a number belongs is refused here, not met
        later by the code that formats it.

        Args:
            data: The JSON object.
            ignore_unknown: Read only this record's fields from a larger object.

        Raises:
            ValueError: ``data`` is not an object, carries an unknown key, lacks a
                field without a default, or holds a value of the wrong type.
        """
        if not isinstance(data, dict):
            raise ValueError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
        if ignore_unknown:
            names = {f.name for f in dataclasses.fields(cls)}
            data = {k: v for k, v in data.items() if k in names}
        try:
            record = cls.from_json(data)
        except TypeError as err:  # a required field is absent
            raise ValueError(f"{cls.__name__}: {err}") from None
        return record.checked()

    def checked(self) -> Self:
        """Return ``self`` when every scalar field holds a value of its declared type.

        Raises:
            ValueError: Names the first field that does not (e.g. a string where a
                number belongs).
        """
        hints = _hints(type(self))
        for f in dataclasses.fields(self):
            where = f"{type(self).__name__}.{f.name}"
            error = _type_error(hints[f.name], getattr(self, f.name), where)
            if error:
                raise ValueError(error)
        return self

    @classmethod
    def field_from_json(cls, name: str, value: Any) -> Any:
        """Rebuild the value of the field ``name`` from its JSON form (records nested in it too).

        Raises:
            KeyError: The type has no field ``name``.
        """
        return _decode(_hints(cls)[name], value, f"{cls.__name__}.{name}")
