"""Each PDF page's drawing, compressed as soon as the page is painted.

WeasyPrint 70 keeps every page's drawing operators as a Python list of small
byte strings until the whole PDF is written, next to every page's layout and,
for a tagged PDF, its structure tree: a quarter of a gigabyte of short-lived
objects for a 300-chapter book, at the moment memory peaks. Nothing reads a
page's operators after it is painted (tagging uses the boxes and marked-content
ids), so they are joined and compressed there, exactly as pydyf would at write
time: the same zlib settings and the same dictionary, so the bytes written are
the same.

Upstream: WeasyPrint's open issue on long documents (#578), where the
maintainer moved the discussion of their memory use (closing #671). No issue
names the page streams.
"""

from __future__ import annotations

import zlib
from typing import Any

from ..guard import Attribute, SpeedUp


def _packed_stream_class(base: type) -> type:
    class PackedStream(base):  # type: ignore[misc,valid-type]
        """A page stream whose operators were compressed after painting."""

        _packed: bytes

        @property
        def data(self) -> bytes:
            # pydyf.Stream.data, with the stream already joined and compressed.
            from pydyf import Dictionary

            extra = Dictionary(self.extra.copy())
            if self.compress:
                extra["Filter"] = "/FlateDecode"
            extra["Length"] = len(self._packed)
            return b"\n".join((extra.data, b"stream", self._packed, b"endstream"))

    return PackedStream


def _pack(stream: Any, packed_class: type) -> None:
    from pydyf import _to_bytes

    data = b"\n".join(_to_bytes(item) for item in stream.stream)
    if stream.compress:
        compressor = zlib.compressobj(level=9)  # pydyf's setting
        data = compressor.compress(data) + compressor.flush()
    stream._packed = data
    stream.stream = []
    stream.__class__ = packed_class


def _painting_and_packing(paint: Any) -> Any:
    from weasyprint.pdf.stream import Stream

    packed_class = _packed_stream_class(Stream)

    def paint_and_pack(self: Any, stream: Any, scale: float = 1) -> None:
        paint(self, stream, scale)
        if type(stream) is Stream:
            _pack(stream, packed_class)

    return paint_and_pack


SPEED_UP = SpeedUp(
    name="pagestreams",
    module=__name__,
    targets=(Attribute("weasyprint.document", "Page.paint", _painting_and_packing),),
    # Repeats pydyf.Stream.data and its zlib settings; relies on WeasyPrint
    # reading nothing from a page's stream once it is painted.
    versions={"weasyprint": "70.0", "pydyf": "0.13.0"},
    upstream="https://github.com/Kozea/WeasyPrint/issues/578",
)
