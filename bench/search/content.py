"""The text of a generated document as a PDF's text layer reads: issuer block, number,
place and date, type and subject, the body in the form of its type, the signature and
"Nơi nhận". Between `MIN_LENGTH` and `MAX_LENGTH` characters (about one to three pages).

Speed matters (tens of thousands of documents a second): sentences about a topic are
formatted once per topic and kept; only sentences with figures, dates and names are
formatted for each document.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Callable

from bench.search import vocabulary as v

MIN_LENGTH = 1500
MAX_LENGTH = 6000

_GROUPS = {
    "Quyết định": "decision", "Nghị quyết": "resolution", "Kế hoạch": "plan",
    "Chương trình": "plan", "Đề án": "plan", "Phương án": "plan", "Hướng dẫn": "plan",
    "Báo cáo": "report", "Tờ trình": "report", "Thông báo": "notice", "Kết luận": "notice",
    "Giấy mời": "invitation", "Nghị định": "legal", "Thông tư": "legal",
    "Quyết định (QPPL)": "legal", "Nghị quyết (QPPL)": "legal", "Quy chế": "legal",
    "Quy định": "legal",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def group_of(type_name: str) -> str:
    """Which body form a type takes; công văn, công điện, chỉ thị... read as letters."""
    return _GROUPS.get(type_name, "letter")


class Fill(dict[str, str]):
    """Placeholder values made on first use (`str.format_map` asks for what it needs)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str], str], base: dict[str, str]) -> None:
        super().__init__(base)
        self.make = make

    def __missing__(self, key: str) -> str:
        value = self.make(key)
        self[key] = value
        return value


@dataclasses.dataclass(slots=True)
class Page:
    """What the writer needs to know about one document."""

    group: str
    type_name: str
    head: list[str]  # issuer block, number, place and date, marks, title, subject
    topic: str
    topic2: str
    issuer: str  # how the issuer names itself in the body
    addressee: str
    subject: str
    signature: list[str]
    tail: list[str]  # "Nơi nhận" lines
    party: bool
    bases: list[str]  # căn cứ lines (decisions, resolutions, legal texts)
    target: int  # the length to reach
    #: Values that stay the same through the document, made when first used: t (topic),
    #: y (year), q (a period just ended), person, place, leader, date (before it), date2
    #: (a deadline after it)...
    stable: Fill


class _Pools:
    """Sentences about one topic, formatted once."""

    __slots__ = ("limits", "purposes", "results", "solutions", "tasks")

    def __init__(self, topic: str) -> None:
        self.tasks = tuple(s.format(t=topic) for s in v.TASKS)
        self.results = tuple(s.format(t=topic) for s in v.RESULTS)
        self.limits = tuple(s.format(t=topic) for s in v.LIMITS)
        self.solutions = tuple(s.format(t=topic) for s in v.SOLUTIONS)
        self.purposes = tuple(s.format(t=topic) for s in v.PURPOSES)


def _thousands(number: int) -> str:
    """1250 -> "1.250" (Vietnamese digit grouping)."""
    return f"{number:,}".replace(",", ".")


# Figures: each template with the placeholders that change at each use, drawn from
# pools of ready-made strings.
_NUMBERS: dict[str, tuple[str, ...]] = {
    "n": tuple(str(n) for n in range(12, 61)),
    "n2": tuple(str(n) for n in range(2, 12)),
    "d": tuple(f"{n},{m}" for n in range(1, 16) for m in range(10)),
    "m": tuple(_thousands(n) for n in range(120, 5000, 7)),
    "m2": tuple(_thousands(n) for n in range(400, 19000, 23)),
    "money": tuple(_thousands(n) for n in range(150, 12000, 11)),
    "money2": tuple(_thousands(n) for n in range(80, 6000, 7)),
    "pct": tuple(f"{n},{m}" for n in range(60, 100) for m in range(10)),
    "area": tuple(_thousands(n) for n in range(1800, 9500, 13)),
    "role": v.ROLES,
    "unit": v.UNITS,
}
_FIGURES = tuple(
    (text,
     tuple(key for _, key, _, _ in string.Formatter().parse(text) if key in _NUMBERS),
     tuple(key for _, key, _, _ in string.Formatter().parse(text) if key and key not in _NUMBERS))
    for text in v.FIGURES
)


class Writer:
    def __init__(self, rand: Callable[[], float]) -> None:
        self.rand = rand
        self._pools: dict[str, _Pools] = {}
        self._forms: dict[str, Callable[[Page, list[str]], None]] = {
            "letter": self._letter, "decision": self._decision, "resolution": self._resolution,
            "plan": self._plan, "report": self._report, "notice": self._notice,
            "invitation": self._invitation, "legal": self._legal,
        }

    def write(self, page: Page) -> str:
        body: list[str] = []
        self._forms[page.group](page, body)
        return "\n".join([*page.head, *body, *page.signature, *page.tail])

    # --- Helpers ---------------------------------------------------------------------

    def pools(self, topic: str) -> _Pools:
        pools = self._pools.get(topic)
        if pools is None:
            pools = self._pools[topic] = _Pools(topic)
        return pools

    def _pick(self, items: tuple[str, ...]) -> str:
        return items[int(self.rand() * len(items))]

    def _figure(self, page: Page) -> str:
        rand = self.rand
        text, keys, stable_keys = _FIGURES[int(rand() * len(_FIGURES))]
        for key in stable_keys:  # made on first use, then the same in the whole document
            page.stable[key]
        values = page.stable.copy()
        for key in keys:
            pool = _NUMBERS[key]
            values[key] = pool[int(rand() * len(pool))]
        return text.format_map(values)

    def _sentences(self, page: Page, kind: str, count: int) -> str:
        """`count` (1 or 2) different sentences of one kind, sometimes with a figure."""
        main = getattr(self.pools(page.topic), kind)
        first = self._pick(main)
        if count == 1:
            return first
        second = self._pick(main)
        return f"{first} {second}" if second != first else first

    def _budget(self, page: Page, body: list[str], reserve: int) -> int:
        """How many characters the body may still take before `target` (what follows
        the filled part is `reserve` long)."""
        used = sum(map(len, page.head)) + sum(map(len, body)) + len(body)
        used += sum(map(len, page.signature)) + sum(map(len, page.tail)) + reserve + 40
        return page.target - used

    def _fill(self, page: Page, body: list[str], kind: str, label: str, reserve: int = 0,
              start: int = 1, most: int = 40) -> int:
        """Add numbered paragraphs ("1. ", "Điều 2. "; "- " unnumbered) of three
        sentences of `kind` about the topic (the third one in two times about a related
        topic), nearly one in two with a figure, until the text reaches its target
        length. Returns the next number. The hot loop of the generator, hence written
        out."""
        left = self._budget(page, body, reserve)
        rand, figure = self.rand, self._figure
        main = getattr(self.pools(page.topic), kind)
        other = getattr(self.pools(page.topic2), kind)
        n, n_other = len(main), len(other)
        numbered = label != "- "
        number, stop = start, start + most
        while left > 0 and number < stop:
            i = int(rand() * n)
            step = 1 + int(rand() * (n - 2))
            third = other[int(rand() * n_other)] if rand() < 0.5 else main[(i + step + 1) % n]
            head = f"{label}{number}. " if numbered else label
            if rand() < 0.45:
                paragraph = f"{head}{main[i]} {main[(i + step) % n]} {third} {figure(page)}"
            else:
                paragraph = f"{head}{main[i]} {main[(i + step) % n]} {third}"
            body.append(paragraph)
            left -= len(paragraph) + 1
            number += 1
        return number

    # --- The forms ---------------------------------------------------------------------

    def _letter(self, page: Page, body: list[str]) -> None:
        basis = self._pick(("Thực hiện chỉ đạo của cấp trên về {t}", "Căn cứ tình hình thực "
                            "tế và kết quả {t} thời gian qua", "Nhằm nâng cao hiệu quả {t}",
                            "Thực hiện chương trình công tác năm {y}"))
        body.append(f"{basis.format(t=page.topic, y=page.stable['y'])}; {page.issuer} đề nghị "
                    f"{page.addressee} quan tâm chỉ đạo, triển khai thực hiện một số nội dung "
                    "sau:")
        closing = ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp "
                   f"thời về {page.issuer} để được hướng dẫn, giải quyết./.")
        self._fill(page, body, "tasks", "", reserve=len(closing))
        body.append(closing)

    def _decision(self, page: Page, body: list[str]) -> None:
        body += page.bases
        if not page.party:  # Party bases end with "Xét đề nghị của ..."
            body.append(f"Theo đề nghị của {self._pick(v.UNITS)}.")
        body.append("QUYẾT ĐỊNH:")
        subject = page.subject.removeprefix("Về việc ")
        body.append(f"Điều 1. {subject[:1].upper()}{subject[1:]}.")
        closing = v.DECISION_CLOSING
        last = self._fill(page, body, "tasks", "Điều ", reserve=len(closing) + 10, start=2,
                          most=12)
        body.append(f"Điều {last}. {closing}")

    def _resolution(self, page: Page, body: list[str]) -> None:
        body += page.bases
        body.append("QUYẾT NGHỊ:")
        purpose = self._pick(self.pools(page.topic).purposes)
        body.append(f"1. {purpose}")
        if page.party:
            last = self._fill(page, body, "tasks", "", reserve=160, start=2, most=10)
            body.append(f"{last}. Các chi bộ, đảng viên và các cơ quan, đơn vị có trách nhiệm "
                        "tổ chức quán triệt, thực hiện Nghị quyết này./.")
        else:
            last = self._fill(page, body, "tasks", "Điều ", reserve=200, start=2, most=10)
            body.append(f"Điều {last}. Nghị quyết này có hiệu lực kể từ ngày được thông qua. "
                        "Thường trực Hội đồng nhân dân, các Ban và đại biểu Hội đồng nhân dân "
                        "giám sát việc thực hiện Nghị quyết./.")

    def _plan(self, page: Page, body: list[str]) -> None:
        pools = self.pools(page.topic)
        basis = page.bases[0] if page.bases else ""
        body.append(f"{basis} {page.issuer} ban hành {page.type_name} với những nội dung "
                    "sau:".strip())
        body.append("I. MỤC ĐÍCH, YÊU CẦU")
        body.append(f"1. {self._pick(pools.purposes)} {self._pick(pools.purposes)}")
        body.append(f"2. {self._pick(pools.purposes)}")
        body.append("II. NỘI DUNG, NHIỆM VỤ")
        tail = ["III. TỔ CHỨC THỰC HIỆN", self._figure(page),
                f"Các cơ quan, đơn vị căn cứ nội dung {page.type_name}, chủ động triển khai "
                "thực hiện; "
                f"định kỳ báo cáo kết quả về {page.issuer}./."]
        self._fill(page, body, "tasks", "", reserve=sum(map(len, tail)) + len(tail))
        body += tail

    def _report(self, page: Page, body: list[str]) -> None:
        pools = self.pools(page.topic)
        body.append(f"{page.issuer} báo cáo {page.subject[:1].lower()}{page.subject[1:]} như "
                    "sau:")
        body.append("I. KẾT QUẢ THỰC HIỆN")
        lower = [
            "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
            f"{self._pick(pools.limits)} {self._pick(pools.limits)} {self._pick(v.CAUSES)}",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            f"1. {self._pick(pools.solutions)}", f"2. {self._pick(pools.solutions)}",
            "IV. KIẾN NGHỊ, ĐỀ XUẤT", self._pick(pools.tasks),
            f"Trên đây là báo cáo của {page.issuer}./.",
        ]
        self._fill(page, body, "results", "", reserve=sum(map(len, lower)) + len(lower))
        body += lower

    def _notice(self, page: Page, body: list[str]) -> None:
        fill = page.stable
        body.append(f"Ngày {fill['date']}, {fill['leader']} chủ trì cuộc họp về {page.topic}. "
                    f"Tham dự có đại diện lãnh đạo {self._pick(v.UNITS)}, {self._pick(v.UNITS)} "
                    "và các cơ quan, đơn vị liên quan.")
        body.append("Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu dự họp, "
                    f"{fill['leader']} kết luận như sau:")
        body.append(f"1. {self._sentences(page, 'results', 2)}")
        closing = f"{page.issuer} thông báo để các cơ quan, đơn vị biết, thực hiện./."
        self._fill(page, body, "tasks", "", reserve=len(closing), start=2)
        body.append(closing)

    def _invitation(self, page: Page, body: list[str]) -> None:
        fill = page.stable
        body.append(f"{page.issuer} trân trọng kính mời {page.addressee} tham dự "
                    f"{page.subject.removeprefix('Dự ')[:1].lower()}"
                    f"{page.subject.removeprefix('Dự ')[1:]}.")
        body.append(f"Thời gian: {self._pick(v.MEETING_HOURS)}, ngày {fill['date2']}.")
        body.append(f"Địa điểm: {fill['place'][:1].upper()}{fill['place'][1:]}.")
        body.append("Nội dung chương trình:")
        closing = ("Đề nghị các đại biểu nghiên cứu tài liệu trước khi dự họp và tham dự đúng "
                   "thành phần, đúng giờ./.")
        self._fill(page, body, "tasks", "- ", reserve=len(closing))
        body.append(closing)

    def _legal(self, page: Page, body: list[str]) -> None:
        body += page.bases
        body.append("Chương I")
        body.append("QUY ĐỊNH CHUNG")
        body.append(f"Điều 1. Phạm vi điều chỉnh\n{page.subject} nhằm bảo đảm {page.topic} "
                    "được thực hiện thống nhất, hiệu quả.")
        body.append("Điều 2. Đối tượng áp dụng\nCơ quan, tổ chức, cá nhân có liên quan đến "
                    f"{page.topic}.")
        body.append("Chương II")
        body.append("QUY ĐỊNH CỤ THỂ")
        closing = ("Chương III\nTỔ CHỨC THỰC HIỆN\nCác cơ quan, tổ chức, cá nhân có liên quan "
                   "chịu trách nhiệm thi hành văn bản này./.")
        self._fill(page, body, "tasks", "Điều ", reserve=len(closing), start=3, most=30)
        body.append(closing)
