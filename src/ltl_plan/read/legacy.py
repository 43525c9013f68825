"""Vietnamese text in the legacy 8-bit encodings that government files still use, told
apart from Windows-1258 so that the message can say what to do.

- **TCVN3 (ABC)**, TCVN 5712:1993 VN3, the encoding of the ``.VnTime`` fonts: each
  lowercase Vietnamese letter is one byte from 0xA8 up ("ư" is 0xAD, "đ" is 0xAE, "ả" is
  0xB6); capitals are the same bytes shown in the capital fonts (``.VnTimeH``). The table
  is the upper half of glibc's TCVN5712-1 (``iconv -f TCVN5712-1``), which agrees with it
  for every lowercase letter.
- **VNI** (VNI Windows, the ``VNI-Times`` fonts): a letter is its ASCII base followed by
  a byte for its marks, read as Windows-1252 ("thư viện" is "thö vieän"). The table is
  VNI's, as UniKey and xvnkb give it.

Neither is converted: a file in one is refused with a message naming it (an 8-bit
Vietnamese file is detected by the words these files are made of, encoded both ways).
"""

from __future__ import annotations

import unicodedata

# TCVN3: lowercase letters (and the capitals with their own code) by byte.
_TCVN3_RUNS = (
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)
TCVN3 = {char: bytes([start + i]) for start, chars in _TCVN3_RUNS for i, char in enumerate(chars)}

# VNI: for each vowel, its forms with no tone, then acute, grave, hook, tilde, dot below.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VNI_LOWER = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}
VNI = {
    unicodedata.normalize("NFC", base + tone): form.encode("cp1252")
    for base, forms in _VNI_LOWER.items()
    for tone, form in zip(_TONES, forms, strict=True)
}
VNI["đ"] = "ñ".encode("cp1252")

# Words (lowercase) that the institution files are full of, and common Vietnamese words.
WORDS = (
    "thư viện", "bảo tàng", "văn hóa", "văn hoá", "trung tâm", "đơn vị", "nhà văn",
    "thiết chế", "loại hình", "thông tin", "người", "được", "của", "công", "năm",
)  # fmt: skip


def encode(text: str, table: dict[str, bytes]) -> bytes:
    """Lowercase Vietnamese text in a legacy encoding (ASCII as it is)."""
    return b"".join(table.get(char, char.encode("ascii", "replace")) for char in text)


_TCVN3_WORDS = tuple(encode(word, TCVN3) for word in WORDS)
_VNI_WORDS = tuple(encode(word, VNI) for word in WORDS if encode(word, VNI) != word.encode())


def legacy_encoding(data: bytes) -> str | None:
    """ "TCVN3" or "VNI" when bytes that are not UTF-8 hold the usual words of these
    files in one of them; None otherwise."""
    ascii_lower = data.lower()  # ASCII only: TCVN3's bytes stay as they are
    latin_lower = data.decode("latin-1").lower().encode("latin-1", "replace")
    tcvn3 = sum(ascii_lower.count(word) for word in _TCVN3_WORDS)
    vni = sum(latin_lower.count(word) for word in _VNI_WORDS)
    if max(tcvn3, vni) == 0:
        return None
    return "TCVN3" if tcvn3 >= vni else "VNI"
