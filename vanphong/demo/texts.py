"""Vietnamese administrative wording for the demo: subjects (trích yếu), body
paragraphs, leaders' instructions, progress notes, results and return reasons.

Subjects are assembled from a verb, an activity of the issuer's field and a period, so
thousands of documents read naturally without visible repeats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

# Activities per field, written so that "V/v <verb> <activity>" reads naturally.
TOPICS: dict[str, list[str]] = {
    "office": [
        "công tác cải cách hành chính", "chuyển đổi số trong cơ quan nhà nước",
        "giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công cấp xã",
        "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "cung cấp dịch vụ công trực tuyến toàn trình", "công tác văn thư, lưu trữ",
        "thực hiện quy chế làm việc của Ủy ban nhân dân", "công tác thi đua, khen thưởng",
        "thực hành tiết kiệm, chống lãng phí", "thực hiện chế độ báo cáo định kỳ",
        "kiểm soát thủ tục hành chính", "tiếp công dân, giải quyết khiếu nại, tố cáo",
        "vận hành hệ thống quản lý văn bản và điều hành",
    ],
    "personnel": [
        "công tác tuyển dụng công chức cấp xã", "đánh giá, xếp loại chất lượng cán bộ, công chức",
        "bồi dưỡng kiến thức quản lý nhà nước cho công chức xã",
        "sắp xếp, bố trí cán bộ, công chức sau sắp xếp đơn vị hành chính",
        "thực hiện chính sách đối với cán bộ nghỉ hưu trước tuổi",
        "cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức", "kỷ luật, kỷ cương hành chính",
        "nâng bậc lương thường xuyên, trước thời hạn", "xây dựng vị trí việc làm cấp xã",
    ],
    "labour": [
        "giải quyết việc làm cho lao động nông thôn", "đưa người lao động đi làm việc ở nước ngoài",
        "chính sách đối với người có công với cách mạng",
        "trợ giúp xã hội đối với đối tượng bảo trợ",
        "thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững",
        "rà soát hộ nghèo, hộ cận nghèo", "tặng quà người có công nhân dịp lễ, Tết",
    ],
    "social": [
        "hỗ trợ xóa nhà tạm, nhà dột nát", "chăm lo Tết cho hộ nghèo, gia đình chính sách",
        "bảo vệ, chăm sóc trẻ em", "phòng, chống bạo lực gia đình",
        "chi trả trợ cấp xã hội qua tài khoản", "công tác dân số và phát triển",
    ],
    "finance": [
        "lập dự toán ngân sách nhà nước", "quyết toán ngân sách xã", "giải ngân vốn đầu tư công",
        "quản lý, sử dụng tài sản công", "thực hiện tự chủ tài chính",
        "công khai ngân sách theo quy định", "thu, chi ngân sách trên địa bàn",
        "tiết kiệm chi thường xuyên để tạo nguồn cải cách tiền lương",
        "kiểm kê tài sản công tại cơ quan, đơn vị",
    ],
    "land": [
        "cấp giấy chứng nhận quyền sử dụng đất lần đầu", "cập nhật cơ sở dữ liệu đất đai",
        "thống kê đất đai", "quản lý, sử dụng đất công", "bồi thường, hỗ trợ, tái định cư",
        "xử lý vi phạm pháp luật về đất đai", "lập kế hoạch sử dụng đất cấp xã",
    ],
    "agri": [
        "phòng, chống dịch tả lợn châu Phi", "tiêm phòng vắc xin cúm gia cầm",
        "chuyển đổi cơ cấu cây trồng", "tái canh cây cà phê",
        "phòng, chống cháy rừng mùa khô", "xây dựng nông thôn mới nâng cao",
        "chương trình Mỗi xã một sản phẩm (OCOP)", "phòng, chống thiên tai và tìm kiếm cứu nạn",
        "bảo đảm an toàn hồ, đập thủy lợi", "quản lý, bảo vệ rừng",
    ],
    "environment": [
        "thu gom, xử lý chất thải rắn sinh hoạt", "phân loại rác thải tại nguồn",
        "bảo vệ môi trường khu dân cư", "quản lý tài nguyên nước",
        "kiểm soát ô nhiễm tại các cơ sở chăn nuôi",
    ],
    "construction": [
        "quản lý trật tự xây dựng", "cấp giấy phép xây dựng nhà ở riêng lẻ",
        "bảo trì đường giao thông nông thôn", "quản lý chất lượng công trình xây dựng",
        "phát triển nhà ở xã hội", "quy hoạch chung xã",
    ],
    "health": [
        "tiêm chủng mở rộng", "phòng, chống sốt xuất huyết", "bảo đảm an toàn thực phẩm",
        "khám sức khỏe định kỳ cho người cao tuổi", "phòng, chống bệnh tay chân miệng",
        "quản lý hồ sơ sức khỏe điện tử",
    ],
    "education": [
        "phổ cập giáo dục, xóa mù chữ", "tuyển sinh vào lớp 6 và lớp 10",
        "bảo đảm an toàn trường học", "xây dựng trường đạt chuẩn quốc gia",
        "kỳ thi tốt nghiệp trung học phổ thông", "phòng, chống đuối nước cho học sinh",
    ],
    "culture": [
        "xây dựng gia đình văn hóa, thôn văn hóa", "Đại hội Thể dục thể thao các cấp",
        "bảo tồn văn hóa cồng chiêng", "quản lý hoạt động lễ hội",
        "phát triển du lịch cộng đồng", "hoạt động của nhà văn hóa thôn",
        "tuyên truyền kỷ niệm các ngày lễ lớn",
    ],
    "science": [
        "triển khai Đề án 06 về dữ liệu dân cư, định danh điện tử",
        "bảo đảm an toàn thông tin mạng", "phát triển nền tảng số cấp xã",
        "phổ cập kỹ năng số cho người dân", "hoạt động của Tổ công nghệ số cộng đồng",
        "sử dụng chữ ký số trong cơ quan nhà nước", "thanh toán không dùng tiền mặt",
    ],
    "justice": [
        "đăng ký, quản lý hộ tịch", "phổ biến, giáo dục pháp luật", "hòa giải ở cơ sở",
        "chứng thực bản sao từ bản chính", "rà soát, hệ thống hóa văn bản quy phạm pháp luật",
        "xây dựng xã đạt chuẩn tiếp cận pháp luật",
    ],
    "trade": [
        "bình ổn thị trường hàng hóa thiết yếu", "chống buôn lậu, gian lận thương mại",
        "bảo đảm an toàn sử dụng điện", "phát triển chợ nông thôn",
    ],
    "ethnic": [
        "thực hiện chính sách dân tộc",
        "Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số",
        "quản lý hoạt động tín ngưỡng, tôn giáo", "công tác người có uy tín trong đồng bào dân tộc",
    ],
    "inspection_state": [
        "phòng, chống tham nhũng, tiêu cực", "kê khai tài sản, thu nhập",
        "giải quyết đơn thư khiếu nại, tố cáo", "thực hiện kết luận thanh tra",
    ],
    "security": [
        "bảo đảm an ninh, trật tự", "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "tấn công, trấn áp tội phạm", "phòng, chống tội phạm ma túy",
        "bảo đảm trật tự an toàn giao thông", "quản lý cư trú",
        "thu hồi vũ khí, vật liệu nổ, công cụ hỗ trợ", "phòng, chống lừa đảo qua mạng",
    ],
    "defense": [
        "tuyển chọn và gọi công dân nhập ngũ", "xây dựng lực lượng dân quân tự vệ",
        "giáo dục quốc phòng và an ninh", "diễn tập khu vực phòng thủ",
        "đăng ký nghĩa vụ quân sự cho công dân nam đủ 17 tuổi",
    ],
    "insurance": [
        "phát triển người tham gia bảo hiểm xã hội tự nguyện",
        "bảo hiểm y tế hộ gia đình", "giảm số người hưởng bảo hiểm xã hội một lần",
        "thu nợ bảo hiểm xã hội, bảo hiểm y tế", "cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    ],
    "treasury": [
        "kiểm soát chi ngân sách qua Kho bạc", "mở và sử dụng tài khoản tại Kho bạc",
        "đối chiếu, xác nhận số dư tài khoản", "giao dịch điện tử với Kho bạc Nhà nước",
    ],
    "tax": [
        "quản lý thu thuế đối với hộ kinh doanh", "thu tiền sử dụng đất",
        "chuyển đổi hộ kinh doanh nộp thuế khoán sang kê khai", "sử dụng hóa đơn điện tử",
    ],
    "credit": [
        "cho vay hộ nghèo và các đối tượng chính sách", "hoạt động của tổ tiết kiệm và vay vốn",
        "thu hồi nợ quá hạn vốn tín dụng chính sách",
    ],
    "elected": [
        "tiếp xúc cử tri trước kỳ họp", "giám sát chuyên đề", "tổ chức kỳ họp thường lệ",
        "giải quyết kiến nghị của cử tri", "chất vấn và trả lời chất vấn",
        "hoạt động của đại biểu Hội đồng nhân dân",
    ],
    "election": [
        "công tác bầu cử", "lập danh sách cử tri", "hiệp thương giới thiệu người ứng cử",
        "tuyên truyền về cuộc bầu cử", "bảo đảm an ninh, trật tự trong ngày bầu cử",
    ],
    "party_building": [
        "kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
        "phát triển đảng viên", "sinh hoạt chi bộ", "quản lý hồ sơ đảng viên",
        "thu, nộp, quản lý và sử dụng đảng phí", "trao Huy hiệu Đảng",
        "công tác cán bộ và bảo vệ chính trị nội bộ", "đại hội chi bộ trực thuộc",
        "học tập, quán triệt nghị quyết của Đảng", "sắp xếp tổ chức cơ sở đảng",
        "thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
        "thực hiện Nghị quyết số 68-NQ/TW của Bộ Chính trị về phát triển kinh tế tư nhân",
    ],
    "party_office": [
        "công tác văn thư, lưu trữ của Đảng", "ứng dụng công nghệ thông tin trong các cơ quan đảng",
        "thực hiện chế độ thông tin, báo cáo", "quản lý tài chính đảng",
    ],
    "inspection": [
        "kiểm tra, giám sát của cấp ủy", "kiểm tra tài chính đảng",
        "giải quyết tố cáo đối với đảng viên", "thi hành kỷ luật trong Đảng",
        "giám sát việc thực hiện quy định về những điều đảng viên không được làm",
    ],
    "propaganda": [
        "tuyên truyền kỷ niệm các ngày lễ lớn", "nắm bắt tình hình tư tưởng cán bộ, đảng viên",
        "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "bảo vệ nền tảng tư tưởng của Đảng", "công tác dân vận của hệ thống chính trị",
        "xây dựng mô hình Dân vận khéo",
    ],
    "mass": [
        "công tác dân vận chính quyền", "thực hiện Quy chế dân chủ ở cơ sở",
        "hoạt động của Mặt trận và các đoàn thể sau sắp xếp",
    ],
    "internal_affairs": [
        "phòng, chống tham nhũng, lãng phí, tiêu cực", "cải cách tư pháp",
        "giải quyết các vụ việc phức tạp, kéo dài",
    ],
    "front": [
        "Cuộc vận động Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "Quỹ Vì người nghèo", "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        "giám sát và phản biện xã hội", "hoạt động của Ban Thanh tra nhân dân",
        "hoạt động của Ban Giám sát đầu tư của cộng đồng",
        "tiếp nhận, phân bổ nguồn ủng hộ đồng bào bị thiên tai",
        "Cuộc vận động Người Việt Nam ưu tiên dùng hàng Việt Nam",
    ],
    "farmers": [
        "phong trào nông dân sản xuất, kinh doanh giỏi", "Quỹ Hỗ trợ nông dân",
        "phát triển hội viên Hội Nông dân", "hỗ trợ nông dân chuyển đổi số",
        "tập huấn khoa học kỹ thuật cho hội viên", "xây dựng tổ hợp tác, hợp tác xã",
    ],
    "women": [
        "cuộc vận động Xây dựng gia đình 5 không, 3 sạch", "hỗ trợ phụ nữ khởi nghiệp",
        "phát triển hội viên phụ nữ", "phòng, chống mua bán người",
        "mô hình Địa chỉ tin cậy ở cộng đồng", "bình đẳng giới và vì sự tiến bộ của phụ nữ",
    ],
    "youth": [
        "Chiến dịch thanh niên tình nguyện hè",
        "phát triển đoàn viên", "giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp",
        "phong trào Thanh niên tình nguyện", "hoạt động Đội Thiếu niên Tiền phong Hồ Chí Minh",
        "thanh niên tham gia chuyển đổi số",
    ],
    "veterans": [
        "phong trào Cựu chiến binh gương mẫu", "phát triển hội viên Hội Cựu chiến binh",
        "giúp nhau giảm nghèo, làm kinh tế giỏi", "tham gia bảo vệ Đảng, chính quyền",
        "kỷ niệm Ngày truyền thống Hội Cựu chiến binh Việt Nam",
    ],
}

# Subjects that come up only in their season: (months, công văn subject, plan title,
# activity). "{y}" is the year, "{tet}" the lunar year's name, "{next}" the next year.
SEASONAL: list[tuple[frozenset[int], str, str, str]] = [
    (frozenset({12, 1, 2}), "V/v tổ chức đón Tết Nguyên đán {tet} vui tươi, an toàn, tiết kiệm",
     "Tổ chức các hoạt động mừng Đảng, mừng Xuân {tet}", "công tác chuẩn bị đón Tết"),
    (frozenset({12, 1, 2, 3, 4}), "V/v tăng cường phòng, chống cháy rừng cao điểm mùa khô",
     "Phòng cháy, chữa cháy rừng mùa khô {y}", "công tác phòng cháy, chữa cháy rừng"),
    (frozenset({1, 2}), "V/v chuẩn bị tổ chức Lễ giao nhận quân năm {y}",
     "Tổ chức Lễ giao nhận quân năm {y}", "công tác tuyển chọn, gọi công dân nhập ngũ"),
    (frozenset({1, 2}), "V/v tổ chức kỷ niệm {party} năm Ngày thành lập Đảng Cộng sản Việt Nam",
     "Tuyên truyền kỷ niệm {party} năm Ngày thành lập Đảng Cộng sản Việt Nam",
     "công tác tuyên truyền kỷ niệm các ngày lễ lớn"),
    (frozenset({3}), "V/v tổ chức các hoạt động Tháng Thanh niên năm {y}",
     "Tổ chức Tháng Thanh niên năm {y}", "các hoạt động Tháng Thanh niên"),
    (frozenset({4}), "V/v tổ chức kỷ niệm {south} năm Ngày Giải phóng miền Nam, thống nhất "
     "đất nước", "Tổ chức các hoạt động kỷ niệm Ngày Giải phóng miền Nam, thống nhất đất nước",
     "công tác tuyên truyền kỷ niệm các ngày lễ lớn"),
    (frozenset({5, 6, 7}), "V/v xây dựng báo cáo sơ kết công tác 6 tháng đầu năm {y}",
     "Sơ kết công tác 6 tháng đầu năm {y}, triển khai nhiệm vụ 6 tháng cuối năm",
     "việc thực hiện nhiệm vụ 6 tháng đầu năm"),
    (frozenset({6, 7, 8, 9, 10}), "V/v chủ động phòng, chống mưa lũ, sạt lở đất mùa mưa năm {y}",
     "Phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa năm {y}",
     "công tác phòng, chống thiên tai"),
    (frozenset({7, 8}), "V/v chuẩn bị các điều kiện cho năm học {y}–{next}",
     "Tổ chức Ngày hội toàn dân đưa trẻ đến trường năm học {y}–{next}",
     "công tác chuẩn bị năm học mới"),
    (frozenset({8}), "V/v tổ chức kỷ niệm {august} năm Cách mạng Tháng Tám và Quốc khánh 2/9",
     "Tuyên truyền kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9",
     "công tác tuyên truyền kỷ niệm các ngày lễ lớn"),
    (frozenset({10, 11, 12}), "V/v xây dựng báo cáo tổng kết công tác năm {y}, phương hướng, "
     "nhiệm vụ năm {next}", "Tổng kết công tác năm {y}, triển khai nhiệm vụ năm {next}",
     "việc thực hiện nhiệm vụ năm"),
]
# The 2026 elections (15/3/2026) fill the register from December to March.
ELECTION = ("V/v triển khai công tác bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp "
            "nhiệm kỳ 2026–2031", "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại "
            "biểu HĐND các cấp nhiệm kỳ 2026–2031", "công tác bầu cử")
STEMS = ["Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ"]
BRANCHES = ["Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi"]


def lunar_year(year: int) -> str:
    """2026 -> "Bính Ngọ"."""
    return f"{STEMS[year % 10]} {BRANCHES[year % 12]}"


def seasonal(day: dt.date, rng: random.Random, *, plan: bool) -> tuple[str, str] | None:
    """A subject of the season and its activity, or None when the season has none."""
    choices = [(cv, title, about) for months, cv, title, about in SEASONAL
               if day.month in months]
    if (day.year, day.month) in ((2025, 12), (2026, 1), (2026, 2), (2026, 3)):
        choices.append(ELECTION)
    if not choices:
        return None
    cv, title, about = rng.choice(choices)
    tet_year = day.year + 1 if day.month == 12 else day.year
    text = (title if plan else cv).format(
        y=day.year, next=day.year + 1, tet=f"{lunar_year(tet_year)} năm {tet_year}",
        party=day.year - 1930, south=day.year - 1975, august=day.year - 1945,
    )
    return text, about


CV_VERBS = [
    "triển khai", "tăng cường", "đôn đốc thực hiện", "rà soát, tổng hợp", "hướng dẫn thực hiện",
    "đẩy mạnh", "chấn chỉnh, nâng cao hiệu quả", "kiểm tra", "tổ chức thực hiện",
    "góp ý dự thảo kế hoạch", "cung cấp thông tin, số liệu về", "tiếp tục thực hiện",
]
REPORT_VERBS = ["báo cáo kết quả", "báo cáo tình hình", "sơ kết", "tổng kết"]
PLAN_VERBS = ["Triển khai", "Tổ chức", "Thực hiện", "Tăng cường", "Kiểm tra"]
DECISION_OBJECTS = [
    "Về việc kiện toàn Ban Chỉ đạo {t}", "Về việc thành lập Tổ công tác {t}",
    "Về việc phê duyệt kế hoạch {t} {p}", "Về việc giao chỉ tiêu {t} {p}",
    "Về việc khen thưởng tập thể, cá nhân có thành tích trong {t}",
    "Về việc phân bổ kinh phí thực hiện {t} {p}",
]
NOTICE_FORMS = [
    "Kết luận của {b} tại buổi làm việc về {t}", "Kết quả kiểm tra {t} {p}",
    "Về việc điều chỉnh thời gian tổ chức hội nghị {t}", "Ý kiến chỉ đạo của {b} về {t}",
]
INVITATION_FORMS = [
    "Dự hội nghị sơ kết {t} {p}", "Dự hội nghị tổng kết {t} {p}",
    "Dự hội nghị tập huấn {t}", "Dự hội nghị trực tuyến triển khai {t}",
    "Dự buổi làm việc về {t}",
]
PARTY_DECISIONS = [
    "Về việc thành lập Đoàn kiểm tra {t}", "Về việc kiện toàn Ban Chỉ đạo {t}",
    "Về việc chuẩn y kết quả bầu cử chi ủy, bí thư, phó bí thư chi bộ thôn {n}",
    "Về việc ban hành Quy chế phối hợp trong {t}", "Về việc thành lập Tổ giúp việc {t}",
    "Về việc tặng Giấy khen cho tổ chức đảng, đảng viên tiêu biểu trong {t}",
]
PARTY_RESOLUTION = ["Về lãnh đạo {t}", "Về tăng cường sự lãnh đạo của Đảng đối với {t}"]
STATE_RESOLUTION = [
    "Về kết quả giám sát {t}", "Về chương trình giám sát năm {y}",
    "Về việc thông qua kế hoạch {t} năm {y}", "Về kết quả kỳ họp thứ {n}",
]
PARTY_CONCLUSION = ["Về tiếp tục thực hiện {t}", "Của Ban Thường vụ Tỉnh ủy về {t}"]
CENTRAL = [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "Nghị quyết số 59-NQ/TW của Bộ Chính trị về hội nhập quốc tế trong tình hình mới",
    "Nghị quyết số 66-NQ/TW của Bộ Chính trị về đổi mới công tác xây dựng và thi hành pháp luật",
    "Nghị quyết số 68-NQ/TW của Bộ Chính trị về phát triển kinh tế tư nhân",
    "Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư về thể loại, thẩm quyền ban hành "
    "và thể thức văn bản của Đảng",
]
DISPATCHES = [
    "Về việc chủ động ứng phó với mưa lớn, lũ quét, sạt lở đất",
    "Về việc tập trung ứng phó với áp thấp nhiệt đới và mưa lớn",
    "Về việc tăng cường phòng, chống cháy rừng trong cao điểm mùa khô",
    "Về việc khẩn trương khống chế dịch tả lợn châu Phi",
]
REQUESTS = [
    "Đề nghị phê chuẩn quyết toán ngân sách xã năm {y}",
    "Đề nghị thông qua dự toán thu, chi ngân sách xã năm {next}",
    "Đề nghị xem xét kết nạp quần chúng {name} vào Đảng",
    "Đề nghị công nhận đảng viên chính thức đối với đồng chí {name}",
    "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa thôn {n}",
    "Đề nghị điều chỉnh kế hoạch đầu tư công năm {y}",
    "Đề nghị thông qua danh mục công trình, dự án năm {next}",
    "Đề nghị bổ sung kinh phí thực hiện chính sách an sinh xã hội năm {y}",
]


def period(day: dt.date, rng: random.Random, *, past: bool = False) -> str:
    """A period near `day`: for a report the month, quarter, half-year or year just
    ended; otherwise this (or, late in the year, next) year or quarter."""
    quarter = (day.month - 1) // 3 + 1
    if past:
        last_month = (day.replace(day=1) - dt.timedelta(days=1))
        choices = [f"tháng {last_month.month}/{last_month.year}"]
        choices.append(f"quý {_roman(quarter - 1)} năm {day.year}" if quarter > 1
                       else f"quý IV năm {day.year - 1}")
        if day.month <= 2:
            choices.append(f"năm {day.year - 1}")
        elif 7 <= day.month <= 8:
            choices.append(f"6 tháng đầu năm {day.year}")
        elif day.month >= 10:
            choices.append(f"9 tháng đầu năm {day.year}")
        return rng.choice(choices)
    year = day.year + 1 if day.month >= 11 and rng.random() < 0.6 else day.year
    return rng.choice([f"năm {year}", f"năm {year}", f"quý {_roman(quarter)} năm {day.year}",
                       "", "", f"giai đoạn {year}–2030" if year < 2030 else ""])


def _roman(number: int) -> str:
    return ["I", "II", "III", "IV"][max(1, min(4, number)) - 1]


def topic(domains: tuple[str, ...], rng: random.Random) -> str:
    return rng.choice(TOPICS[rng.choice(domains)])


def _tidy(text: str) -> str:
    """Single spaces, and no "thực hiện thực hiện" where a verb meets an activity."""
    return " ".join(text.split()).replace("thực hiện thực hiện", "thực hiện")


def subject(kind: str, domains: tuple[str, ...], day: dt.date, rng: random.Random, *,
            body: str, party: bool = False, person: str = "") -> tuple[str, str]:
    """The trích yếu of a document of type `kind` (catalogue.KINDS key), and the
    activity it is about (for the body of the printed page)."""
    t = topic(domains, rng)
    if kind in ("CV", "KH") and rng.random() < 0.1:
        season = seasonal(day, rng, plan=kind == "KH")
        if season:
            return season
    if kind == "CĐ":
        return rng.choice(DISPATCHES), "công tác phòng, chống thiên tai, dịch bệnh"
    if kind == "BS":
        return f"Sao gửi {rng.choice(CENTRAL)}", "việc học tập, quán triệt văn bản"
    if kind == "TTr":
        text = rng.choice(REQUESTS).format(y=day.year, next=day.year + 1,
                                           n=rng.randint(1, 12), name=person)
        return text, "nội dung đề nghị"
    return _tidy(_subject_about(kind, t, day, rng, body=body, party=party)), t


def _verb(verbs: list[str], t: str, rng: random.Random) -> str:
    """A verb that does not repeat the activity's first words ("kiểm tra kiểm tra")."""
    start = set(t.lower().replace(",", "").split()[:2])
    fitting = [v for v in verbs if not start & set(v.lower().replace(",", "").split())]
    return rng.choice(fitting or verbs)


def _subject_about(kind: str, t: str, day: dt.date, rng: random.Random, *, body: str,
                   party: bool) -> str:
    if kind == "CV":
        if rng.random() < 0.25:
            return f"V/v {_verb(REPORT_VERBS, t, rng)} {t} {period(day, rng, past=True)}"
        return f"V/v {_verb(CV_VERBS, t, rng)} {t} {period(day, rng)}"
    if kind in ("KH", "HD"):
        return f"{_verb(PLAN_VERBS, t, rng)} {t} {period(day, rng)}"
    if kind == "QPPL-QĐ":
        return f"Ban hành Quy định về {t} trên địa bàn tỉnh Lâm Đồng"
    if kind == "QĐ":
        forms = PARTY_DECISIONS if party else DECISION_OBJECTS
        return rng.choice(forms).format(t=t, p=period(day, rng), n=rng.randint(1, 12))
    if kind == "TB":
        return rng.choice(NOTICE_FORMS).format(t=t, b=body, p=period(day, rng, past=True))
    if kind == "GM":
        return rng.choice(INVITATION_FORMS).format(t=t, p=period(day, rng, past=True))
    if kind == "BC":
        return f"Kết quả {t} {period(day, rng, past=True)}"
    if kind == "QPPL-NQ":
        return f"Quy định mức chi hỗ trợ {t} trên địa bàn tỉnh Lâm Đồng"
    if kind == "NQ":
        return rng.choice(PARTY_RESOLUTION if party else STATE_RESOLUTION).format(
            t=t, y=day.year, n=rng.randint(1, 12))
    if kind == "KL":
        return rng.choice(PARTY_CONCLUSION).format(t=t)
    if kind == "CT":
        return f"Về tăng cường sự lãnh đạo, chỉ đạo đối với {t}"
    raise ValueError(f"unknown kind {kind}")


SECRET_SUBJECTS = [
    "Bảo đảm an ninh, trật tự {p}", "Phương án bảo vệ an ninh chính trị nội bộ {p}",
    "Diễn tập khu vực phòng thủ {p}", "Nắm tình hình an ninh nông thôn {p}",
    "Về công tác nhân sự cấp ủy nhiệm kỳ 2025–2030", "Kết quả thẩm tra, xác minh lý lịch {p}",
    "Công tác bảo vệ bí mật nhà nước {p}", "Bảo vệ an ninh, trật tự các mục tiêu trọng điểm {p}",
]


def secret_subject(day: dt.date, rng: random.Random) -> str:
    return _tidy(rng.choice(SECRET_SUBJECTS).format(p=period(day, rng)))

# --- Body of the printed first page -------------------------------------------------

STATE_BASES = [
    "Thực hiện chỉ đạo của cấp trên về {t}", "Căn cứ chương trình công tác năm {y}",
    "Căn cứ tình hình thực tế và kết quả {t} thời gian qua",
]
PARTY_BASES = [
    "Thực hiện {c}", "Căn cứ chương trình công tác năm {y}",
    "Căn cứ tình hình thực tế và kết quả {t} thời gian qua",
]
ACTIONS = [
    "Quán triệt, phổ biến đầy đủ nội dung văn bản đến cán bộ, công chức và Nhân dân trên địa bàn; "
    "phân công cụ thể người phụ trách, thời hạn hoàn thành.",
    "Rà soát, đánh giá kết quả {t}; làm rõ những khó khăn, vướng mắc, nguyên nhân và đề xuất "
    "giải pháp khắc phục.",
    "Bố trí kinh phí, nhân lực phù hợp để tổ chức thực hiện {t} bảo đảm hiệu quả, "
    "đúng quy định.",
    "Tăng cường công tác kiểm tra, giám sát; kịp thời biểu dương các tập thể, cá nhân "
    "làm tốt, chấn chỉnh những nơi thực hiện chưa nghiêm.",
    "Phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội trong "
    "tuyên truyền, vận động Nhân dân tham gia.",
    "Cập nhật số liệu đầy đủ, chính xác vào hệ thống thông tin báo cáo theo đúng biểu mẫu "
    "kèm theo.",
]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Page:
    """What the printed body is about."""

    kind: str  # catalogue.KINDS key
    issuer: str
    addressee: str
    subject: str
    topic: str
    day: dt.date
    reply_due: dt.date | None
    party: bool


def paragraphs(page: Page, rng: random.Random) -> tuple[str, ...]:
    """The body of the first page, in the form of its document type."""
    addressee = page.addressee
    if addressee.startswith("Các "):
        addressee = "các " + addressee.removeprefix("Các ")
    page = dataclasses.replace(page, addressee=addressee)
    if page.kind == "GM":
        return _invitation(page, rng)
    if page.kind in ("QĐ", "QPPL-QĐ"):
        return _decision(page, rng)
    return _request(page, rng)


def _request(page: Page, rng: random.Random) -> tuple[str, ...]:
    """Opening, three numbered tasks and a closing."""
    bases = PARTY_BASES if page.party else STATE_BASES
    basis = rng.choice(bases).format(t=page.topic, y=page.day.year, c=rng.choice(CENTRAL))
    opening = (f"{basis}; {page.issuer} đề nghị {page.addressee} quan tâm chỉ đạo, triển khai "
               "thực hiện một số nội dung sau:")
    tasks = [f"{i}. {text.format(t=page.topic)}"
             for i, text in enumerate(rng.sample(ACTIONS, 3), start=1)]
    if page.reply_due:
        closing = (f"Báo cáo kết quả thực hiện gửi về {page.issuer} trước ngày "
                   f"{page.reply_due:%d/%m/%Y} để tổng hợp, báo cáo cấp trên./.")
    else:
        closing = ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp "
                   f"thời về {page.issuer} để được hướng dẫn, giải quyết./.")
    return (opening, *tasks, closing)


def _invitation(page: Page, rng: random.Random) -> tuple[str, ...]:
    when = page.day + dt.timedelta(days=rng.randint(3, 8))
    while when.weekday() >= 5:
        when += dt.timedelta(days=1)
    hour = rng.choice(["07 giờ 30", "08 giờ 00", "14 giờ 00"])
    place = rng.choice([f"Hội trường {page.issuer}",
                        "trực tuyến, điểm cầu tại Ủy ban nhân dân các xã, phường, đặc khu"])
    return (
        f"{page.issuer} trân trọng kính mời {page.addressee} cử lãnh đạo và công chức phụ "
        f"trách {page.topic} tham dự.",
        f"Thời gian: {hour}, ngày {when:%d/%m/%Y}.",
        f"Địa điểm: {place}.",
        f"Nội dung: {page.subject.removeprefix('Dự ')}.",
        "Đề nghị các đại biểu nghiên cứu tài liệu trước khi dự họp và tham dự đúng thành "
        "phần, đúng giờ./.",
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decision(page: Page, rng: random.Random) -> tuple[str, ...]:
    law = ("Căn cứ Điều lệ Đảng và Quy chế làm việc của cấp ủy;" if page.party else
           "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;")
    return (
        law,
        f"Căn cứ chương trình công tác năm {page.day.year};",
        f"Theo đề nghị của bộ phận tham mưu về {page.topic}.",
        "QUYẾT ĐỊNH:",
        f"Điều 1. {_sentence(page.subject.removeprefix('Về việc '))} (có danh sách, "
        "nội dung kèm theo).",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        f"Điều 3. Các cơ quan, đơn vị liên quan và {page.addressee} căn cứ Quyết định thi "
        "hành./.",
    )


# --- Handling --------------------------------------------------------------------------

INSTRUCT_UNIT = [
    "Giao {lead} chủ trì, tham mưu triển khai thực hiện; báo cáo kết quả trước ngày {due}.",
    "Chuyển {lead} nghiên cứu, tham mưu văn bản chỉ đạo của UBND xã.",
    "{lead} chủ trì, phối hợp các bộ phận liên quan tổ chức thực hiện, hoàn thành trước {due}.",
    "Giao {lead} tham mưu báo cáo theo yêu cầu; trình ký trước ngày {due}.",
]
INSTRUCT_PERSON = [
    "Giao đồng chí {lead} nghiên cứu, tham mưu triển khai; hoàn thành trước ngày {due}.",
    "Đồng chí {lead} theo dõi, tổng hợp và dự thảo báo cáo theo yêu cầu.",
    "Đề nghị đồng chí {lead} chủ trì thực hiện, báo cáo kết quả trước {due}.",
    "Chuyển đồng chí {lead} xử lý theo thẩm quyền.",
]
INSTRUCT_SELF = [
    "Tôi trực tiếp chỉ đạo thực hiện; Văn phòng theo dõi, đôn đốc.",
    "Trực tiếp triển khai đến các chi hội; báo cáo kết quả đúng hạn.",
]
INSTRUCT_INFO = "Các đồng chí {info} nắm thông tin để phối hợp."
REASSIGN_NOTES = [
    "Giao đồng chí {person} tham mưu, dự thảo văn bản.",
    "Đồng chí {person} nghiên cứu, đề xuất hướng xử lý.",
    "Giao đồng chí {person} tổng hợp số liệu, dự thảo báo cáo.",
]
PROGRESS_NOTES = [
    "Đã dự thảo văn bản, trình lãnh đạo cho ý kiến.",
    "Đang tổng hợp số liệu từ các thôn, dự kiến hoàn thành đúng hạn.",
    "Đã làm việc với các thôn, đang hoàn thiện báo cáo.",
    "Đã xin ý kiến các bộ phận liên quan, đang tiếp thu, chỉnh lý.",
    "Đã đề nghị các đơn vị phối hợp cung cấp số liệu; chờ phản hồi.",
    "Đã kiểm tra thực tế tại cơ sở, đang tổng hợp kết quả.",
    "Đã tổ chức triển khai đến các chi hội, đang theo dõi kết quả thực hiện.",
    "Đã dự thảo kế hoạch triển khai, đang lấy ý kiến góp ý.",
]
SUPPORT_NOTES = [
    "Đã cung cấp số liệu phần việc được giao cho bộ phận chủ trì.",
    "Đã góp ý dự thảo, gửi bộ phận chủ trì tổng hợp.",
]
RESULTS = {
    "report": ["Đã báo cáo theo yêu cầu tại văn bản số {code}.",
               "Đã tổng hợp, gửi báo cáo đúng biểu mẫu tại văn bản số {code}."],
    "plan": ["Đã tham mưu ban hành Kế hoạch số {code} triển khai trên địa bàn xã.",
             "Đã ban hành văn bản số {code} chỉ đạo các thôn thực hiện."],
    "attend": ["Đã cử cán bộ tham dự đầy đủ, đúng thành phần.",
               "Lãnh đạo đã dự hội nghị; nội dung đã được phổ biến lại."],
    "info": ["Đã nghiên cứu, triển khai thực hiện; lưu hồ sơ.",
             "Đã phổ biến đến cán bộ, công chức; lưu hồ sơ theo dõi.",
             "Đã quán triệt tại cuộc họp giao ban; lưu hồ sơ."],
}
RETURN_TO_CLERK = [
    "Nội dung thuộc lĩnh vực đồng chí {other} phụ trách, đề nghị Văn thư trình lại.",
    "Đề nghị trình đồng chí {other} cho ý kiến chỉ đạo.",
]
RETURN_TO_LEADER = [
    "Nội dung không thuộc lĩnh vực được phân công, đề nghị lãnh đạo giao lại.",
    "Đề nghị giao bộ phận có chuyên môn phù hợp chủ trì.",
    "Nội dung cần nhiều bộ phận phối hợp, đề nghị lãnh đạo phân công lại.",
]
CORRECTION_REASON = "Bổ sung người ký và số trang theo bản gốc."
