"""Read the documents to extract quotes from: text files, directories, JSONL and stdin.

Every input yields `Document`s or a `Failure` saying why it could not be read, so
nothing is dropped silently. Texts are decoded from UTF-8 and otherwise left exactly
as given (line endings included), so character offsets index the original text.
"""

import codecs
import sys
from pathlib import Path
from typing import Any, BinaryIO, Dict, Iterable, Iterator, NamedTuple, Optional, Union

import srsly

STDIN = "-"
TEXT_SUFFIX, JSONL_SUFFIX = ".txt", ".jsonl"


class Document(NamedTuple):
    """A text to process and the id its quotes are reported under."""

    id: str
    text: str


class Failure(NamedTuple):
    """An input, or one line of a JSONL input, that could not be read."""

    input: str
    line: Optional[int]
    error: str

    def __str__(self) -> str:
        where = self.input if self.line is None else f"{self.input}:{self.line}"
        return f"{where}: {self.error}"

    def to_dict(self) -> Dict[str, Any]:
        return self._asdict()


Item = Union[Document, Failure]


class InvalidInput(ValueError):
    """A text or JSONL record that cannot be used as a document."""


def read_inputs(inputs: Iterable[str], stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Yield the documents in `inputs`, in order, and a `Failure` for each bad one.

    An input is a `.txt` file (id: its stem), a directory searched recursively (a `.txt`
    file's id: the path below the directory, without suffix), a `.jsonl` file
    (id: a line's `id` or `meta.id`, else `<stem>:<line>`) or `-`, stdin read as one
    text (id: `-`).
    """
    for name in inputs:
        if name == STDIN:
            yield _read_stdin(stdin or sys.stdin.buffer)
        else:
            yield from _read_path(Path(name))


def _read_stdin(stdin: BinaryIO) -> Item:
    try:
        return _document(STDIN, _decode(stdin.read()))
    except InvalidInput as error:
        return Failure(STDIN, None, str(error))


def _read_path(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if path.is_dir():
        yield from _read_directory(path)
    elif not path.exists():
        yield Failure(str(path), None, "no such file or directory")
    elif suffix == TEXT_SUFFIX:
        yield _read_text(path, path.stem)
    elif suffix == JSONL_SUFFIX:
        yield from _read_jsonl(path)
    else:
        yield Failure(
            str(path), None, "unsupported file type: expected .txt, .jsonl or a directory"
        )


def _read_directory(directory: Path) -> Iterator[Item]:
    """Every file below `directory`, recursively, in sorted path order, as if given one by
    one (`.txt` files get their path below the directory as id); hidden files are left out."""
    files = sorted(
        path
        for path in directory.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )
    if not files:
        yield Failure(str(directory), None, "directory holds no files")
    for path in files:
        if path.suffix.lower() == TEXT_SUFFIX:
            yield _read_text(path, path.relative_to(directory).with_suffix("").as_posix())
        else:
            yield from _read_path(path)


def _read_text(path: Path, doc_id: str) -> Item:
    try:
        return _document(doc_id, _decode(path.read_bytes()))
    except OSError as error:
        return Failure(str(path), None, error.strerror or str(error))
    except InvalidInput as error:
        return Failure(str(path), None, str(error))


def _read_jsonl(path: Path) -> Iterator[Item]:
    try:
        with path.open("rb") as file:
            for number, line in enumerate(file, start=1):
                if number == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8) :]  # not part of any record (RFC 8259, 8.1)
                if line.strip():
                    yield _read_record(path, number, line)
    except OSError as error:
        yield Failure(str(path), None, error.strerror or str(error))


def _read_record(path: Path, number: int, line: bytes) -> Item:
    try:
        record = _parse_record(_decode(line))
        text = record.get("text")
        if text is None:
            raise InvalidInput('no "text" field')
        if not isinstance(text, str):
            raise InvalidInput(f'"text" must be a string, not {type(text).__name__}')
        return _document(_record_id(record) or f"{path.stem}:{number}", text)
    except InvalidInput as error:
        return Failure(str(path), number, str(error))


def _parse_record(line: str) -> Dict[str, Any]:
    try:
        record = srsly.json_loads(line)
    except ValueError as error:
        raise InvalidInput(f"invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise InvalidInput(f"expected a JSON object, not {type(record).__name__}")
    return record


def _record_id(record: Dict[str, Any]) -> Optional[str]:
    """The record's `id`, else its `meta.id`, as a string."""
    value = record.get("id")
    meta = record.get("meta")
    if value is None and isinstance(meta, dict):
        value = meta.get("id")
    return None if value is None else str(value)


def _decode(data: bytes) -> str:
    """Decode UTF-8 text, rejecting binary data and other encodings."""
    if b"\x00" in data:
        raise InvalidInput("binary data, not UTF-8 text (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _document(doc_id: str, text: str) -> Document:
    if not text.strip():
        raise InvalidInput("empty document")
    return Document(doc_id, text)
