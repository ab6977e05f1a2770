"""Repair of OCR'd Vietnamese in the header fields, with word lists.

Tesseract's Vietnamese model often gets the letters right and a tone or hat wrong ("công
dần" for "công dân", "an nỉnh" for "an ninh", "Quảng Ngõi" for "Quảng Ngãi"). Without the
marks the word is right, so a word of the lexicon that matches without marks and is the
only one that does is put back — only where the text as read is no word of the lexicon
itself, and never in a text without any marks (typed so, or read so). The lexicon is
administrative vocabulary (words of rules.md, document types and subjects, bodies and
positions) and province names (one letter off is put back too); words outside it are
left as read. Names of people are left alone: a rare surname ("Đàng") may look like a
damaged common one ("Đặng"). `garbled` spots values with the marks of a bad read (stray
symbols, letters glued to digits) so that their confidence can say so.

Beyond that small lexicon, two larger word lists are used more strictly: a general
dictionary of 63,744 Vietnamese words (data/vi-words.txt, from pyvi and underthesea, not
written from our test pages) and the office's own vocabulary (vocabulary.py, learned from
the subjects it registered). From those a word only takes tone marks away ("văn mỉnh" ->
"văn minh", "nầng lương" -> "nâng lương"): the one spelling that does so, where the text as
read is no word, no name in capitals ("Quỹ Vì"), and the syllables changed are not part of
a word with their other neighbour ("SỞ GIÁO DỤC" is not "SƠ GIAO").
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from vanphong.vietnamese import fold

# Two- and three-syllable words of administrative Vietnamese, lower case.
_WORDS = """
an ninh; an toàn; an sinh; bảo đảm; bảo hiểm; bảo vệ; bảo tồn; báo cáo; ban hành; ban chỉ đạo;
ban chấp hành; ban thường vụ; ban thường trực; ban tuyên giáo; tuyên giáo; dân vận; tổ chức;
kiểm tra; giám sát; kiểm toán; thanh tra; quyết định; nghị quyết; nghị định; thông tư; chỉ thị;
kết luận; thông báo; thông tri; hướng dẫn; kế hoạch; chương trình; tờ trình; giấy mời; công văn;
quy định; quy chế; công điện; phương án; đề án; dự án; dự toán; quyết toán; ngân sách; nhà nước;
tài chính; tài sản; tài nguyên; môi trường; nông nghiệp; nông thôn; nông dân; nhà nông;
công nghiệp; công thương; xây dựng; giao thông; vận tải; giáo dục; đào tạo; y tế; văn hóa;
thể thao; du lịch; khoa học; công nghệ; thông tin; truyền thông; tư pháp; nội vụ; ngoại vụ;
lao động; thương binh; xã hội; cựu chiến binh; chiến binh; thanh niên; phụ nữ; liên hiệp;
công đoàn; liên đoàn; mặt trận; tổ quốc; việt nam; cộng sản; đảng bộ; đảng ủy; đảng viên;
chi bộ; cơ sở; cấp ủy; tỉnh ủy; huyện ủy; thành ủy; thị ủy; quận ủy; ủy ban; nhân dân;
hội đồng; thường trực; thường vụ; chủ tịch; phó chủ tịch; bí thư; phó bí thư; giám đốc;
phó giám đốc; trưởng phòng; phó trưởng phòng; trưởng ban; phó trưởng ban; chánh văn phòng;
văn phòng; chủ nhiệm; phó chủ nhiệm; thủ tướng; bộ trưởng; thứ trưởng; cục trưởng; vụ trưởng;
tổng thư ký; thư ký; chánh thanh tra; công chức; viên chức; cán bộ; người lao động; đoàn viên;
hội viên; người dân; công dân; toàn dân; nhân dân; đồng bào; dân tộc; dân chủ; dân số;
cải cách; hành chính; chuyển đổi số; chuyển đổi; điện tử; trực tuyến; dịch vụ; công cộng;
phòng chống; phòng, chống; tham nhũng; tiêu cực; lãng phí; thiên tai; cứu nạn; cứu hộ;
tìm kiếm; dịch bệnh; gia súc; gia cầm; thực phẩm; vệ sinh; sức khỏe; khám bệnh; chữa bệnh;
kinh tế; tập thể; hợp tác xã; hợp tác; doanh nghiệp; đầu tư; công trình; trung hạn; giai đoạn;
phát triển; phát động; phong trào; thi đua; khen thưởng; kỷ luật; kỷ niệm; ngày thành lập;
thành lập; sáp nhập; sắp xếp; đơn vị; đơn vị hành chính; cơ quan; tổ chức bộ máy; bộ máy;
tinh gọn; biên chế; tuyển dụng; nâng lương; tiền lương; chế độ; chính sách; người có công;
cách mạng; hộ nghèo; cận nghèo; giảm nghèo; nhà ở; đất đai; quyền sử dụng; sử dụng;
quản lý; điều hành; văn bản; văn thư; lưu trữ; bí mật; bảo mật; tuyên truyền; phổ biến;
pháp luật; học tập; quán triệt; triển khai; thực hiện; tăng cường; đẩy mạnh; nâng cao;
chất lượng; hiệu quả; hiệu lực; tiếp tục; đánh giá; xếp loại; tổng kết; sơ kết; hội nghị;
hội thảo; hội thi; hội diễn; đại hội; đại biểu; nhiệm kỳ; bầu cử; lấy ý kiến; dự thảo;
sửa đổi; bổ sung; hiến pháp; tết nguyên đán; nguyên đán; trật tự; an toàn giao thông;
giao thông; đô thị; văn minh; đoàn kết; cuộc vận động; vận động; ủng hộ; quỹ; người nghèo;
trẻ em; hành động; tình nguyện; chiến dịch; mùa hè; lý luận; chính trị; bồi dưỡng;
phân công; nhiệm vụ; thành viên; liên ngành; tổ công tác; công tác; công khai; khiếu nại;
tố cáo; giải quyết; khiếu kiện; đông người; phức tạp; dứt điểm; đối thoại; người đứng đầu;
chính quyền; địa phương; địa bàn; trên địa bàn; bảo vệ rừng; cháy rừng; phòng cháy;
chữa cháy; mùa khô; thống kê; định kỳ; giấy chứng nhận; hộ gia đình; cá nhân; kỳ thi;
tốt nghiệp; trung học; phổ thông; học sinh; sinh viên; giáo viên; dạy giỏi; thời hạn;
thường xuyên; tư tưởng; đạo đức; phong cách; hồ chí minh; chí minh; làm theo; sinh hoạt;
chuyển sinh hoạt; công nhân; phát triển đảng; ngày sách; văn hóa đọc; hưởng ứng; danh mục;
phê duyệt; chỉ tiêu; giao chỉ tiêu; kiện toàn; quy chế làm việc; làm việc; nông thôn mới;
kiểu mẫu; nâng cao; dân vận khéo; tài sản công; quyết toán năm; khó khăn; hoàn cảnh;
chăm lo; cựu chiến binh; trung ương; bộ chính trị; ban bí thư; tổng bí thư; quốc hội;
chính phủ; thành phố; thị xã; thị trấn; huyện đoàn; tỉnh đoàn; đoàn thanh niên;
hội nông dân; hội liên hiệp; phụ nữ việt nam; kiểm tra đảng; ủy ban kiểm tra; nội chính;
tổ chức cơ sở đảng; quy hoạch; kế hoạch sử dụng đất; biến đổi khí hậu; hạ tầng; số hóa;
cơ sở dữ liệu; dữ liệu; định danh; căn cước; đề nghị; đề xuất; xin ý kiến; cho ý kiến;
gửi về; báo cáo kết quả; tình hình; nguyên nhân; giải pháp; mục tiêu; yêu cầu; mục đích;
công sản; cộng đồng; công bố; cộng tác; công an; cổng thông tin; tổng hợp; tổng cục;
tổng liên đoàn; chi cục; công ty; cộng hòa; công lập; công nhận; công suất; công trình;
chi tiết; chi trả; một số; điều khoản; thi hành; có hiệu lực; phạm vi; điều chỉnh;
đối tượng; áp dụng; trách nhiệm; nghĩa vụ; quyền hạn; chức năng; cơ cấu; nhân sự; thủ tục;
hồ sơ; đăng ký; kinh phí; nguồn vốn; thanh toán; mua sắm; đấu thầu; đấu giá; giá đất;
bồi thường; hỗ trợ; tái định cư; giải phóng mặt bằng; mặt bằng; thu hồi; cấp phép; xử phạt;
vi phạm; khắc phục; hậu quả; bão lũ; ngập lụt; hạn hán; sạt lở; dân cư; khu dân cư;
gia đình; khu phố; tổ dân phố; học bổng; khuyến học; việc làm; đào tạo nghề; xuất khẩu;
bảo hiểm xã hội; bảo hiểm y tế; tiêm chủng; chuyển giao; bàn giao; tiếp nhận; điều động;
bổ nhiệm; miễn nhiệm; luân chuyển; nghỉ hưu; thôi việc; đảng phí; kết nạp; chính thức;
dự bị; chuyên đề; lãnh đạo; chỉ đạo; tham mưu; phối hợp; liên tịch; tuyên dương;
biểu dương; điển hình; tiên tiến; gương mẫu; đổi mới; sáng tạo; khởi nghiệp; trực thuộc;
chi bộ trực thuộc; các cấp; tổ chức chính trị; chính trị - xã hội; thông tin điện tử
"""

# Provinces and centrally-run cities (before and after the 2025 merger), as printed.
PROVINCES = """
An Giang; Bà Rịa - Vũng Tàu; Bạc Liêu; Bắc Giang; Bắc Kạn; Bắc Ninh; Bến Tre; Bình Dương;
Bình Định; Bình Phước; Bình Thuận; Cà Mau; Cao Bằng; Cần Thơ; Đà Nẵng; Đắk Lắk; Đắk Nông;
Điện Biên; Đồng Nai; Đồng Tháp; Gia Lai; Hà Giang; Hà Nam; Hà Nội; Hà Tĩnh; Hải Dương;
Hải Phòng; Hậu Giang; Hòa Bình; Hưng Yên; Khánh Hòa; Kiên Giang; Kon Tum; Lai Châu;
Lâm Đồng; Lạng Sơn; Lào Cai; Long An; Nam Định; Nghệ An; Ninh Bình; Ninh Thuận; Phú Thọ;
Phú Yên; Quảng Bình; Quảng Nam; Quảng Ngãi; Quảng Ninh; Quảng Trị; Sóc Trăng; Sơn La;
Tây Ninh; Thái Bình; Thái Nguyên; Thanh Hóa; Thừa Thiên Huế; Huế; Tiền Giang;
Thành phố Hồ Chí Minh; Hồ Chí Minh; Trà Vinh; Tuyên Quang; Vĩnh Long; Vĩnh Phúc; Yên Bái
"""

_SPLIT = re.compile(r"\s*;\s*")


def _entries(block: str) -> list[str]:
    return [entry for entry in _SPLIT.split(" ".join(block.split())) if entry]


def _by_fold(words: list[str]) -> dict[str, str | None]:
    """fold -> the one word with it (None when two words share it: left alone)."""
    table: dict[str, str | None] = {}
    for word in words:
        key = fold(word)
        table[key] = word if table.get(key, word) == word else None
    return table


_LEXICON = {word.lower() for word in _entries(_WORDS)}
_LEXICON_FOLDS = _by_fold(sorted(_LEXICON))
_PROVINCES = _by_fold(_entries(PROVINCES))
_SYLLABLE = re.compile(r"[^\W\d_]+")


@dataclasses.dataclass(frozen=True, eq=False)
class Vocabulary:
    """Words (lower case, NFC, syllables separated by one space), indexed by their fold."""

    words: frozenset[str]
    folds: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        kept = frozenset(words)
        folds: defaultdict[str, list[str]] = defaultdict(list)
        for word in kept:
            folds[fold(word)].append(word)
        return cls(kept, {key: tuple(sorted(group)) for key, group in folds.items()})

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)


EMPTY = Vocabulary.of(())
_DICTIONARY_FILE = Path(__file__).resolve().parent / "data" / "vi-words.txt"


@functools.cache
def dictionary() -> Vocabulary:
    """The general dictionary, with the lexicon and the province names (read once)."""
    words = set(_DICTIONARY_FILE.read_text(encoding="utf-8").split("\n"))
    words |= _LEXICON | {name.lower() for name in _entries(PROVINCES)}
    words.discard("")
    return Vocabulary.of(words)


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def _cased(word: str, like: str) -> str:
    """`word` in the case of `like`: all capitals, a capital first letter, or lower."""
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


#: "nắm 2023": the word before a year is "năm".
_YEAR_WORD = re.compile(r"\b(?!năm\b|nam\b)n[aăâạắằẳẵấầẩẫậáàảã]m(?= (?:19|20)\d\d\b)")


def _marks(text: str) -> list[int]:
    """Marks per syllable. OCR adds marks far more than it drops them ("dần", "nỉnh"), so
    a repair may take marks away or move them, never add: a right "công tác" outside the
    lexicon must not become "cộng tác"."""
    return [
        sum(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", syllable))
        for syllable in text.split()
    ]


def _fewer_marks(word: str, written: str) -> bool:
    return all(a <= b for a, b in zip(_marks(word), _marks(written), strict=True))


def repair(text: str, office: Vocabulary = EMPTY) -> str:
    """Put back the marks OCR got wrong in words of 2 and 3 syllables: from the lexicon,
    then (tone marks only taken away) from the dictionary and the office's vocabulary."""
    syllables = list(_SYLLABLE.finditer(text))
    if len(syllables) < 2 or fold(text) == text.lower():
        return text  # a text typed or read without any marks stays so
    text = _YEAR_WORD.sub("năm", text)
    lists = (dictionary(), office)
    out = list(text)
    index = 0
    while index < len(syllables):
        for size in (3, 2):
            group = syllables[index : index + size]
            if len(group) < size or any(
                not re.fullmatch(r"[ ,-]{1,2}", text[a.end() : b.start()])
                for a, b in itertools.pairwise(group)
            ):
                continue
            written = text[group[0].start() : group[-1].end()]
            if any(written.lower() in words for words in lists):
                index += size - 1
                break
            word = _LEXICON_FOLDS.get(fold(written))
            if not (word and len(word) == len(written) and _fewer_marks(word, written.lower())):
                word = _untoned(text, syllables, index, size, lists)
            if word:
                pieces = zip(re.split(r"(\W+)", word), re.split(r"(\W+)", written), strict=True)
                fixed = "".join(_cased(a, b) for a, b in pieces)
                out[group[0].start() : group[-1].end()] = fixed
                index += size - 1
                break
        index += 1
    return "".join(out)


def _untoned(
    text: str, syllables: list[re.Match[str]], index: int, size: int, lists: Sequence[Vocabulary]
) -> str | None:
    """The one word of the dictionary or the office's vocabulary that the syllables
    `index`..`index + size` become by losing tone marks, if it is safe to put it there."""
    group = syllables[index : index + size]
    written = text[group[0].start() : group[-1].end()]
    if not written.isupper() and all(s.group()[:1].isupper() for s in group):
        return None  # a name: "Quỹ Vì người nghèo", "Hồ Chí Minh"
    read = [s.group().lower() for s in group]
    found = {
        word
        for words in lists
        for word in words.folds.get(fold(written), ())
        if len(word) == len(written)
        and all(a in (b, _toneless(b)) for a, b in zip(word.split(" "), read, strict=False))
    }
    if len(found) != 1:
        return None
    word = found.pop()
    pairs = enumerate(zip(word.split(" "), read, strict=False))
    changed = [index + n for n, (a, b) in pairs if a != b]
    for position in changed:  # a syllable that makes a word with its other neighbour stays
        for a, b in ((position - 1, position), (position, position + 1)):
            if a < 0 or b >= len(syllables) or index <= a < b < index + size:
                continue
            pair = text[syllables[a].start() : syllables[b].end()].lower()
            if any(pair in words for words in lists):
                return None
    return word


_PROVINCE_IN_HEADER = re.compile(r"(?<=\bTỈNH )[^\W\d_][^,;()]*$")


def repair_header(text: str) -> str:
    """A body's name: the lexicon, and the province after "TỈNH" ("UBND TỈNH TUYỂN QUANG"
    -> "UBND TỈNH TUYÊN QUANG")."""
    text = repair(text)
    match = _PROVINCE_IN_HEADER.search(text)
    if match and match.group().isupper():
        name = repair_place(match.group().title())
        if name in _PROVINCES.values() and fold(name) == fold(match.group()):
            text = text[: match.start()] + name.upper()
    return text


def repair_place(place: str) -> str:
    """'Quảng Ngõi' -> 'Quảng Ngãi' (province names; other places stay as read, but for
    a syllable read in capitals: 'VỊ Xuyên' -> 'Vị Xuyên')."""
    if place in _PROVINCES.values() or fold(place) == place.lower():
        return place
    if not place.isupper():  # "VỊ Xuyên": a syllable OCR read in capitals
        place = " ".join(
            word.capitalize() if word.isupper() and not word.isascii() else word
            for word in place.split(" ")
        )
    key = fold(place)
    if key in _PROVINCES:
        return _PROVINCES[key] or place
    near = [name for other, name in _PROVINCES.items() if name and one_letter_off(key, other)]
    return near[0] if len(near) == 1 and len(key) >= 6 else place


def one_letter_off(a: str, b: str) -> bool:
    """Same length, one letter different: 'quang ngoi' and 'quang ngai'."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


_STRAY = re.compile(r"[|~^`\\{}<>_=@#$%&*\[\]]|[^\W\d_]\d|\d[^\W\d_]{2,}|['\"](?=\w)")


def garbled(value: str) -> bool:
    """A value with stray symbols or letters glued to digits: read badly ("PHÓ CHỦ 'TỊCH")."""
    return bool(_STRAY.search(value))
