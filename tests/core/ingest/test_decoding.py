import pytest

from desktop.core.errors import SourceError
from desktop.core.ingest.decoding import decode_bytes

TEXT = "香港科技園公司今日宣佈推出新的培育計劃，支持本地初創企業發展。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_chinese_in_common_encodings(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding))[0].strip() == TEXT


def test_latin1() -> None:
    text = "Universidad de San Martín de Porres, señor café. " * 3
    assert decode_bytes(text.encode("latin-1"))[0] == text


@pytest.mark.parametrize("data", [b"", b"  \n", bytes(range(256)) * 4, b"\x00\x01\x02abc" * 50])
def test_empty_and_binary_are_refused(data: bytes) -> None:
    with pytest.raises(SourceError):
        decode_bytes(data)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Hong Kong Science Park opens a lab.\nThirty start-ups will work in it.\n",
        "香港科技園公司今日宣佈推出新的培育計劃，支持本地初創企業。\n計劃明年開始。\n",
        "香港科技園公司今日宣佈推出新的培育計劃支持本地初創企業發展人工智能",  # no ASCII: no zeros
    ],
    ids=["english", "chinese", "chinese-only"],
)
def test_utf16_without_a_bom_is_text(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_zero_bytes_in_the_low_half_are_binary_not_utf16() -> None:
    with pytest.raises(SourceError, match="binary"):
        decode_bytes(b"\x00\x01\x02abc" * 50)


@pytest.mark.parametrize("encoding", ["shift_jis", "gb18030", "big5"])
def test_legacy_encodings_are_not_taken_for_utf16(encoding: str) -> None:
    text = "東京の科学技術パークは新しい研究所を開設します。\n" if encoding == "shift_jis" else TEXT
    assert decode_bytes(text.encode(encoding))[0] == text


def test_a_stray_zero_byte_in_utf8_is_still_utf8() -> None:
    assert decode_bytes("Café opens\x00 in Sha Tin today.\n".encode()) == (
        "Café opens\x00 in Sha Tin today.\n",
        "utf-8",
    )


def test_latin_text_no_encoding_recognises_is_not_taken_for_utf16() -> None:
    with pytest.raises(SourceError, match="could not be recognised"):
        decode_bytes(("R\xe9sum\xe9 \x81 x" * 3).encode("latin-1"))
