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
