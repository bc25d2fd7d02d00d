"""Plain-row writes for the bulk imports of the Kernmonitor: ids reserved up front, rows as tuples.

A count of a large area writes 100,000 units and as many states. Building a model instance per row (and Django's
bulk_create around it) costs several times the database's own work, so the import operations write lists of
tuples through these helpers instead: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

The caller owns the transaction. On SQLite every transaction is IMMEDIATE (see settings), so the write lock is held
from its start and ids reserved with :func:`reserve_ids` cannot be taken by another writer; on PostgreSQL they come
from the table's own sequence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

BATCH = 5000
ID_BATCH = 2000  # ids in one ``IN (…)`` list of a filter, update or delete of the imports
_ADAPTED = {"JSONField", "DateField", "DateTimeField", "TimeField", "DecimalField", "UUIDField"}


def _table_and_columns(model, columns: Sequence[str]):
    """The quoted table, the quoted column names and, per column, the function that turns a value into what the
    driver takes (only for the types that need it: JSON, dates, decimals; the rest pass as they are)."""
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in columns]
    adapters = [_adapter(field) if field.get_internal_type() in _ADAPTED else None for field in fields]
    return quote(model._meta.db_table), [quote(field.column) for field in fields], adapters


def _adapter(field):
    """Adapt one column's values; dates and times repeat a lot in a file, so each distinct value is adapted once."""
    prepare = field.get_db_prep_save
    if field.get_internal_type() == "JSONField":  # dicts: not hashable, and rarely the same
        return lambda value: None if value is None else prepare(value, connection)
    seen: dict = {}

    def adapt(value):
        if value is None:
            return None
        try:
            return seen[value]
        except KeyError:
            seen[value] = prepared = prepare(value, connection)
            return prepared

    return adapt


def _adapted(rows: Iterable[Sequence], adapters) -> Iterable[tuple]:
    if not any(adapters):
        return rows
    pairs = [(i, adapt) for i, adapt in enumerate(adapters) if adapt is not None]

    def adapt_row(row):
        row = list(row)
        for i, adapt in pairs:
            row[i] = adapt(row[i])
        return row

    return map(adapt_row, rows)


def reserve_ids(model, n: int) -> list[int]:
    """``n`` primary keys for new rows of ``model``, to be inserted in this transaction."""
    if n <= 0:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("reserve_ids must be called inside transaction.atomic()")
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), pk, n],
            )
            return sorted(row[0] for row in cursor.fetchall())
        if connection.vendor == "sqlite":
            # AUTOINCREMENT never reuses an id: the next one is above both the highest id and the sequence.
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                f"COALESCE((SELECT MAX({connection.ops.quote_name(pk)}) FROM {quoted}), 0))",
                [table],
            )
            start = cursor.fetchone()[0] + 1
            return list(range(start, start + n))
    raise NotImplementedError(f"reserve_ids does not support {connection.vendor}")


def insert(model, columns: Sequence[str], rows: Sequence[Sequence]) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``, attribute names such as ``unit_id``) into ``model``."""
    if not rows:
        return 0
    table, names, adapters = _table_and_columns(model, columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                for row in _adapted(rows, adapters):
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})"
            for first in range(0, len(rows), BATCH):
                cursor.executemany(sql, list(_adapted(rows[first : first + BATCH], adapters)))
    return len(rows)


def update(model, columns: Sequence[str], rows: Sequence[Sequence]) -> int:
    """Set ``columns`` of existing rows: each row is the new values in the order of ``columns``, then the pk."""
    if not rows:
        return 0
    table, names, adapters = _table_and_columns(model, columns)
    pk = connection.ops.quote_name(model._meta.pk.column)
    sql = f"UPDATE {table} SET {', '.join(f'{name} = %s' for name in names)} WHERE {pk} = %s"
    adapters = [*adapters, None]
    with connection.cursor() as cursor:
        for first in range(0, len(rows), BATCH):
            cursor.executemany(sql, list(_adapted(rows[first : first + BATCH], adapters)))
    return len(rows)
