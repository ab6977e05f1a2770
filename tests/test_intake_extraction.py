"""Metadata extraction from a first page's text: realistic pages and messy fragments in a
table of expected fields, then confidences, spans and the edXML view."""

from __future__ import annotations

import unicodedata

import pytest

from vanphong.intake.extraction import MISSING, extract

# --- realistic first pages --------------------------------------------------------------

UBND_XA_QUYET_DINH = """\
UBND HUYỆN BÌNH SƠN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
UBND XÃ TÂN HÒA                         Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND                 Tân Hòa, ngày 05 tháng 01 năm 2026

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác chuyển đổi số
năm 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HÒA

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;

QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác chuyển đổi số năm 2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN
- Như Điều 2;                              KT. CHỦ TỊCH
- TT Đảng ủy, HĐND xã;                     PHÓ CHỦ TỊCH
- Lưu: VT, VP.
                                           (Đã ký)

                                           Nguyễn Văn An
"""

# The same kind of page as a PDF table comes out without layout: one cell per line.
TABLE_ORDER_QUYET_DINH = """\
ỦY BAN NHÂN DÂN
XÃ TÂN HÒA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/QĐ-UBND
Tân Hòa, ngày 12 tháng 02 năm 2026
QUYẾT ĐỊNH
Về việc phê duyệt danh sách hộ nghèo năm 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HÒA
Căn cứ Luật Tổ chức chính quyền địa phương;
Điều 1. Phê duyệt danh sách kèm theo.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Thị Hoa
"""

SO_CONG_VAN = """\
UBND TỈNH QUẢNG NGÃI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                     Độc lập - Tự do - Hạnh phúc

Số: 05/SNV-VP                 Quảng Ngãi, ngày 08 tháng 01 năm 2026
V/v hướng dẫn lập danh mục hồ sơ
năm 2026

        Kính gửi: Ủy ban nhân dân các xã, phường.

Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Sở Nội vụ hướng dẫn...

Nơi nhận:                          KT. GIÁM ĐỐC
- Như trên;                        PHÓ GIÁM ĐỐC
- Giám đốc Sở (b/c);
- Lưu: VT, VP.                     Trần Thị Bình
"""

QPPL_QUYET_DINH = """\
ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI                 Độc lập - Tự do - Hạnh phúc

Số: 12/2025/QĐ-UBND        Quảng Ngãi, ngày 20 tháng 12 năm 2025

QUYẾT ĐỊNH
Ban hành Quy định quản lý nhà nước về văn thư
trên địa bàn tỉnh Quảng Ngãi

ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI

Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;
"""

TINH_UY_NGHI_QUYET = """\
TỈNH ỦY QUẢNG NGÃI                 ĐẢNG CỘNG SẢN VIỆT NAM
        *
Số 15-NQ/TU                  Quảng Ngãi, ngày 20 tháng 01 năm 2026

NGHỊ QUYẾT
VỀ ĐẨY MẠNH CHUYỂN ĐỔI SỐ TRONG CÁC CƠ QUAN ĐẢNG
GIAI ĐOẠN 2026 - 2030
-----
I. TÌNH HÌNH VÀ NGUYÊN NHÂN
Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị...

                                   T/M BAN THƯỜNG VỤ
Nơi nhận:                          BÍ THƯ
- Ban Bí thư Trung ương Đảng (b/c),
- Các đảng bộ trực thuộc,
- Lưu Văn phòng Tỉnh ủy.          Lê Văn Cường
"""

BAN_TO_CHUC_CONG_VAN = """\
TỈNH ỦY QUẢNG NGÃI                  ĐẢNG CỘNG SẢN VIỆT NAM
BAN TỔ CHỨC
*
Số 357-CV/BTCTU              Quảng Ngãi, ngày 03 tháng 02 năm 2026
V/v rà soát, bổ sung quy hoạch
cán bộ nhiệm kỳ 2025 - 2030

Kính gửi: Các đảng bộ trực thuộc Tỉnh ủy.

Nơi nhận:                            K/T TRƯỞNG BAN
- Như trên,                          PHÓ TRƯỞNG BAN
- Lưu BTCTU.
                                     Nguyễn Thị Lan
"""

DOAN_KE_HOACH = """\
TỈNH ĐOÀN QUẢNG NGÃI              ĐOÀN TNCS HỒ CHÍ MINH
BCH ĐOÀN XÃ TÂN HÒA
***
Số: 03-KH/ĐTN               Tân Hòa, ngày 02 tháng 3 năm 2026

KẾ HOẠCH
Tổ chức Tháng Thanh niên năm 2026
-----
Thực hiện Kế hoạch số 45-KH/TĐTN của Ban Thường vụ Tỉnh đoàn...

                                  TM. BAN THƯỜNG VỤ ĐOÀN XÃ
                                  BÍ THƯ

                                  Phạm Thị Dung
"""

MTTQ_THONG_BAO = """\
ỦY BAN MTTQ VIỆT NAM              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN HÒA                        Độc lập - Tự do - Hạnh phúc
BAN THƯỜNG TRỰC
Số: 16/TB-MTTQ-BTT              Tân Hòa, ngày 10 tháng 01 năm 2026

THÔNG BÁO
Kết quả hội nghị hiệp thương lần thứ hai

Ngày 09/01/2026, Ban Thường trực Ủy ban MTTQ Việt Nam xã tổ chức hội nghị...

Nơi nhận:                              TM. BAN THƯỜNG TRỰC
- Thường trực Đảng ủy xã;              PHÓ CHỦ TỊCH
- Các tổ chức thành viên;
- Lưu: VT.                             Hoàng Văn Em
"""

HOI_NONG_DAN_CONG_VAN = """\
HỘI NÔNG DÂN TỈNH QUẢNG NGÃI            HỘI NÔNG DÂN VIỆT NAM
BCH HỘI NÔNG DÂN XÃ TÂN HÒA
*
Số 06-CV/HND                     Tân Hòa, ngày 15 tháng 01 năm 2026
V/v tham gia mô hình liên kết sản xuất

Kính gửi: Các chi hội nông dân.

                                  T/M BAN THƯỜNG VỤ
                                  CHỦ TỊCH
                                  (Đã ký)
                                  Đỗ Văn Phúc
"""

GIAY_MOI = """\
UBND XÃ TÂN HÒA            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                           Độc lập - Tự do - Hạnh phúc
Số: 20/GM-UBND             Tân Hòa, ngày 06 tháng 01 năm 2026

GIẤY MỜI
Dự hội nghị triển khai nhiệm vụ năm 2026

Ủy ban nhân dân xã Tân Hòa trân trọng kính mời:
- Đồng chí Bí thư Đảng ủy xã;
Thời gian: 08 giờ 00, ngày 10/01/2026 (thứ Bảy).
Địa điểm: Hội trường Ủy ban nhân dân xã.

Nơi nhận:                          TL. CHỦ TỊCH
- Như trên;                        CHÁNH VĂN PHÒNG
- Lưu: VT.
                                   Võ Thị Giang
"""

OCR_NO_DIACRITICS = """\
UY BAN NHAN DAN                 CONG HOA XA HOI CHU NGHIA VIET NAM
XA TAN HOA                         Doc lap - Tu do - Hanh phuc
So: 12/QD-UBND                 Tan Hoa, ngay 05 thang 01 nam 2026
QUYET DINH
Ve viec kien toan Ban Chi dao chuyen doi so
"""

OCR_PARTY = """\
DANG BO TINH QUANG NGAI           DANG CONG SAN VIET NAM
DANG UY XA TAN HOA
*
So 21 - NQ / DU                Tan Hoa, ngay O5 thang Ol nam 2026
NGHI QUYET
VE CONG TAC PHAT TRIEN DANG VIEN NAM 2026
"""

URGENT_SECRET = """\
BỘ CÔNG AN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CÔNG AN TỈNH QUẢNG NGÃI         Độc lập - Tự do - Hạnh phúc
Số: 88/CAT-PV01                 Quảng Ngãi, ngày 07 tháng 01 năm 2026
V/v phối hợp bảo đảm an ninh, trật tự
HỎA TỐC
TỐI MẬT
"""

DIRECT_SIGNER = """\
Điều 3. Chánh Văn phòng và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành.

Nơi nhận:                                      CHỦ TỊCH
- Như Điều 3;
- Lưu: VT.

                                               (Đã ký)

                                               NGUYỄN VĂN AN
"""

PARTY_KT = """\
Nơi nhận:                          T/M ĐẢNG ỦY
- Các chi bộ trực thuộc,           K/T BÍ THƯ
- Lưu VPĐU.                        PHÓ BÍ THƯ

                                   Trần Văn Hùng
"""

HDND_CONG_VAN_INTERLEAVED = """\
HĐND XÃ TÂN HÒA                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THƯỜNG TRỰC HĐND                Độc lập - Tự do - Hạnh phúc
Số: 07/HĐND-TT
V/v đề nghị cung cấp thông tin   Tân Hòa, ngày 09 tháng 01 năm 2026
phục vụ giám sát chuyên đề
về công tác cải cách hành chính
     Kính gửi: Ủy ban nhân dân xã Tân Hòa.
Thực hiện Chương trình giám sát năm 2026...
Nơi nhận:                               TM. THƯỜNG TRỰC HĐND
- Như trên;                             PHÓ CHỦ TỊCH
- Lưu: VT.
                                        Bùi Quang Huy
"""

CHI_BO_BAO_CAO_TABLE_ORDER = """\
ĐẢNG BỘ XÃ TÂN HÒA
CHI BỘ THÔN 3
*
Số 05-BC/CB
Tân Hòa, ngày 25 tháng 12 năm 2025
ĐẢNG CỘNG SẢN VIỆT NAM
BÁO CÁO
KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2025
VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026
-----
Căn cứ Nghị quyết Đại hội Chi bộ nhiệm kỳ 2025 - 2027...
Nơi nhận:
T/M CHI BỘ
BÍ THƯ
Nguyễn Thị Mai
- Đảng ủy xã (b/c),
- Lưu Chi bộ.
"""

CONG_DIEN_THUONG_KHAN = """\
UBND TỈNH QUẢNG NGÃI      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                   Độc lập - Tự do - Hạnh phúc
THƯỢNG KHẨN
Số: 02/CĐ-UBND               Quảng Ngãi, ngày 14 tháng 10 năm 2025

CÔNG ĐIỆN
Về việc tập trung ứng phó với bão số 11

CHỦ TỊCH UBND TỈNH điện:
- Chủ tịch UBND các xã, phường;
- Giám đốc các Sở, ban, ngành.
Để chủ động ứng phó với bão số 11...
Nơi nhận:                              KT. CHỦ TỊCH
- Như trên;                            PHÓ CHỦ TỊCH THƯỜNG TRỰC
- Lưu: VT, KTN.
                                       Trần Hoàng Tuấn
"""

OCR_GLUED_COLUMNS = """\
UBND XÃ TÂN HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
DỰ THẢO Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND Tân Hòa, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
Về việc ban hành Quy chế làm việc
"""

VE_VIEC_CONG_VAN_WITH_ANNEX = """\
UBND XÃ TÂN HÒA              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                             Độc lập - Tự do - Hạnh phúc
Số: 31/UBND-VP               Tân Hòa, ngày 11 tháng 3 năm 2026
Về việc báo cáo số liệu
tiêm chủng mở rộng
Kính gửi: Trung tâm Y tế khu vực.
Ủy ban nhân dân xã gửi kèm theo bảng số liệu dưới đây.
BÁO CÁO SỐ LIỆU TIÊM CHỦNG
"""

THREE_LINE_VV = """\
SỞ Y TẾ TỈNH QUẢNG NGÃI        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ KHU VỰC         Độc lập - Tự do - Hạnh phúc
Số: 118/TTYT-KHNV              Bình Sơn, ngày 02 tháng 4 năm 2026
V/v triển khai thực hiện
Kế hoạch số 45/KH-SYT ngày 20/3/2026
của Sở Y tế

                      Kính gửi: Ủy ban nhân dân các xã.
"""

TUQ_SIGNER_ETHNIC_NAME = """\
Nơi nhận:                              TUQ. CHỦ TỊCH
- Như trên;                            TRƯỞNG PHÒNG KINH TẾ
- Lưu: VT.
                                       (Đã ký và đóng dấu)
                                       Y Sơn H'Niê
"""

SIGNER_CUT_BY_PAGE_END = """\
Điều 3. Quyết định có hiệu lực kể từ ngày ký.
                                        Q. CHỦ TỊCH
"""

CASES = [
    pytest.param(
        UBND_XA_QUYET_DINH,
        {
            "organ_name": "UBND XÃ TÂN HÒA",
            "parent_body": "UBND HUYỆN BÌNH SƠN",
            "code_number": "12",
            "code_notation": "QĐ-UBND",
            "issued_date": "2026-01-05",
            "place": "Tân Hòa",
            "type_name": "Quyết định",
            "subject": "Về việc thành lập Tổ công tác chuyển đổi số năm 2026",
            "competence": "KT.",
            "signer_position": "PHÓ CHỦ TỊCH",
            "signer_name": "Nguyễn Văn An",
            "priority": "Thường",
            "secrecy": "",
            "recipients": "Như Điều 2; TT Đảng ủy, HĐND xã",
        },
        id="state-quyet-dinh-ubnd-xa-signer-after-da-ky",
    ),
    pytest.param(
        TABLE_ORDER_QUYET_DINH,
        {
            "organ_name": "ỦY BAN NHÂN DÂN XÃ TÂN HÒA",
            "parent_body": None,
            "code_number": "15",
            "code_notation": "QĐ-UBND",
            "issued_date": "2026-02-12",
            "type_name": "Quyết định",
            "subject": "Về việc phê duyệt danh sách hộ nghèo năm 2026",
            "competence": "TM.",
            "signer_position": "CHỦ TỊCH",
            "signer_name": "Lê Thị Hoa",
            "recipients": "Như Điều 3",
        },
        id="state-quyet-dinh-table-cells-one-per-line",
    ),
    pytest.param(
        SO_CONG_VAN,
        {
            "organ_name": "SỞ NỘI VỤ",
            "parent_body": "UBND TỈNH QUẢNG NGÃI",
            "code_number": "05",
            "code_notation": "SNV-VP",
            "issued_date": "2026-01-08",
            "place": "Quảng Ngãi",
            "type_name": "Công văn",
            "subject": "V/v hướng dẫn lập danh mục hồ sơ năm 2026",
            "competence": "KT.",
            "signer_position": "PHÓ GIÁM ĐỐC",
            "signer_name": "Trần Thị Bình",
            "recipients": "Như trên; Giám đốc Sở (b/c)",
        },
        id="state-cong-van-of-a-so-two-line-vv",
    ),
    pytest.param(
        QPPL_QUYET_DINH,
        {
            "organ_name": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
            "code_number": "12",
            "code_notation": "2025/QĐ-UBND",
            "issued_date": "2025-12-20",
            "type_name": "Quyết định",
            "subject": "Ban hành Quy định quản lý nhà nước về văn thư trên địa bàn tỉnh Quảng Ngãi",
            "signer_name": None,
            "recipients": None,
        },
        id="qppl-quyet-dinh-with-year-no-signer-on-page",
    ),
    pytest.param(
        TINH_UY_NGHI_QUYET,
        {
            "organ_name": "TỈNH ỦY QUẢNG NGÃI",
            "parent_body": None,
            "code_number": "15",
            "code_notation": "NQ/TU",
            "issued_date": "2026-01-20",
            "place": "Quảng Ngãi",
            "type_name": "Nghị quyết",
            "subject": "VỀ ĐẨY MẠNH CHUYỂN ĐỔI SỐ TRONG CÁC CƠ QUAN ĐẢNG GIAI ĐOẠN 2026 - 2030",
            "competence": "T/M",
            "signer_position": "BÍ THƯ",
            "signer_name": "Lê Văn Cường",
            "recipients": "Ban Bí thư Trung ương Đảng (b/c); Các đảng bộ trực thuộc",
        },
        id="party-nghi-quyet-of-tinh-uy",
    ),
    pytest.param(
        BAN_TO_CHUC_CONG_VAN,
        {
            "organ_name": "BAN TỔ CHỨC",
            "parent_body": "TỈNH ỦY QUẢNG NGÃI",
            "code_number": "357",
            "code_notation": "CV/BTCTU",
            "type_name": "Công văn",
            "subject": "V/v rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025 - 2030",
            "competence": "K/T",
            "signer_position": "PHÓ TRƯỞNG BAN",
            "signer_name": "Nguyễn Thị Lan",
            "recipients": "Như trên",
        },
        id="party-cong-van-of-a-ban",
    ),
    pytest.param(
        DOAN_KE_HOACH,
        {
            "organ_name": "BCH ĐOÀN XÃ TÂN HÒA",
            "parent_body": "TỈNH ĐOÀN QUẢNG NGÃI",
            "code_number": "03",
            "code_notation": "KH/ĐTN",
            "issued_date": "2026-03-02",
            "type_name": "Kế hoạch",
            "subject": "Tổ chức Tháng Thanh niên năm 2026",
            "competence": "TM.",
            "signer_position": "BÍ THƯ",
            "signer_name": "Phạm Thị Dung",
        },
        id="doan-ke-hoach",
    ),
    pytest.param(
        MTTQ_THONG_BAO,
        {
            "organ_name": "BAN THƯỜNG TRỰC",
            "parent_body": "ỦY BAN MTTQ VIỆT NAM XÃ TÂN HÒA",
            "code_number": "16",
            "code_notation": "TB-MTTQ-BTT",
            "issued_date": "2026-01-10",
            "type_name": "Thông báo",
            "subject": "Kết quả hội nghị hiệp thương lần thứ hai",
            "signer_position": "PHÓ CHỦ TỊCH",
            "signer_name": "Hoàng Văn Em",
            "recipients": "Thường trực Đảng ủy xã; Các tổ chức thành viên",
        },
        id="mttq-thong-bao",
    ),
    pytest.param(
        HOI_NONG_DAN_CONG_VAN,
        {
            "organ_name": "BCH HỘI NÔNG DÂN XÃ TÂN HÒA",
            "parent_body": "HỘI NÔNG DÂN TỈNH QUẢNG NGÃI",
            "code_number": "06",
            "code_notation": "CV/HND",
            "type_name": "Công văn",
            "subject": "V/v tham gia mô hình liên kết sản xuất",
            "competence": "T/M",
            "signer_position": "CHỦ TỊCH",
            "signer_name": "Đỗ Văn Phúc",
            "recipients": None,
        },
        id="hoi-nong-dan-cong-van",
    ),
    pytest.param(
        GIAY_MOI,
        {
            "organ_name": "UBND XÃ TÂN HÒA",
            "parent_body": None,
            "code_notation": "GM-UBND",
            "issued_date": "2026-01-06",
            "place": "Tân Hòa",
            "type_name": "Giấy mời",
            "subject": "Dự hội nghị triển khai nhiệm vụ năm 2026",
            "competence": "TL.",
            "signer_position": "CHÁNH VĂN PHÒNG",
            "signer_name": "Võ Thị Giang",
            "recipients": "Như trên",
        },
        id="giay-moi-with-time-and-place-in-the-body",
    ),
    pytest.param(
        OCR_NO_DIACRITICS,
        {
            "organ_name": "UY BAN NHAN DAN XA TAN HOA",
            "code_number": "12",
            "code_notation": "QĐ-UBND",
            "issued_date": "2026-01-05",
            "place": "Tan Hoa",
            "type_name": "Quyết định",
            "subject": "Ve viec kien toan Ban Chi dao chuyen doi so",
        },
        id="ocr-header-without-diacritics",
    ),
    pytest.param(
        OCR_PARTY,
        {
            "organ_name": "DANG UY XA TAN HOA",
            "parent_body": "DANG BO TINH QUANG NGAI",
            "code_number": "21",
            "code_notation": "NQ/ĐU",
            "issued_date": "2026-01-05",
            "type_name": "Nghị quyết",
            "subject": "VE CONG TAC PHAT TRIEN DANG VIEN NAM 2026",
        },
        id="ocr-party-spaces-and-o-for-zero",
    ),
    pytest.param(
        URGENT_SECRET,
        {
            "organ_name": "CÔNG AN TỈNH QUẢNG NGÃI",
            "parent_body": "BỘ CÔNG AN",
            "code_notation": "CAT-PV01",
            "type_name": "Công văn",
            "subject": "V/v phối hợp bảo đảm an ninh, trật tự",
            "priority": "Hỏa tốc",
            "secrecy": "Tối mật",
        },
        id="urgency-and-secrecy-stamps-on-own-lines",
    ),
    pytest.param(
        DIRECT_SIGNER,
        {
            "competence": None,
            "signer_position": "CHỦ TỊCH",
            "signer_name": "Nguyễn Văn An",
            "recipients": "Như Điều 3",
            "organ_name": None,
            "code_number": None,
        },
        id="signer-without-capacity-caps-name-after-da-ky",
    ),
    pytest.param(
        PARTY_KT,
        {"competence": "K/T", "signer_position": "PHÓ BÍ THƯ", "signer_name": "Trần Văn Hùng"},
        id="party-signer-t-m-then-k-t",
    ),
    pytest.param(
        HDND_CONG_VAN_INTERLEAVED,
        {
            "organ_name": "THƯỜNG TRỰC HĐND",
            "parent_body": "HĐND XÃ TÂN HÒA",
            "code_notation": "HĐND-TT",
            "issued_date": "2026-01-09",
            "type_name": "Công văn",
            "subject": "V/v đề nghị cung cấp thông tin phục vụ giám sát chuyên đề "
            "về công tác cải cách hành chính",
            "competence": "TM.",
            "signer_name": "Bùi Quang Huy",
        },
        id="hdnd-three-line-vv-beside-the-date",
    ),
    pytest.param(
        CHI_BO_BAO_CAO_TABLE_ORDER,
        {
            "organ_name": "CHI BỘ THÔN 3",
            "parent_body": "ĐẢNG BỘ XÃ TÂN HÒA",
            "code_number": "05",
            "code_notation": "BC/CB",
            "type_name": "Báo cáo",
            "subject": "KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2025 "
            "VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026",
            "competence": "T/M",
            "signer_position": "BÍ THƯ",
            "signer_name": "Nguyễn Thị Mai",
            "recipients": "Đảng ủy xã (b/c)",
        },
        id="party-bao-cao-of-a-chi-bo-signer-before-the-recipients",
    ),
    pytest.param(
        CONG_DIEN_THUONG_KHAN,
        {
            "organ_name": "UBND TỈNH QUẢNG NGÃI",
            "code_notation": "CĐ-UBND",
            "type_name": "Công điện",
            "subject": "Về việc tập trung ứng phó với bão số 11",
            "priority": "Thượng khẩn",
            "signer_position": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
            "signer_name": "Trần Hoàng Tuấn",
            "recipients": "Như trên",
        },
        id="cong-dien-thuong-khan",
    ),
    pytest.param(
        OCR_GLUED_COLUMNS,
        {
            "organ_name": "UBND XÃ TÂN HÒA",
            "parent_body": None,
            "code_notation": "QĐ-UBND",
            "issued_date": "2026-01-05",
            "place": "Tân Hòa",
            "type_name": "Quyết định",
        },
        id="ocr-columns-glued-by-one-space-and-a-draft-mark",
    ),
    pytest.param(
        VE_VIEC_CONG_VAN_WITH_ANNEX,
        {
            "type_name": "Công văn",
            "subject": "Về việc báo cáo số liệu tiêm chủng mở rộng",
            "code_notation": "UBND-VP",
            "issued_date": "2026-03-11",
        },
        id="cong-van-ve-viec-under-the-number-and-an-annex-title-below",
    ),
    pytest.param(
        THREE_LINE_VV,
        {
            "organ_name": "TRUNG TÂM Y TẾ KHU VỰC",
            "parent_body": "SỞ Y TẾ TỈNH QUẢNG NGÃI",
            "place": "Bình Sơn",
            "issued_date": "2026-04-02",
            "subject": "V/v triển khai thực hiện Kế hoạch số 45/KH-SYT ngày 20/3/2026 của Sở Y tế",
        },
        id="three-line-vv-citing-another-document",
    ),
    pytest.param(
        TUQ_SIGNER_ETHNIC_NAME,
        {
            "competence": "TUQ.",
            "signer_position": "TRƯỞNG PHÒNG KINH TẾ",
            "signer_name": "Y Sơn H'Niê",
        },
        id="tuq-signer-with-an-apostrophe-in-the-name",
    ),
    pytest.param(
        SIGNER_CUT_BY_PAGE_END,
        {"competence": "Q.", "signer_position": None, "signer_name": None},
        id="signer-block-cut-by-the-end-of-the-page",
    ),
]

# --- messy fragments: number and notation -----------------------------------------------

CODES = [
    ("Số: 12/QĐ-UBND", "12", "QĐ-UBND"),
    ("Số: 12/2025/QĐ-UBND", "12", "2025/QĐ-UBND"),
    ("Số: 05/UBND-VP", "05", "UBND-VP"),
    ("Số 15-NQ/TU", "15", "NQ/TU"),
    ("Số 357-CV/BTCTU", "357", "CV/BTCTU"),
    ("Số: 12/QĐ--UBND", "12", "QĐ-UBND"),
    ("số 12 /QĐ - UBND", "12", "QĐ-UBND"),
    ("So: 05/UBND-VP", "05", "UBND-VP"),
    ("Số 15 - NQ / TU", "15", "NQ/TU"),
    ("Số: 12/QD-UBND", "12", "QĐ-UBND"),
    ("Số: O5/UBND-VP", "05", "UBND-VP"),
    ("Số: l2/QĐ-UBND", "12", "QĐ-UBND"),
    ("Số:12/2O25/QĐ-UBND", "12", "2025/QĐ-UBND"),
    ("Số: 12/QĐUBND", "12", "QĐ-UBND"),
    ("Số 37-QĐ/TƯ", "37", "QĐ/TW"),
    ("Số 08-QĐi/TW", "08", "QĐi/TW"),
    ("Số 12-CV/DU", "12", "CV/ĐU"),
    ("Số: 45/HDND-VP", "45", "HĐND-VP"),
    ("Số: 16/KH-MTTQ-BTT", "16", "KH-MTTQ-BTT"),
    ("Số 367-QĐ/TWĐTN-VP", "367", "QĐ/TWĐTN-VP"),
    ("Số: 12 – QĐ/UBND", "12", "QĐ/UBND"),
    ("Số 12a-NQ/ĐU", "12a", "NQ/ĐU"),
    ("Số: 12a/UBND-VP", "12a", "UBND-VP"),
    ("Số 15NQ/TU", "15", "NQ/TU"),
    ("số: 245/bc-ubnd", "245", "BC-UBND"),
    ("Số: 88/PGDDT-TCCB", "88", "PGDĐT-TCCB"),
    ("Số: 17/LDTBXH-VP", "17", "LĐTBXH-VP"),
    ("Số:\n17/UBND-VP", "17", "UBND-VP"),
]


@pytest.mark.parametrize(("text", "number", "notation"), CODES)
def test_number_and_notation_in_every_form(text, number, notation):
    result = extract(f"UBND XÃ TÂN HÒA\n{text}\n")
    assert (result.code_number.value, result.code_notation.value) == (number, notation)


def test_a_drafts_blank_number_keeps_the_notation_with_low_confidence():
    result = extract(
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: /TTr-UBND\tKhánh Hòa, ngày tháng 8 năm 2022\n"
    )
    assert result.code_number is MISSING
    assert result.code_notation.value == "TTr-UBND"
    assert result.code_notation.confidence < 0.7
    assert result.issued_date is MISSING and result.place.value == "Khánh Hòa"


def test_a_subject_citing_a_decree_over_two_lines_and_four_line_subjects():
    head = (
        "SỞ XÂY DỰNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 2031/SXD-QLN\tAn Giang, ngày 21 tháng 8 năm 2025\n"
    )
    cited = extract(head + "V/v triển khai Nghị định số\n100/2024/NĐ-CP\nCăn cứ Luật Xây dựng;\n")
    assert cited.subject.value == "V/v triển khai Nghị định số 100/2024/NĐ-CP"
    long = extract(
        head + "V/v hướng dẫn tổ chức các hoạt động\nchào mừng Đại hội Công đoàn tỉnh lần\n"
        "thứ X, nhiệm kỳ 2015 - 2020 và Tháng\nCông nhân năm 2015\nCăn cứ Điều lệ;\n"
    )
    assert long.subject.value.endswith("và Tháng Công nhân năm 2015")


def test_the_prime_ministers_signature_and_a_recipient_named_luu_tru():
    result = extract(
        "CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 30/2020/NĐ-CP\tHà Nội, ngày 05 tháng"
        " 3 năm 2020\nNGHỊ ĐỊNH\nVề công tác văn thư\nCăn cứ Luật;\n"
        "Nơi nhận:\tTM. CHÍNH PHỦ\n- Ban Bí thư;\tTHỦ TƯỚNG\n- Lưu trữ lịch sử;\n- Lưu: VT.\n"
        "Nguyễn Xuân Phúc\n"
    )
    assert result.signer_position.value == "THỦ TƯỚNG"
    assert result.signer_name.value == "Nguyễn Xuân Phúc"
    assert result.recipients.value == "Ban Bí thư; Lưu trữ lịch sử"


def test_a_number_cited_in_the_body_is_not_the_documents_number():
    result = extract("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020;\n")
    assert result.code_number is MISSING
    assert result.code_notation is MISSING
    assert result.issued_date is MISSING


# --- type names: the CAPS line first, else the notation's abbreviation ------------------

TYPES = [
    ("QUYẾT ĐỊNH", "Quyết định"),
    ("QUY ĐỊNH", "Quy định"),
    ("CHỈ THỊ", "Chỉ thị"),
    ("HƯỚNG DẪN", "Hướng dẫn"),
    ("TỜ TRÌNH", "Tờ trình"),
    ("KẾT LUẬN", "Kết luận"),
    ("THÔNG TRI", "Thông tri"),
    ("QUY CHẾ", "Quy chế"),
    ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch"),
    ("KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐẠI ĐOÀN KẾT", "Kế hoạch"),
    ("Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND xã", None),
]


@pytest.mark.parametrize(("line", "name"), TYPES)
def test_type_name_from_the_caps_line(line, name):
    assert extract(f"UBND XÃ TÂN HÒA\n{line}\n").type_name.value == name


NOTATION_TYPES = [
    ("Số: 03/TTr-UBND", "Tờ trình"),
    ("Số: 12/TT-BNV", "Thông tư"),
    ("Số 12-TT/TU", "Thông tri"),
    ("Số 08-QĐi/TW", "Quy định"),
    ("Số: 08/QyĐ-UBND", "Quy định"),
    ("Số: 05/UBND-VP", None),
]


@pytest.mark.parametrize(("code", "name"), NOTATION_TYPES)
def test_type_name_from_the_notation_when_there_is_no_type_line(code, name):
    result = extract(f"UBND XÃ TÂN HÒA\n{code}\n")
    assert result.type_name.value == name
    assert result.type_name.confidence == (0.7 if name else 0.0)


# --- dates and places -------------------------------------------------------------------

DATES = [
    ("Tân Hòa, ngày 05 tháng 01 năm 2026", "2026-01-05", "Tân Hòa"),
    ("Tân Hòa, ngày 5 tháng 1 năm 2026", "2026-01-05", "Tân Hòa"),
    ("Hà Nội, 05/01/2026", "2026-01-05", "Hà Nội"),
    ("Hà Nội, ngày 05-01-2026", "2026-01-05", "Hà Nội"),
    ("05/01/2026", "2026-01-05", None),
    ("Ngày 05.01.2026", "2026-01-05", None),
    ("TP. Hồ Chí Minh, ngày 28 tháng 02 năm 2026", "2026-02-28", "TP. Hồ Chí Minh"),
    ("Tan Hoa, ngay O5 thang Ol nam 2O26", "2026-01-05", "Tan Hoa"),
    ("Tân Hòa, ngày 31 tháng 02 năm 2026", None, "Tân Hòa"),
    ("Hà Nội, ngày      tháng      năm 2026", None, "Hà Nội"),
]


@pytest.mark.parametrize(("text", "iso", "place"), DATES)
def test_dates_in_every_form_with_the_place(text, iso, place):
    result = extract(f"Số: 01/UBND-VP          {text}\n")
    assert (result.issued_date.value, result.place.value) == (iso, place)


# --- urgency and secrecy ----------------------------------------------------------------

MARKS = [
    ("KHẨN", "Khẩn", ""),
    ("THƯỢNG KHẨN", "Thượng khẩn", ""),
    ("HỎA TỐC", "Hỏa tốc", ""),
    ("HỎA TỐC HẸN GIỜ", "Hỏa tốc hẹn giờ", ""),
    ("MẬT", "Thường", "Mật"),
    ("TỐI MẬT", "Thường", "Tối mật"),
    ("TUYỆT MẬT", "Thường", "Tuyệt mật"),
    ("THƯỢNG KHẨN     MẬT", "Thượng khẩn", "Mật"),
    ("KHAN", "Khẩn", ""),
    ("V/v khẩn trương triển khai công tác phòng, chống bão", "Thường", ""),
    ("NGHỊ QUYẾT VỀ CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC", "Thường", ""),
    ("KHẨN TRƯƠNG KHẮC PHỤC HẬU QUẢ", "Thường", ""),
]


@pytest.mark.parametrize(("line", "priority", "secrecy"), MARKS)
def test_urgency_and_secrecy_marks_are_whole_words_on_their_own(line, priority, secrecy):
    result = extract(f"UBND XÃ TÂN HÒA\nSố: 01/UBND-VP\n{line}\n")
    assert (result.priority.value, result.secrecy.value) == (priority, secrecy)


# --- whole pages ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_whole_first_pages(text, expected):
    result = extract(text)
    found = {name: getattr(result, name).value for name in expected}
    assert found == expected


# --- confidences and spans --------------------------------------------------------------


def test_what_the_text_does_not_say_has_zero_confidence_and_no_span():
    result = extract(QPPL_QUYET_DINH)
    for field in (result.signer_name, result.signer_position, result.competence):
        assert (field.value, field.confidence, field.span) == (None, 0.0, None)
    assert result.recipients.confidence == 0.0


def test_absent_stamps_propose_normal_with_low_confidence():
    result = extract(UBND_XA_QUYET_DINH)
    assert (result.priority.value, result.secrecy.value) == ("Thường", "")
    assert result.priority.confidence <= 0.3 and result.secrecy.confidence <= 0.3
    stamped = extract(URGENT_SECRET)
    assert stamped.priority.confidence >= 0.9 and stamped.secrecy.confidence >= 0.9


def test_a_clean_number_is_surer_than_a_repaired_one():
    clean = extract("Số: 12/QĐ-UBND")
    repaired = extract("So: 12 /QD - UBND")
    assert clean.code_notation.value == repaired.code_notation.value
    assert clean.code_notation.confidence > repaired.code_notation.confidence >= 0.7


def test_a_type_read_from_the_notation_is_less_sure_than_the_type_line():
    guessed = extract(BAN_TO_CHUC_CONG_VAN).type_name
    written = extract(UBND_XA_QUYET_DINH).type_name
    assert guessed.value == "Công văn" and written.value == "Quyết định"
    assert guessed.confidence < written.confidence


def test_a_bare_numeric_date_is_less_sure_than_the_full_header_date():
    bare = extract("05/01/2026").issued_date
    full = extract("Tân Hòa, ngày 05 tháng 01 năm 2026").issued_date
    assert bare.value == full.value == "2026-01-05"
    assert bare.confidence < full.confidence


def test_a_header_without_the_national_motto_is_less_sure():
    with_motto = extract(UBND_XA_QUYET_DINH).organ_name
    without = extract("UBND XÃ TÂN HÒA\nSố: 12/QĐ-UBND\n").organ_name
    assert with_motto.value == without.value
    assert without.confidence < with_motto.confidence


def test_spans_point_at_the_text_they_were_read_from():
    result = extract(UBND_XA_QUYET_DINH)
    text = UBND_XA_QUYET_DINH
    spans = {
        "code_notation": "QĐ-UBND",
        "place": "Tân Hòa",
        "type_name": "QUYẾT ĐỊNH",
        "signer_name": "Nguyễn Văn An",
        "organ_name": "UBND XÃ TÂN HÒA",
    }
    for name, written in spans.items():
        span = getattr(result, name).span
        assert span is not None and text[span[0] : span[1]] == written, name


def test_spans_refer_to_decomposed_input_too():
    text = unicodedata.normalize("NFD", UBND_XA_QUYET_DINH)
    result = extract(text)
    assert result.place.value == "Tân Hòa"
    span = result.place.span
    assert span is not None
    assert unicodedata.normalize("NFC", text[span[0] : span[1]]) == "Tân Hòa"


def test_spans_refer_to_windows_line_endings_too():
    text = UBND_XA_QUYET_DINH.replace("\n", "\r\n")
    result = extract(text)
    span = result.signer_name.span
    assert span is not None and text[span[0] : span[1]] == "Nguyễn Văn An"


def test_a_party_star_glued_to_the_issuer_is_not_part_of_its_name():
    result = extract("ĐẢNG ỦY XÃ TÂN HÒA *       ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-CV/ĐU\n")
    assert result.organ_name.value == "ĐẢNG ỦY XÃ TÂN HÒA"


def test_an_empty_text_proposes_nothing():
    result = extract("")
    assert result.organ_name is MISSING and result.code_number is MISSING
    assert result.subject is MISSING and result.issued_date is MISSING


# --- edXML view -------------------------------------------------------------------------


def test_as_edxml_uses_the_system_field_names_and_an_iso_date():
    edxml = extract(UBND_XA_QUYET_DINH).as_edxml()
    assert set(edxml) == {
        "OrganName", "CodeNumber", "CodeNotation", "IssuedDate", "TypeName", "Subject",
        "SignerInfo", "Priority", "Place", "Competence", "Secrecy",
    }  # fmt: skip
    assert edxml["IssuedDate"] == {"value": "2026-01-05", "confidence": 0.95}
    assert edxml["CodeNotation"] == {"value": "QĐ-UBND", "confidence": 0.95}
    signer = edxml["SignerInfo"]
    assert isinstance(signer, dict) and set(signer) == {"Position", "FullName"}
    assert signer["FullName"] == {"value": "Nguyễn Văn An", "confidence": 0.9}


# --- forms found by the accuracy set (bench/intake/set) ---------------------------------

_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n"


@pytest.mark.parametrize(
    ("left", "organ", "parent"),
    [
        (["BỘ NỘI VỤ", "VỤ CÔNG CHỨC - VIÊN CHỨC"], "VỤ CÔNG CHỨC - VIÊN CHỨC", "BỘ NỘI VỤ"),
        (
            ["LĐLĐ TỈNH BẮC GIANG", "CÔNG ĐOÀN VIÊN CHỨC TỈNH"],
            "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
            "LĐLĐ TỈNH BẮC GIANG",
        ),
        (
            ["UBND TỈNH LÂM ĐỒNG", "SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"],
            "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
            "UBND TỈNH LÂM ĐỒNG",
        ),
    ],
)
def test_a_unit_under_its_parent_is_a_body_of_its_own(left, organ, parent):
    text = (
        f"{left[0]}\t{_MOTTO}"
        + "\n".join(left[1:])
        + "\nSố: 15/KH-X\tHà Nội, ngày 02 tháng 3 năm 2025\n"
    )
    result = extract(text)
    assert (result.organ_name.value, result.parent_body.value) == (organ, parent)


@pytest.mark.parametrize(
    ("line", "number", "notation"),
    [
        ("Số: 85/BC HĐND", "85", "BC-HĐND"),  # a hyphen lost to a space
        ("Số: 12/QĐ UBND", "12", "QĐ-UBND"),
        ("Số: 7/2024/QĐ UBND", "7", "2024/QĐ-UBND"),
        ("Số 15 NQ/TU", "15", "NQ/TU"),
        ("Luật số: 31/2024/QH15", "31", "2024/QH15"),  # a law's number
    ],
)
def test_numbers_in_less_usual_forms(line, number, notation):
    result = extract(f"HỘI ĐỒNG NHÂN DÂN\t{_MOTTO}{line}\tKế Sách, ngày 15 tháng 10 năm 2016\n")
    assert (result.code_number.value, result.code_notation.value) == (number, notation)


def test_a_capitalised_word_after_the_code_in_the_same_cell_is_not_part_of_it():
    result = extract("Số: 12/UBND-VP Lâm Đồng, ngày 02 tháng 3 năm 2025\n")
    assert result.code_notation.value == "UBND-VP"


@pytest.mark.parametrize(
    ("line", "notation"),
    [("Số: 45/CĐVC", "CĐVC"), ("Số: 8/TTr-NS", "TTr-NS")],
)
def test_a_cong_van_keeps_a_code_that_looks_like_a_type(line, notation):
    """Công đoàn viên chức signs "CĐVC" (not Công điện "CĐ"), Thanh tra "TTr" (not Tờ
    trình): under a V/v the page is a công văn whatever its code looks like."""
    date = "Cà Mau, ngày 15 tháng 9 năm 2024"
    text = f"CÔNG ĐOÀN VIÊN CHỨC TỈNH\t{_MOTTO}{line}\t{date}\nV/v báo cáo thống kê\n"
    result = extract(text)
    assert (result.code_notation.value, result.type_name.value) == (notation, "Công văn")


def test_a_glued_notation_still_splits_on_a_decision():
    text = f"ỦY BAN NHÂN DÂN\t{_MOTTO}Số: 12/QĐUBND\tTân Hòa, ngày 05 tháng 01 năm 2026\n"
    assert extract(text).code_notation.value == "QĐ-UBND"


# --- OCR'd marks put back from the administrative lexicon ---------------------------------

_OCR_PAGE = (
    "UBND TỈNH QUẢNG NGÃI\t" + _MOTTO + "BAN TUYẾN GIÁO VÀ DÂN VẬN\n"
    "Số: 48/BTG-KT\tQuảng Ngõi, ngày 26 tháng 12 năm 2020\n"
    "V/v thực hiện Cuộc vận động Toàn dần\nđoàn kết xây dựng đô thị văn mỉnh\n\n"
    "Kính gửi: Các sở, ban, ngành;\n"
    "Nơi nhận:\tKT. TRƯỞNG BAN\n- Như trên;\tPHÓ TRƯỞNG BAN\n- Lưu: VT.\tĐàng Thị Mỹ Hương\n"
)


def test_marks_misread_by_ocr_are_put_back_in_words_of_the_lexicon():
    result = extract(_OCR_PAGE)
    assert result.subject.value == (
        "V/v thực hiện Cuộc vận động Toàn dân đoàn kết xây dựng đô thị văn minh"
    )
    assert result.organ_name.value == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    assert result.place.value == "Quảng Ngãi"
    # Repaired values are a little less sure than clean ones.
    assert result.subject.confidence < 0.9


def test_names_of_people_and_words_outside_the_lexicon_stay_as_read():
    assert extract(_OCR_PAGE).signer_name.value == "Đàng Thị Mỹ Hương"  # not "Đặng"
    page = (
        "BỘ TÀI CHÍNH\t"
        + _MOTTO
        + "CỤC QUẢN LÝ CÔNG SẢN\nSố: 5/QLCS-TH\tHà Nội, ngày 02 tháng 3 năm 2025\n"
    )
    assert extract(page).organ_name.value == "CỤC QUẢN LÝ CÔNG SẢN"  # not "CỘNG SẢN"


def test_a_text_without_any_marks_is_not_given_some():
    page = (
        "UBND TINH QUANG NGAI\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "So: 48/UBND-KT\tQuang Ngai, ngay 26 thang 12 nam 2020\nV/v tuyen truyen phap luat\n"
    )
    result = extract(page)
    assert result.subject.value == "V/v tuyen truyen phap luat"
    assert result.place.value == "Quang Ngai"


def test_a_value_that_looks_badly_read_gets_a_low_confidence():
    page = _OCR_PAGE.replace("PHÓ TRƯỞNG BAN", "PHÓ TRƯỞNG B~AN")
    assert extract(page).signer_position.confidence <= 0.4
    assert extract(_OCR_PAGE).signer_position.confidence > 0.4


def test_specks_read_as_quotes_or_commas_are_dropped_and_make_it_less_sure():
    page = _OCR_PAGE.replace("PHÓ TRƯỞNG BAN", "PHÓ TRƯỞNG 'BAN").replace("Đàng Thị", "Đàng 'Thị")
    result = extract(page.replace("UBND TỈNH QUẢNG NGÃI", "UBND TỈNH QUẢNG NGÃI,"))
    assert result.signer_position.value == "PHÓ TRƯỞNG BAN"
    assert result.signer_name.value == "Đàng Thị Mỹ Hương"
    assert result.signer_name.confidence < extract(_OCR_PAGE).signer_name.confidence
    assert result.parent_body.value == "UBND TỈNH QUẢNG NGÃI"


def test_a_surname_misread_into_no_surname_is_put_right():
    page = _OCR_PAGE.replace("Đàng Thị", "Đỉnh Thị")
    assert extract(page).signer_name.value == "Đinh Thị Mỹ Hương"


def test_a_year_is_preceded_by_nam_and_a_capital_syllable_in_a_place_is_lowered():
    page = _OCR_PAGE.replace("Quảng Ngõi,", "VỊ Xuyên,").replace("văn mỉnh", "nắm 2020")
    result = extract(page)
    assert result.place.value == "Vị Xuyên"
    assert result.subject.value.endswith("xây dựng đô thị năm 2020")


@pytest.mark.parametrize(
    ("line", "title", "notation"),
    [
        ("Số: 63/CTTr-MTTW-BTT", "CHƯƠNG TRÌNH", "CTr-MTTW-BTT"),  # a letter read twice
        ("Số: 75/TITr-CCVC", "TỜ TRÌNH", "TTr-CCVC"),
        ("Số: 20/CIr-UBND", "CHƯƠNG TRÌNH", "CTr-UBND"),
        ("Số: 23/HĐÐND-KGVX", "", "HĐND-KGVX"),  # Đ read as Đ and an eth
        ("Số 815-TT/BNCHỦ", "THÔNG TRI", "TT/BNCHU"),  # no marks in a code
        ("Số 139CV/BTCHUỦ", "", "CV/BTCHU"),
        ("Số 12-CT/TƯ", "CHỈ THỊ", "CT/TW"),
    ],
)
def test_codes_damaged_by_ocr(line, title, notation):
    page = f"HUYỆN ỦY MỘ ĐỨC\tĐẢNG CỘNG SẢN VIỆT NAM\n{line}\tMộ Đức, ngày 02 tháng 3 năm 2025\n"
    assert extract(page + title + "\n").code_notation.value == notation


def test_an_ocr_damaged_vv_under_the_number_is_still_the_subject():
    for damaged in ("V⁄%", "V⁄w"):
        page = f"UBND HUYỆN MỘ ĐỨC\t{_MOTTO}Số: 5/UBND-VP\tMộ Đức, ngày 02 tháng 3 năm 2025\n"
        result = extract(page + f"{damaged} triển khai Chiến dịch hè\n")
        assert result.subject.value == "V/v triển khai Chiến dịch hè"
        assert result.type_name.value == "Công văn"


def test_a_wide_issuer_glued_to_the_national_name_by_ocr_is_cut_from_it():
    page = "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCHCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    page += "Độc lập - Tự do - Hạnh phúc\nSố: 5/BVHTTDL-VP\tHà Nội, ngày 02 tháng 3 năm 2025\n"
    assert extract(page).organ_name.value == "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"


@pytest.mark.parametrize(
    ("head", "capacity", "competence"),
    [
        ("HUYỆN ỦY MỘ ĐỨC\tĐẢNG CỘNG SẢN VIỆT NAM\nSố 5-CV/HU", "TM BAN THƯỜNG VỤ", "T/M"),
        (f"UBND HUYỆN MỘ ĐỨC\t{_MOTTO}Số: 5/UBND-VP", "KT CHỦ TỊCH", "KT."),
    ],
)
def test_a_signing_capacity_whose_dot_or_slash_ocr_lost(head, capacity, competence):
    page = f"{head}\tMộ Đức, ngày 02 tháng 3 năm 2025\nV/v họp\n\nNơi nhận:\t{capacity}\n"
    page += "- Như trên;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\n\nVõ Văn Lan\n"
    result = extract(page)
    assert (result.competence.value, result.signer_name.value) == (competence, "Võ Văn Lan")
    assert result.competence.confidence < 0.9


def test_a_place_one_letter_off_the_unit_in_the_header_takes_the_headers_spelling():
    page = f"ỦY BAN NHÂN DÂN\t{_MOTTO}HUYỆN KRÔNG PẮC\nSố: 5/UBND-VP\t"
    page += "Krông Đắc, ngày 02 tháng 3 năm 2025\n"
    result = extract(page)
    assert result.place.value == "Krông Pắc" and result.place.confidence <= 0.75
    same = extract(page.replace("Krông Đắc", "Krông Pắc"))
    assert same.place.value == "Krông Pắc" and same.place.confidence >= 0.95
    elsewhere = extract(page.replace("Krông Đắc", "Buôn Ma Thuột"))
    assert elsewhere.place.value == "Buôn Ma Thuột"


def test_a_province_in_a_body_name_gets_its_marks_back():
    page = f"UBND TỈNH TUYỂN QUANG\t{_MOTTO}SỞ NỘI VỤ\nSố: 5/SNV-VP\t"
    page += "Tuyên Quang, ngày 02 tháng 3 năm 2025\n"
    assert extract(page).parent_body.value == "UBND TỈNH TUYÊN QUANG"


def test_the_lexicon_takes_marks_away_but_never_adds_one(monkeypatch):
    from vanphong.intake import extraction_lexicon

    assert extraction_lexicon.repair("bảo đảm an nỉnh trật tự") == "bảo đảm an ninh trật tự"
    # Were "cộng tác" the only word of the lexicon spelt so, a right "công tác" would still
    # stay: the repair would add a mark.
    monkeypatch.setitem(extraction_lexicon._LEXICON_FOLDS, "cong tac", "cộng tác")
    monkeypatch.setattr(extraction_lexicon, "_LEXICON", set())
    assert extraction_lexicon.repair("triển khai công tác") == "triển khai công tác"
    assert extraction_lexicon.repair("triển khai cộng tắc") == "triển khai cộng tác"


def test_a_list_dash_read_as_an_underscore_is_still_a_recipient_line():
    page = f"VĂN PHÒNG CHÍNH PHỦ\t{_MOTTO}Số: 5/VPCP-TH\tHà Nội, ngày 02 tháng 3 năm 2025\n"
    page += "V/v họp\n\nNơi nhận:\tBỘ TRƯỞNG, CHỦ NHIỆM\n- Như trên;\n_ Hữu: VT,\tLê Thanh Oanh\n"
    result = extract(page)
    assert (result.signer_position.value, result.signer_name.value) == (
        "BỘ TRƯỞNG, CHỦ NHIỆM",
        "Lê Thanh Oanh",
    )


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("xây dựng nông thôn mới, đô thị văn mỉnh", "xây dựng nông thôn mới, đô thị văn minh"),
        ("Phần công nhiệm vụ các thành viên", "Phân công nhiệm vụ các thành viên"),
        ("Quy định chỉ tiết một số điều", "Quy định chi tiết một số điều"),
        ("BAN TUYẾN GIÁO", "BAN TUYÊN GIÁO"),
    ],
)
def test_the_dictionary_takes_away_tone_marks_ocr_added(read, meant):
    from vanphong.intake import extraction_lexicon

    assert extraction_lexicon.repair(read) == meant


@pytest.mark.parametrize(
    "right",
    [
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",  # "sơ giao" is a word, but "giáo dục" holds "GIÁO"
        "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",  # "tinh binh" too, but "bình định" holds it
        "LĐLĐ TỈNH BÌNH PHƯỚC",  # a province
        "vận động ủng hộ Quỹ Vì người nghèo",  # a name: "quý vị" is not put there
        "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "chuyển sinh hoạt đảng cho đảng viên",
        "triển khai công tác",  # "cộng tác" would add a mark
    ],
)
def test_the_dictionary_leaves_right_text_alone(right):
    from vanphong.intake import extraction_lexicon

    assert extraction_lexicon.repair(right) == right


def test_the_dictionary_comes_from_outside_the_benchmark_and_keeps_todays_tone_placement():
    from vanphong.intake import extraction_lexicon

    words = extraction_lexicon.dictionary()
    assert len(words) > 60_000
    assert "ủy ban" in words and "uỷ ban" not in words
    assert "hòa bình" in words and "hoà bình" not in words


def test_the_offices_vocabulary_puts_back_words_the_dictionary_lacks():
    from vanphong.intake import extraction_lexicon
    from vanphong.intake.vocabulary import learn

    read = "V/v chi trả lương hửu cho cán bộ nghỉ hưu"
    meant = "V/v chi trả lương hưu cho cán bộ nghỉ hưu"
    assert extraction_lexicon.repair(read) == read  # "lương hưu" is in no word list
    seen_once = learn(["Về việc chi trả lương hưu năm 2025"])
    assert "lương hưu" not in seen_once
    office = learn(["Về việc chi trả lương hưu năm 2025", "V/v điều chỉnh lương hưu"])
    assert "lương hưu" in office
    assert extraction_lexicon.repair(read, office) == meant
    assert extract(f"Số: 5/UBND-VP\n{read}\n", office).subject.value == meant
