"""Money at the boundary: amounts cross between Python and the core as integer fen only; yuan
text is for people. A Python ``float`` amount is taken by its shortest decimal representation
(``repr``), as the core reads every double; pass text, ``Decimal`` or integer fen to be explicit."""
from __future__ import annotations

from decimal import Decimal  # noqa: F401 - the doctests use it
from typing import Any

from . import _core


def yuan(fen: int) -> str:
    """Fen as a yuan string with two decimals: ``yuan(1857250) == '18572.50'``."""
    fen = int(fen)
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def to_fen(amount: Any) -> int:
    """An amount in yuan (text, ``Decimal``, ``int`` yuan or ``float`` by its shortest decimal) as
    integer fen, rounded half away from zero.

    >>> to_fen("18572.505"), to_fen(Decimal("0.285")), to_fen(0.285), to_fen(12)
    (1857251, 29, 29, 1200)
    """
    if isinstance(amount, bool):
        raise TypeError("an amount cannot be a bool")
    text = str(amount)  # a float's str is its shortest decimal
    fen, ok = _core.parse_yuan_list([text])
    if not ok[0]:
        raise ValueError(f"{amount!r} is not an amount in yuan")
    return int(fen[0])


def product_fen(*factors: Any) -> int:
    """The exact product of amounts and factors in yuan (text, ``Decimal``, ``int``, or ``float``
    by its shortest decimal), in fen, rounded once half away from zero.

    >>> product_fen(1405.425, 9.5), product_fen("0.1", "0.1", 100)
    (1335154, 100)
    """
    from fractions import Fraction

    value = Fraction(100)
    for f in factors:
        if isinstance(f, bool):
            raise TypeError("a factor cannot be a bool")
        value *= Fraction(str(f))  # a float's str is its shortest decimal (numpy's too)
    whole, rest = divmod(abs(value.numerator), value.denominator)
    if 2 * rest >= value.denominator:
        whole += 1
    return whole if value >= 0 else -whole


def fen_array(fen: Any) -> Any:
    """Integer fen as an Arrow decimal128(18, 2) array of the same amounts in yuan, built from the
    integers' bits (the unscaled value of a scale-2 decimal is the fen): no float, no text.

    >>> fen_array([1857250, -5, 0]).to_pylist()
    [Decimal('18572.50'), Decimal('-0.05'), Decimal('0.00')]
    """
    import numpy as np
    import pyarrow as pa

    low = np.asarray(fen, dtype=np.int64)
    words = np.empty((len(low), 2), dtype=np.int64)
    words[:, 0] = low
    words[:, 1] = low >> 63  # the sign, extended to 128 bits (little endian)
    return pa.Array.from_buffers(pa.decimal128(18, 2), len(low), [None, pa.py_buffer(words.tobytes())])
