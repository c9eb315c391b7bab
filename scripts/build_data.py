"""Build craftmap's shipped dataset: data/*.geojson, data/sources.csv and data/README.md.

Inputs: the MIT commune polygons and the 2025 merge table in ``<shared>/data/boundaries`` (nothing from
``reference-gpl/``), plus the sourced facts written below as plain records; every record cites ids of
``data/sources.csv``. A figure that no source gives is ``None``. Run from the repository root:

    .venv/bin/python scripts/build_data.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points

from geo.model.collections import COLLECTIONS

Rec = dict[str, Any]
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data"
_FWD = Transformer.from_crs("EPSG:4326", "EPSG:3405", always_xy=True)  # VN-2000 / UTM zone 48N
_INV = Transformer.from_crs("EPSG:3405", "EPSG:4326", always_xy=True)
ILL = ["craftmap-illustrative"]
ILL_NOTE = "Illustrative: no public data exists for this; made up by craftmap to show the capability."

# -------------------------------------------------------- sources: id, title, publisher, address, date
SOURCES: list[tuple[str, str, str, str, str]] = [
    ("seed-004", "Phát triển làng nghề tại Hải Phòng: Từng bước từ bỏ mô hình nhỏ lẻ", "haiphong24h.org",
     "https://haiphong24h.org/phat-trien-lang-nghe-tai-hai-phong-tung-buoc-tu-bo-mo-hinh-nho-le-a117361"
     ".html", ""),
    ("seed-000", "Hải Phòng: Hỗ trợ cơ sở công nghiệp nông thôn đổi mới thiết bị", "Tạp chí Công Thương",
     "https://tapchicongthuong.vn/hai-phong--ho-tro-co-so-cong-nghiep-nong-thon-doi-moi-thiet-bi-21216"
     ".htm", ""),
    ("ipc1-my-dong", "Khuyến công Hải Phòng: Tập trung phát triển nghề cơ khí đúc tại xã Mỹ Đồng",
     "ipc1.gov.vn",
     "https://ip.ipc1.gov.vn/khuyen-cong-hai-phong-tap-trung-phat-trien-nghe-co-khi-duc-tai-xa-my-dong/",
     "2021-09-13"),
    ("cntd-my-dong", "Khuyến công Hải Phòng: Tập trung phát triển nghề cơ khí đúc tại xã Mỹ Đồng",
     "congnghieptieudung.vn", "http://congnghieptieudung.vn/khuyen-cong-hai-phong-tap-trung-phat-trien-"
     "nghe-co-khi-duc-tai-xa-my-dong-dt35548", ""),
    ("hiephoi-my-dong", "Thăm và làm việc với làng nghề đúc Mỹ Đồng", "hiephoilangnghehaiphong.com",
     "https://hiephoilangnghehaiphong.com/tham-va-lam-viec-voi-lang-nghe-duc-my-dong/", ""),
    ("haiphongnews-my-dong", "Đúc Mỹ Đồng – sức sống của làng nghề truyền thống trong thời đại mới",
     "haiphongnews.gov.vn", "https://haiphongnews.gov.vn/vn/du-lich/duc-my-dong-suc-song-cua-lang-nghe-"
     "truyen-thong-trong-thoi-dai-moi-ct547.html", ""),
    ("hiephoi-bao-ha", "Làng nghề tạc tượng Bảo Hà ở Hải Phòng", "hiephoilangnghehaiphong.com",
     "https://hiephoilangnghehaiphong.com/lang-nghe-tac-tuong-bao-ha-o-hai-phong/", ""),
    ("thegioidisan-bao-ha", "Làng nghề tạc tượng Bảo Hà", "thegioidisan.vn",
     "http://thegioidisan.vn/vi/lang-nghe-tac-tuong-bao-ha.html", ""),
    ("heritage-bao-ha", "Hồn của tượng", "heritagevietnamairlines.com",
     "https://heritagevietnamairlines.com/hon-cua-tuong/", ""),
    ("haiphonginfo-bao-ha", "Làng tạc tượng gỗ Bảo Hà", "haiphonginfo.vn",
     "https://haiphonginfo.vn/lang-nghe-truyen-thong/lang-tac-tuong-go-bao-ha-2953", ""),
    ("wikipedia-chinh-my", "Làng mây tre đan Chính Mỹ", "Wikipedia tiếng Việt (CC BY-SA)",
     "https://vi.wikipedia.org/wiki/L%C3%A0ng_m%C3%A2y_tre_%C4%91an_Ch%C3%ADnh_M%E1%BB%B9", ""),
    ("langngheviet-kinh-giao", "Làng nghề bánh đa Kinh Giao nổi tiếng đất Cảng", "langngheviet.com.vn",
     "https://langngheviet.com.vn/lang-nghe-banh-da-kinh-giao-noi-tieng-dat-cang-21923.html", ""),
    ("nhadatphoviet-o-nhiem", "Giảm thiểu tình trạng gây ô nhiễm ở các làng nghề tại Hải Phòng",
     "nhadatphoviet.com", "https://nhadatphoviet.com/giam-thieu-tinh-trang-gay-o-nhiem-o-cac-lang-nghe-"
     "tai-hai-phong.html.html", ""),
    ("langngheviet-bao-ton", "Bảo tồn và phát triển làng nghề truyền thống của thành phố Hải Phòng",
     "langngheviet.com.vn", "https://langngheviet.com.vn/bao-ton-va-phat-trien-lang-nghe-truyen-thong-"
     "cua-thanh-pho-hai-phong-26620.html", ""),
    ("ducgang-my-dong", "Làng nghề đúc Mỹ Đồng Thủy Nguyên", "ducgang.vn",
     "https://ducgang.vn/lang-nghe-duc-my-dong-thuy-nguyen/", ""),
    ("arit-cum-diem-cn", "Hải Phòng phát triển nghề gắn với quy hoạch các cụm, điểm công nghiệp",
     "arit.gov.vn", "http://arit.gov.vn/tin-tuc/hai-phong-phat-trien-nghe-gan-voi-quy-hoach-cac-cum-"
     "diem-cong-nghiep-3076ad1b_3446", ""),
    ("vneconomy-ccn-2023", "Hải Phòng bổ sung 2 cụm công nghiệp gần 120 ha vào quy hoạch", "VnEconomy",
     "https://vneconomy.vn/hai-phong-bo-sung-2-cum-cong-nghiep-gan-120-ha-vao-quy-hoach.htm", "2023-10"),
    ("cafef-ccn-2023", "Hải Phòng thành lập hai cụm công nghiệp với diện tích gần 100 ha", "CafeF",
     "https://cafef.vn/hai-phong-thanh-lap-hai-cum-cong-nghiep-voi-dien-tich-gan-100-ha-"
     "20230213165435437.chn", "2023-02-13"),
    ("realcom-nuoc-thai", "Xử lý nước thải tập trung và được xử lý theo quy định (reworded copy)",
     "realcom.vn",
     "http://realcom.vn/threads/97741-xu-ly-nuoc-thai-tap-trung-va-duoc-xu-ly-theo-quy-dinh.html", ""),
    ("ipc1-ke-hoach-2017", "Khuyến công Hải Phòng: Dồn sức hoàn thành kế hoạch năm", "ipc1.gov.vn",
     "https://ipc1.gov.vn/khuyen-cong-hai-phong-don-suc-hoan-thanh-ke-hoach-nam/", "2017-09-15"),
    ("baoquocte-khuyen-cong", "Trung tâm Khuyến công và những đóng góp thiết thực trong công cuộc phát "
     "triển công nghiệp Hải Phòng", "baoquocte.vn", "https://baoquocte.vn/trung-tam-khuyen-cong-va-"
     "nhung-dong-gop-thiet-thuc-trong-cong-cuoc-phat-trien-cong-nghiep-hai-phong-149922.html", ""),
    ("cntd-tiep-suc-2025", "Khuyến công tiếp sức cho các doanh nghiệp, cơ sở công nghiệp nông thôn",
     "congnghieptieudung.vn", "https://congnghieptieudung.vn/khuyen-cong-tiep-suc-cho-cac-doanh-nghiep-"
     "co-so-cong-nghiep-nong-thon-dt53099", "2025"),
    ("thanhnien-2024", "Thành phố ở Việt Nam: Hải Phòng – hoa phượng ném giữa trời xanh từng vốc lửa",
     "Thanh Niên", "https://thanhnien.vn/thanh-pho-o-viet-nam-hai-phong-hoa-phuong-nem-giua-troi-xanh-"
     "tung-voc-lua-185240809144028229.htm", "2024-08"),
    ("vtcnews-thuy-nguyen", "Hải Phòng thành lập thành phố Thủy Nguyên", "VTC News",
     "https://vtcnews.vn/hai-phong-thanh-lap-thanh-pho-thuy-nguyen-ar905645.html", "2024"),
    ("vietnamnet-an-duong", "Hải Phòng: Huyện An Dương lên quận, huyện Thủy Nguyên lên thành phố từ "
     "năm 2025", "VietNamNet", "https://vietnamnet.vn/hai-phong-huyen-an-duong-len-quan-huyen-thuy-"
     "nguyen-len-thanh-pho-tu-nam-2025-2338574.html", "2024"),
    ("nghean24h-114-xa", "TP Hải Phòng có 114 ĐVHC cấp xã gồm 67 xã, 45 phường và 2 đặc khu sau khi "
     "sắp xếp", "nghean24h.vn", "https://nghean24h.vn/tp-hai-phong-co-114-dvhc-cap-xa-gom-67-xa-45-"
     "phuong-va-2-dac-khu-sau-khi-sap-xep-a754164.html", "2025-06"),
    ("vietnam63", "vietnam63: polygons of the communes, districts and provinces of Vietnam (MIT)",
     "Marc Choisy (IRD)", "https://github.com/choisy/vietnam63", "2017-05-12"),
    ("dvhcvn-20250701", "Administrative units of Vietnam from 2025-07-01: mapping/merges.json (MIT)",
     "dvhcvn", "https://github.com/dvhcvn/20250701", "2025-07-12"),
    ("gso-codes-2019", "GSO administrative unit codes, October 2019 list (data/dvhcvn.json at 2f06b92); "
     "codes only", "General Statistics Office of Viet Nam, via daohoangson/dvhcvn",
     "https://github.com/daohoangson/dvhcvn", "2019-10-25"),
    ("craftmap-illustrative", "Illustrative records made by craftmap to show a capability; not real data",
     "craftmap", "", ""),
]
ENGLISH = {"vietnam63", "dvhcvn-20250701", "gso-codes-2019", "craftmap-illustrative"}

# -------------------------------------------------------- villages (FACTS A); point = commune centroid
NAMED_BY_CRAFT = ("The source lists the craft by commune without naming a village; the record is named "
                  "after the craft and the commune.")
LIST = ["langngheviet-bao-ton"]
VILLAGES: list[Rec] = [
    {"id": "v-my-dong", "name": "Làng nghề đúc Mỹ Đồng", "commune_id": "11521", "_ll": (106.63284, 20.93895),
     "crafts": ["đúc kim loại", "rèn", "cơ khí"], "craft_group": "metal",
     "recognition": "traditional_craft_village", "establishments": 193, "output_tonnes_per_year": 126000,
     "production_value_vnd": 1993000000000, "figures_year": 2020, "pollution_risk": "high",
     "description": "Nghề đúc hình thành từ đầu thế kỷ 20 (đúc lưỡi cày, cuốc thủ công tại hộ gia đình); "
     "nghề rèn có từ trước đó. Năm 2020 xã có 193 cơ sở đúc, cơ khí, sản lượng 126.000 tấn/năm, giá trị "
     "sản xuất 1.993 tỷ đồng, tăng trưởng 18%. Xã có 67 hộ đúc (khoảng 50% xuất khẩu), 28 hộ cơ khí, "
     "35 hộ rèn và 1 cơ sở luyện thép; gần 200 doanh nghiệp nhỏ và vừa; làng nghề đã hình thành khu "
     "công nghiệp làng nghề Mỹ Đồng.",
     "notes": "Merges FACTS A1–A4. Figures of 2020 (A1). Household counts (A2, 2023) are by trade, so "
     "households is null. Recognised as a traditional craft village by decision of the city People's "
     "Committee (A1); decision number and year not found.",
     "sources": ["ipc1-my-dong", "cntd-my-dong", "hiephoi-my-dong", "haiphongnews-my-dong",
                 "nhadatphoviet-o-nhiem"]},
    {"id": "v-bao-ha", "name": "Làng tạc tượng Bảo Hà", "commune_id": "11875", "_ll": (106.46711, 20.64806),
     "crafts": ["tạc tượng gỗ", "điêu khắc gỗ", "sơn mài", "rối cạn"], "craft_group": "wood_stone",
     "products": ["tượng gỗ", "hoành phi", "câu đối"],
     "description": "Làng Bảo Hà, xã Đồng Minh. Đình làng thờ ông tổ nghề tạc tượng Nguyễn Công Huệ "
     "(theo một nguồn, ông lập hoặc khôi phục nghề vào khoảng thế kỷ 15); nghề tạc tượng sinh ra nghề "
     "rối cạn. Được ghi là 'Làng nghề truyền thống điêu khắc gỗ – sơn mài'. Cách trung tâm thành phố "
     "hơn 30 km; điểm du lịch.",
     "notes": "FACTS A5–A7. Bảo Hà is a village of Xã Đồng Minh, not a commune. No recognition decision "
     "found.",
     "sources": ["hiephoi-bao-ha", "thegioidisan-bao-ha", "heritage-bao-ha", "haiphonginfo-bao-ha"]},
    {"id": "v-chinh-my", "name": "Làng mây tre đan Chính Mỹ", "commune_id": "11509",
     "_ll": (106.62877, 20.97003), "crafts": ["mây tre đan"], "craft_group": "rattan_bamboo",
     "recognition": "traditional_craft_village", "recognition_year": 2007,
     "description": "Được công nhận làng nghề truyền thống năm 2007; hơn 1.000 hộ sản xuất; lịch sử hơn "
     "200 năm; có chỉ dẫn địa lý; sản phẩm xuất khẩu.",
     "notes": "FACTS A8, A12. 'More than 1,000 households' is kept in the description; households is null.",
     "sources": ["wikipedia-chinh-my", *LIST]},
    {"id": "v-kinh-giao", "name": "Làng nghề bánh đa Kinh Giao", "commune_id": "11596",
     "_ll": (106.58258, 20.89299), "crafts": ["tráng bánh đa"], "craft_group": "food",
     "recognition": "listed_traditional_craft", "products": ["bánh đa"],
     "description": "Cách trung tâm thành phố khoảng 15 km; chính quyền địa phương hỗ trợ máy móc; thành "
     "phố đầu tư hệ thống xử lý nước thải tập trung cho làng nghề.",
     "notes": "FACTS A9, A13 (bánh đa in Xã Tân Tiến is this village), C3.",
     "sources": ["langngheviet-kinh-giao", *LIST, "realcom-nuoc-thai"]},
    {"id": "v-trang-minh", "name": "Làng nghề tái chế phế liệu Tràng Minh", "commune_id": "11452",
     "_ll": (106.62075, 20.78682), "craft_group": "recycling", "pollution_risk": "high",
     "crafts": ["thu gom, tái chế phế liệu nhựa", "thu gom, tái chế phế liệu kim loại"],
     "description": "Hoạt động từ những năm 1980; gần 100 hộ. Một trong hai làng nghề ô nhiễm cao của Hải "
     "Phòng; phế liệu phần lớn không được làm sạch trước khi tái chế.",
     "notes": "FACTS A10, C2. 'Nearly 100 households' is kept in the description; households is null.",
     "sources": ["nhadatphoviet-o-nhiem"]},
]
LISTED = [  # FACTS A11-A13: (id, name, commune, (lon, lat), crafts, craft group, note)
    ("v-theu-ren-hung-tien", "Làng nghề thêu ren Hùng Tiến", "11851", (106.44588, 20.69377),
     ["thêu ren", "móc chỉ"], "textile", NAMED_BY_CRAFT),
    ("v-theu-ren-nam-son", "Làng nghề thêu ren Nam Sơn", "11608", (106.60976, 20.87725),
     ["thêu ren", "móc chỉ"], "textile", NAMED_BY_CRAFT),
    ("v-theu-ren-tien-cuong", "Làng nghề thêu ren Tiên Cường", "11761", (106.51245, 20.77186),
     ["thêu ren", "móc chỉ"], "textile", NAMED_BY_CRAFT),
    ("v-may-tre-thanh-son", "Làng nghề mây tre đan Thanh Sơn", "11722", (106.66893, 20.74496),
     ["mây tre đan"], "rattan_bamboo", NAMED_BY_CRAFT),
    ("v-may-tre-an-thai", "Làng nghề mây tre đan An Thái", "11677", (106.62028, 20.75855),
     ["mây tre đan"], "rattan_bamboo", NAMED_BY_CRAFT),
    ("v-che-tac-da-an-tien", "Làng nghề chế tác đá An Tiến", "11641", (106.56801, 20.83249),
     ["chế tác đá"], "wood_stone", NAMED_BY_CRAFT),
    ("v-con-roi-nhan-hoa", "Làng nghề làm con rối Nhân Hòa", "11863", (106.48475, 20.67611),
     ["làm con rối"], "puppetry", NAMED_BY_CRAFT),
    ("v-det-co-am", "Làng nghề dệt Cổ Am", "11905", (106.54846, 20.63321),
     ["dệt"], "textile", NAMED_BY_CRAFT),
    ("v-det-tham-dai-dong", "Làng nghề dệt thảm Đại Đồng", "11704", (106.68913, 20.77227),
     ["dệt thảm"], "textile", NAMED_BY_CRAFT),
    ("v-gom-minh-khai", "Làng nghề gốm Minh Khai (Dưỡng Động)", "11500", (106.69946, 20.96906), ["gốm"],
     "pottery_materials", "The source names the village: Minh Khai (Dưỡng Động), Xã Minh Tân (Thủy Nguyên)."),
    ("v-vlxd-lai-xuan", "Làng nghề sản xuất vật liệu xây dựng Lại Xuân", "11476", (106.59435, 21.00726),
     ["sản xuất vật liệu xây dựng"], "pottery_materials", NAMED_BY_CRAFT),
]

# -------------------------------------------------------- clusters (FACTS B1-B7, seed 004)
CASTING = ["đúc kim loại", "gia công cơ khí"]
B2_NOTE = ("Group figures for the five CCNs with establishment decisions (Quán Trữ, Vĩnh Niệm, Tân Liên "
           "phase 1, An Lão, An Hồng shipbuilding), data to 3/2013: 183.31 ha in total, of which 124.91 ha "
           "industrial land; 117.49 ha leased (94.06%); infrastructure ≈300 bn VND; 80 projects with "
           "4,507.83 bn VND registered; 63 operating enterprises, 11,669 workers. Per-cluster figures were "
           "not published and the totals are not split. Status as reported ≈2013. Outline: a nominal 1 ha "
           "square, not the cluster's boundary.")
SUPPORT = ["công nghệ cao", "cơ khí", "điện, điện tử", "công nghiệp hỗ trợ"]
PLAN_2023 = ("Added to the city's CCN plan (VnEconomy, October 2023; day not shown, status_date set to the "
             "1st). Outline: a circle sized to the declared area, not surveyed.")
SHIPS = ["đóng mới, sửa chữa tàu thủy", "công nghiệp chế biến, chế tạo"]
EST_2023 = ("Established per CafeF, 2023-02-13. Area ≈50 ha ('about'); outline: circle sized to it, "
            "not surveyed.")
CLUSTERS: list[Rec] = [
    {"id": "c-kien-bai", "name": "Điểm công nghiệp Kiền Bái", "kind": "diem_cong_nghiep",
     "commune_ids": ["11554"], "phase": "1", "status": "completed_phase", "planned_area_ha": 11.0,
     "developed_area_ha": 11.0, "allowed_industries": CASTING,
     "notes": "Seed 004: phase 1 of the Kiền Bái industrial point (next to the Mỹ Đồng casting village), "
     "11 ha, was planned, built and completed and serves casting and mechanical establishments. FACTS B1 "
     "knows it only from a foundry's address ('Thôn 7, Cụm KCN Kiền Bái'). No decision, investment or "
     "outline found; the circle is sized to 11 ha inside Xã Kiền Bái, not surveyed.",
     "sources": ["seed-004", "ducgang-my-dong"]},
    {"id": "c-my-dong", "name": "Cụm công nghiệp làng nghề đúc Mỹ Đồng", "kind": "cum_cong_nghiep_lang_nghe",
     "commune_ids": ["11521"], "status": "planned", "planned_area_ha": 28.1, "investment_vnd": 280500000000,
     "investment_qualifier": "exact", "investor": "UBND huyện Thủy Nguyên", "target_date": "2019-12-31",
     "allowed_industries": CASTING,
     "notes": "28.1 ha and 280.5 bn VND are the expansion area (diện tích mở rộng) and total investment "
     "of the investment proposal drawn up by UBND huyện Thủy Nguyên, expected to be completed by end-2019 "
     "(seed 004); status refers to that expansion. Not found: the existing cluster's own area (FACTS A4) "
     "and whether the expansion was completed. The cluster hosted workshops by 2006 (A4). Outline: circle "
     "sized to 28.1 ha inside Xã Mỹ Đồng, not surveyed.",
     "sources": ["seed-004", "ipc1-my-dong", "hiephoi-my-dong", "arit-cum-diem-cn"]},
    {"id": "c-quan-tru", "name": "Cụm công nghiệp Quán Trữ", "commune_ids": ["11428"]},
    {"id": "c-vinh-niem", "name": "Cụm công nghiệp Vĩnh Niệm", "commune_ids": ["11407"]},
    {"id": "c-tan-lien", "name": "Cụm công nghiệp Tân Liên", "commune_ids": ["11860"], "phase": "1"},
    {"id": "c-an-hong", "name": "Cụm công nghiệp đóng tàu An Hồng", "commune_ids": ["11602"],
     "allowed_industries": ["đóng tàu"]},
    {"id": "c-an-lao", "name": "Cụm công nghiệp An Lão", "commune_ids": [], "district_name": "Huyện An Lão",
     "notes": B2_NOTE + " The source does not state the commune: the marker is at an interior point of the "
     "An Lão district polygon (dissolved from its communes)."},
    {"id": "c-trang-due", "name": "Cụm công nghiệp phụ trợ Tràng Duệ", "commune_ids": ["11593", "11590"],
     "status": "planned", "status_date": "2023-10-01", "planned_area_ha": 58.8, "allowed_industries": SUPPORT,
     "notes": "Area ≈58.8 ha ('about'). " + PLAN_2023, "sources": ["vneconomy-ccn-2023"],
     "_ll": (106.55619, 20.88576)},
    {"id": "c-le-thien-dai-ban", "name": "Cụm công nghiệp Lê Thiện – Đại Bản",
     "commune_ids": ["11584", "11587"], "status": "planned", "status_date": "2023-10-01",
     "planned_area_ha": 59.33, "allowed_industries": SUPPORT, "notes": PLAN_2023,
     "sources": ["vneconomy-ccn-2023"], "_ll": (106.56796, 20.92732)},
    {"id": "c-quyet-tien", "name": "Cụm công nghiệp Quyết Tiến", "commune_ids": ["11770"],
     "status": "planned", "status_date": "2023-10-01", "planned_area_ha": 50.0,
     "allowed_industries": ["cơ khí", "điện tử", "chế biến thực phẩm", "may mặc", "da giày",
                            "văn phòng phẩm", "chế biến nông sản", "công nghiệp hỗ trợ"],
     "notes": "Added to the CCN plan to 2020 with orientation to 2025. " + PLAN_2023,
     "sources": ["vneconomy-ccn-2023"]},
    {"id": "c-an-tho", "name": "Cụm công nghiệp An Thọ", "commune_ids": ["11674"], "status": "established",
     "status_date": "2023-02-13", "planned_area_ha": 50.0, "investment_vnd": 480000000000,
     "investment_qualifier": "more_than", "investor": "Công ty Cổ phần An Thọ", "target_date": "2025-12-31",
     "allowed_industries": SHIPS, "sources": ["cafef-ccn-2023"],
     "notes": EST_2023 + " Infrastructure construction planned Q4/2024 – Q4/2025 (target_date = its end)."},
    {"id": "c-quang-phuc", "name": "Cụm công nghiệp Quang Phục", "commune_ids": ["11791"],
     "status": "established", "status_date": "2023-02-13", "planned_area_ha": 50.0,
     "investment_vnd": 500000000000, "investment_qualifier": "about",
     "investor": "Công ty Cổ phần Tập đoàn Đăng Khoa", "target_date": "2025-09-30",
     "allowed_industries": SHIPS, "sources": ["cafef-ccn-2023"],
     "notes": EST_2023 + " Infrastructure construction planned Q3/2024 – Q3/2025 (target_date = its end)."},
]
B2_DEFAULTS: Rec = {"status": "established", "notes": B2_NOTE, "sources": ["arit-cum-diem-cn"]}

# -------------------------------------------------------- illustrative plots: status, tenant, industry, infra
FREE = ("free", None, None, None)
KB_PLOTS = [("leased", "Cơ sở đúc minh họa A", "đúc kim loại", None),
            ("leased", "Cơ sở đúc minh họa B", "đúc kim loại", None),
            ("leased", "Cơ sở cơ khí minh họa C", "gia công cơ khí", None), FREE,
            ("leased", "Cơ sở đúc minh họa D", "đúc kim loại", None),
            ("leased", "Cơ sở cơ khí minh họa E", "gia công cơ khí", None), FREE,
            ("infrastructure", None, None, "xử lý nước thải; đường nội bộ")]
MD_PLOTS = [("leased", "Cơ sở đúc minh họa F", "đúc kim loại", None), FREE, ("reserved", None, None, None),
            FREE, ("infrastructure", None, None, "xử lý nước thải"), FREE]

# -------------------------------------------------------- facilities; "_at" = (anchor kind, id, dx m, dy m)
FACILITIES: list[Rec] = [
    {"id": "f-thanh-phuong", "name": "Công ty Đúc Thành Phương", "sector": "đúc kim loại",
     "village_id": "v-my-dong", "cluster_id": "c-my-dong", "founded_year": 2001, "floor_area_m2": 6500.0,
     "products": ["nắp hố ga xuất khẩu"], "location_precision": "approximate",
     "_at": ("cluster", "c-my-dong", 60, 60),
     "notes": "Founded 2001; built a 6,500 m² workshop in 2006 'at the concentrated production site, Mỹ "
     "Đồng casting craft-village cluster' (FACTS A4). Products from the article's export manhole-cover "
     "illustrations (D2). The real site was not located: the point is inside the approximate cluster "
     "outline.",
     "sources": ["ipc1-my-dong", "baoquocte-khuyen-cong"]},
    {"id": "f-illus-go-cnc-bao-ha", "name": "Xưởng điêu khắc gỗ CNC minh họa (Bảo Hà)",
     "sector": "điêu khắc gỗ", "village_id": "v-bao-ha", "equipment": ["máy điêu khắc gỗ CNC"],
     "_at": ("village", "v-bao-ha", 150, -100)},
    {"id": "f-illus-may-quyet-tien", "name": "Xưởng may minh họa (CCN Quyết Tiến)", "sector": "may mặc",
     "cluster_id": "c-quyet-tien", "equipment": ["máy may lập trình", "máy giác sơ đồ"],
     "_at": ("cluster", "c-quyet-tien", -80, 50)},
    {"id": "f-illus-duc-kien-bai", "name": "Cơ sở đúc minh họa A", "sector": "đúc kim loại",
     "cluster_id": "c-kien-bai", "_at": ("plot", "plot-kb-01", 0, 0)},
    {"id": "f-illus-may-tre-chinh-my", "name": "Hộ sản xuất mây tre đan minh họa (Chính Mỹ)",
     "sector": "mây tre đan", "village_id": "v-chinh-my", "_at": ("village", "v-chinh-my", -120, 90)},
    {"id": "f-illus-banh-da-kinh-giao", "name": "Cơ sở tráng bánh đa minh họa (Kinh Giao)",
     "sector": "chế biến thực phẩm", "village_id": "v-kinh-giao", "products": ["bánh đa"],
     "_at": ("village", "v-kinh-giao", 100, 120)},
    {"id": "f-illus-da-an-tien", "name": "Xưởng chế tác đá minh họa (An Tiến)", "sector": "chế tác đá",
     "village_id": "v-che-tac-da-an-tien", "equipment": ["máy điêu khắc đá CNC"],
     "_at": ("village", "v-che-tac-da-an-tien", -100, -120)},
]

# -------------------------------------------------------- pollution sources (FACTS C1-C3)
NO_MEASURE = ("No measured values are published in the sources, so measurements is empty; severity is the "
              "source's classification.")
POLLUTION: list[Rec] = [
    {"id": "p-my-dong", "name": "Ô nhiễm làng nghề đúc, cơ khí Mỹ Đồng", "village_id": "v-my-dong",
     "commune_id": "11521", "severity": "high", "on_remediation_list": True, "treatment_status": "incomplete",
     "assessment": "Một trong hai làng nghề ô nhiễm cao của Hải Phòng; nằm trong danh sách làng nghề gây ô "
     "nhiễm nghiêm trọng phải xử lý nhưng việc xử lý chưa hoàn thành do thiếu kinh phí.",
     "notes": "FACTS C1, C3. " + NO_MEASURE, "sources": ["nhadatphoviet-o-nhiem", "realcom-nuoc-thai"]},
    {"id": "p-trang-minh", "name": "Ô nhiễm làng nghề tái chế phế liệu Tràng Minh",
     "village_id": "v-trang-minh", "commune_id": "11452", "severity": "high", "on_remediation_list": True,
     "treatment_status": "unknown",
     "assessment": "Làng nghề thứ hai có mức ô nhiễm cao của Hải Phòng; phế liệu phần lớn không được làm "
     "sạch trước khi tái chế.",
     "notes": "FACTS C2, C3. on_remediation_list is inferred from C3 (a remediation project funded by "
     "MONRE and the city); the list is named explicitly only for Mỹ Đồng. Treatment progress not "
     "reported. " + NO_MEASURE, "sources": ["nhadatphoviet-o-nhiem", "realcom-nuoc-thai"]},
]

# -------------------------------------------------------- projects (seeds, FACTS C3, D1-D4); "_at" = anchors
CENTRE = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hải Phòng"
NO_PROG = ("The source does not say whether national or local khuyến công funds; programme set to "
           "national_and_local.")
REWORDED = "The source is a machine-reworded copy of a news item; verify against the original."
MACHINERY = [("điêu khắc gỗ, đá mỹ thuật", 2, "máy điêu khắc gỗ, điêu khắc đá CNC"),
             ("may mặc, da giày", 3, "công nghệ bán tự động: máy giác sơ đồ, máy may lập trình"),
             ("đúc, gia công cơ khí", 2, "máy gia công cơ khí, máy làm khuôn đúc CNC")]


def comp(kind: str, description: str, budget: int | None = None) -> Rec:
    """A project component."""
    return {"kind": kind, "description": description, "budget_vnd": budget}


def remediation(pid: str, village: str, title: str, extra: Rec) -> Rec:
    """A craft-village pollution-remediation project of FACTS C3."""
    return {"id": pid, "title": title, "programme": "environment", "kind": "project", "status": "unknown",
            "village_ids": [village], "location_precision": "commune_centroid", "_at": [("village", village)],
            "components": [comp("pollution_treatment", title)], **extra}


PROJECTS: list[Rec] = [
    {"id": "pr-my-dong-diem-2019", "title": "Hỗ trợ các cơ sở sản xuất công nghiệp nông thôn trong cụm công "
     "nghiệp làng nghề đúc Mỹ Đồng giai đoạn 2019 - 2020", "programme": "national", "kind": "project",
     "year_start": 2019, "year_end": 2020, "implementer": CENTRE + "; UBND huyện Thủy Nguyên",
     "sector": "đúc, gia công cơ khí",
     "components": [comp("workshop", "Tổ chức hội thảo phát triển sản phẩm"),
                    comp("management_training", "Tập huấn nâng cao năng lực quản trị doanh nghiệp"),
                    comp("study_tour",
                         "Học tập kinh nghiệm phát triển sản phẩm công nghiệp hỗ trợ tại nước ngoài"),
                    comp("machinery", "Ứng dụng máy móc tiên tiến vào sản xuất"),
                    comp("brand", "Xây dựng nhãn hiệu"),
                    comp("demonstration_model", "Xây dựng mô hình trình diễn kỹ thuật"),
                    comp("pollution_treatment",
                         "Hỗ trợ đầu tư thiết bị cải thiện ô nhiễm môi trường đầu nguồn")],
     "village_ids": ["v-my-dong"], "cluster_ids": ["c-my-dong"], "pollution_source_ids": ["p-my-dong"],
     "district_names": ["Huyện Thủy Nguyên"], "status": "unknown", "location_precision": "approximate",
     "description": "Đề án khuyến công quốc gia điểm do Trung tâm Khuyến công phối hợp với UBND huyện Thủy "
     "Nguyên xây dựng, nhằm giúp các cơ sở trong cụm công nghiệp làng nghề đúc Mỹ Đồng thoát khỏi mô hình "
     "sản xuất nhỏ lẻ, nâng cao năng suất, chất lượng và giảm thiểu ô nhiễm môi trường.",
     "notes": "Seed 004 says the project was drawn up (xây dựng) and what it is expected to achieve; "
     "approval, budget and outcome are not published. Point: centroid of the approximate cluster outline.",
     "sources": ["seed-004"], "_at": [("cluster", "c-my-dong")]},
    *[{"id": f"pr-may-moc-{i + 1}-{k}", "title": f"Hỗ trợ ứng dụng máy móc thiết bị tiên tiến – {sector} "
       f"({k}/{n})", "programme": "national_and_local", "kind": "project", "implementer": CENTRE,
       "sector": sector, "components": [comp("machinery", equipment)], "status": "unknown",
       "location_precision": "unknown",
       "notes": "Seed 000 counts 2 projects in wood/stone carving, 3 in garments/footwear and 2 in casting/"
       "mechanical work; the equipment is what it names for the sector. Beneficiaries, places, years and "
       "budgets are not given; some may be the 2017 plan's machinery support. " + NO_PROG,
       "sources": ["seed-000"]}
      for i, (sector, n, equipment) in enumerate(MACHINERY) for k in range(1, n + 1)],
    {"id": "pr-ke-hoach-2017", "title": "Kế hoạch khuyến công năm 2017 của " + CENTRE,
     "programme": "national_and_local", "kind": "plan", "project_count": 13, "year_start": 2017,
     "year_end": 2017, "budget_total_vnd": 3865000000, "budget_qualifier": "more_than", "implementer": CENTRE,
     "components": [
         comp("training",
              "12 lớp đào tạo nghề may công nghiệp cho 300 học viên tại các huyện Kiến Thụy, Vĩnh Bảo"),
         comp("training", "Tập huấn khởi sự doanh nghiệp công nghiệp nông thôn cho 180 học viên"),
         comp("machinery", "Hỗ trợ 2 đơn vị ứng dụng thiết bị tiên tiến sản xuất đúc kim loại và đá mỹ nghệ"),
         comp("demonstration_model", "Xây dựng 1 mô hình trình diễn kỹ thuật"),
         comp("trade_fair",
              "Hội chợ triển lãm hàng công nghiệp – tiểu thủ công nghiệp và làng nghề, 120 gian hàng")],
     "district_names": ["Huyện Kiến Thụy", "Huyện Vĩnh Bảo"], "status": "in_progress",
     "location_precision": "approximate",
     "notes": "FACTS D1; status as of the article (2017-09-15). City-wide plan; points mark the districts of "
     "the sewing classes only.", "sources": ["ipc1-ke-hoach-2017"],
     "_at": [("district", "314"), ("district", "316")]},
    {"id": "pr-my-dong-khuyen-cong",
     "title": "Các đề án khuyến công hỗ trợ làng nghề đúc Mỹ Đồng (đến năm 2021)",
     "programme": "national_and_local", "kind": "group", "year_end": 2021, "implementer": CENTRE,
     "sector": "đúc, gia công cơ khí",
     "components": [comp("association", "Thành lập Hiệp hội làng nghề đúc, cơ khí truyền thống Mỹ Đồng"),
                    comp("training", "Đào tạo, tập huấn cho chủ cơ sở, doanh nghiệp"),
                    comp("product_development", "Sản phẩm công nghiệp nông thôn tiêu biểu"),
                    comp("demonstration_model", "Mô hình trình diễn kỹ thuật sản xuất sản phẩm mới"),
                    comp("machinery", "Hỗ trợ ứng dụng máy móc tiên tiến vào các khâu đúc truyền thống")],
     "village_ids": ["v-my-dong"], "status": "unknown", "location_precision": "commune_centroid",
     "notes": "FACTS D2; amounts and years of the individual projects not given. " + NO_PROG,
     "sources": ["ipc1-my-dong"], "_at": [("village", "v-my-dong")]},
    {"id": "pr-mo-hinh-thanh-phuong",
     "title": "Mô hình trình diễn kỹ thuật sản xuất đúc kim loại tại Công ty Đúc Thành Phương",
     "programme": "national_and_local", "kind": "project", "implementer": CENTRE, "sector": "đúc kim loại",
     "components": [comp("demonstration_model", "Mô hình trình diễn kỹ thuật trong sản xuất đúc kim loại")],
     "village_ids": ["v-my-dong"], "cluster_ids": ["c-my-dong"], "facility_ids": ["f-thanh-phuong"],
     "status": "completed", "location_precision": "approximate",
     "notes": "FACTS D3 (the Centre built the model with the company); year and budget not given. " + NO_PROG,
     "sources": ["baoquocte-khuyen-cong"], "_at": [("facility", "f-thanh-phuong")]},
    {"id": "pr-may-dong-goi-tuan-linh-2025",
     "title": "Hỗ trợ máy đóng gói cho Công ty CP Sản xuất thương mại nông sản Tuấn Linh",
     "programme": "national_and_local", "kind": "project", "year_start": 2025, "year_end": 2025,
     "budget_public_vnd": 250000000, "budget_qualifier": "exact", "sector": "chế biến nông sản",
     "components": [comp("machinery", "Máy đóng gói, tổng trị giá khoảng 700 triệu đồng", 250000000)],
     "status": "completed", "location_precision": "unknown",
     "notes": "FACTS D4. Xã Trần Phú is a post-July-2025 commune formed from Hiệp Cát, Quốc Tuấn and Trần "
     "Phú of Huyện Nam Sách, former Hải Dương province (merge table, new_code 10633): outside the pre-2025 "
     "Hải Phòng mapped here, so no geometry. Machine worth ≈700 million VND; no total budget recorded. "
     + NO_PROG, "sources": ["cntd-tiep-suc-2025", "dvhcvn-20250701"]},
    remediation("pr-xu-ly-o-nhiem-trang-minh", "v-trang-minh",
                "Xử lý ô nhiễm môi trường làng nghề Tràng Minh", {
        "budget_total_vnd": 120000000000, "budget_qualifier": "more_than",
        "funders": ["Bộ Tài nguyên và Môi trường", "UBND thành phố Hải Phòng"],
        "pollution_source_ids": ["p-trang-minh"], "district_names": ["Quận Kiến An"],
        "notes": "FACTS C3. " + REWORDED, "sources": ["realcom-nuoc-thai"]}),
    remediation("pr-xu-ly-o-nhiem-my-dong", "v-my-dong",
                "Xử lý ô nhiễm môi trường làng nghề đúc, cơ khí Mỹ Đồng", {
        "budget_total_vnd": 81000000000, "budget_qualifier": "more_than",
        "funders": ["Bộ Tài nguyên và Môi trường", "UBND thành phố Hải Phòng"],
        "pollution_source_ids": ["p-my-dong"], "district_names": ["Huyện Thủy Nguyên"],
        "notes": "FACTS C3; C1 says remediation was not complete for lack of funds. " + REWORDED,
        "sources": ["realcom-nuoc-thai", "nhadatphoviet-o-nhiem"]}),
    remediation("pr-xu-ly-nuoc-thai-kinh-giao", "v-kinh-giao",
                "Hệ thống xử lý nước thải tập trung làng nghề bánh đa Kinh Giao", {
                    "funders": ["UBND thành phố Hải Phòng"], "district_names": ["Huyện An Dương"],
                    "notes": "FACTS C3; amount not given. " + REWORDED, "sources": ["realcom-nuoc-thai"]}),
]


# ======================================================== geometry helpers
def to_m(g: BaseGeometry) -> BaseGeometry:
    return shapely.transform(g, lambda a: np.column_stack(_FWD.transform(a[:, 0], a[:, 1])))


def to_ll(g: BaseGeometry) -> BaseGeometry:
    return shapely.transform(g, lambda a: np.column_stack(_INV.transform(a[:, 0], a[:, 1])))


def area_ha(g_ll: BaseGeometry) -> float:
    return round(to_m(g_ll).area / 1e4, 2)


def finish(g: BaseGeometry) -> BaseGeometry:
    """6-decimal coordinates (snap-rounded, stays valid), RFC 7946 ring order."""
    g = shapely.set_precision(g, 1e-6)
    if isinstance(g, Polygon):
        g = orient(g, 1.0)
    elif isinstance(g, MultiPolygon):
        g = MultiPolygon([orient(p, 1.0) for p in g.geoms])
    g = shapely.transform(g, lambda a: np.round(a, 6))
    if g.is_empty or not g.is_valid:
        raise ValueError(f"bad geometry after rounding: {shapely.is_valid_reason(g)}")
    return g


def as_multi(g: BaseGeometry) -> MultiPolygon:
    return g if isinstance(g, MultiPolygon) else MultiPolygon([g])


def fill_gaps(geom: BaseGeometry, others: list[Point]) -> BaseGeometry:
    """Fill the holes left between thinned commune polygons unless another district's commune is inside."""
    parts = getattr(geom, "geoms", [geom])
    return shapely.union_all([Polygon(p.exterior, [r for r in p.interiors
                                                   if any(Polygon(r).contains(q) for q in others)])
                              for p in parts])


def radius_for(area_m2: float, n: int = 64) -> float:
    """Circumradius of the regular n-gon (a 16-segments-per-quarter buffer) whose area is ``area_m2``."""
    return math.sqrt(2 * area_m2 / (n * math.sin(2 * math.pi / n)))


def place(region: BaseGeometry, start: Point, reach: float, avoid: Iterable[BaseGeometry]) -> Point:
    """The point nearest ``start`` where a shape of radius ``reach`` fits in ``region`` clear of ``avoid``."""
    allowed = region.buffer(-(reach + 10))
    for g in avoid:
        allowed = allowed.difference(g.buffer(reach + 30))
    if allowed.is_empty:
        raise ValueError("no room")
    return start if allowed.contains(start) else nearest_points(allowed, start)[0]


def offset(p_ll: Point, dx: float, dy: float) -> Point:
    q = to_m(p_ll)
    return to_ll(Point(q.x + dx, q.y + dy))


# ======================================================== records and output
def nfc(v: Any) -> Any:
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, list):
        return [nfc(x) for x in v]
    if isinstance(v, dict):
        return {k: nfc(x) for k, x in v.items()}
    return v


def feature(cid: str, rec: Rec, geom: BaseGeometry | None) -> Rec:
    """A GeoJSON feature whose properties carry every field of the collection, in schema order."""
    coll = COLLECTIONS[cid]
    data = {k: v for k, v in rec.items() if not k.startswith("_")}
    if unknown := set(data) - set(coll.field_names):
        raise KeyError(f"{cid}: unknown fields {unknown}")
    props = {f.name: data.get(f.name, [] if f.type == "array" else None) for f in coll.fields}
    props["illustrative"] = bool(props["illustrative"])
    geometry = None if geom is None else mapping(finish(geom))
    return {"type": "Feature", "id": props["id"], "properties": nfc(props), "geometry": geometry}


def write_collection(name: str, feats: list[Rec]) -> None:
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats)
    text = f'{{"type":"FeatureCollection","name":"{name}","features":[\n{body}\n]}}\n'
    (OUT / f"{name}.geojson").write_text(text, encoding="utf-8")


def write_sources() -> None:
    with (OUT / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "title", "publisher", "address", "date", "language"])
        for sid, title, publisher, address, date in SOURCES:
            w.writerow(nfc([sid, title, publisher, address, date, "en" if sid in ENGLISH else "vi"]))


# ======================================================== builders
def read_successors(path: Path) -> dict[str, list[str]]:
    """Old (March 2025) code -> post-July-2025 unit names, in the order of the merge table."""
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = out.setdefault(row["old_code_2025_03"], [])
            if row["new_name"] not in names:
                names.append(row["new_name"])
    return out


def district_features(communes: gpd.GeoDataFrame) -> tuple[list[Rec], dict[str, BaseGeometry]]:
    feats, geoms = [], {}
    for code, grp in communes.groupby("district_code"):
        others = list(communes[communes.district_code != code].geometry.representative_point())
        geom = finish(fill_gaps(grp.geometry.union_all(), others))
        geoms[code] = geom
        name = grp.iloc[0]["district_name_vi"]
        note = "Dissolved from the vietnam63 commune polygons by district_code; gaps between them filled."
        if became := {"311": "Thành phố Thủy Nguyên", "312": "Quận An Dương"}.get(code):
            note += f" On 1 Jan 2025 it became {became} (Resolution 1232/NQ-UBTVQH15)."
        feats.append(feature("admin_units", {
            "id": code, "name": name, "level": "district", "unit_type": name.split()[0], "gso_code": code,
            "district_code": code, "district_name": name, "valid_to": "2025-07-01", "area_ha": area_ha(geom),
            "location_precision": "digitized", "notes": note,
            "sources": ["vietnam63", "gso-codes-2019", "nghean24h-114-xa", "dvhcvn-20250701"]},
            as_multi(geom)))
    return feats, geoms


def commune_record(code: str, r: Any, names: list[str] | None) -> Rec:
    rec = {"id": code, "name": r["commune_name_vi"], "level": "commune", "unit_type": r["commune_type"],
           "gso_code": code, "district_code": r["district_code"], "district_name": r["district_name_vi"],
           "area_ha": area_ha(r.geometry), "location_precision": "digitized"}
    if names:
        return rec | {"valid_to": "2025-07-01", "successor": names[0],
                      "sources": ["vietnam63", "gso-codes-2019", "dvhcvn-20250701"],
                      "notes": f"From 1 Jul 2025 split between: {', '.join(names)}." if names[1:] else None}
    return rec | {"valid_to": "2025-01-01",
                  "sources": ["vietnam63", "gso-codes-2019", "vtcnews-thuy-nguyen", "vietnamnet-an-duong",
                              "thanhnien-2024"],
                  "notes": "GSO code absent from the March 2025 list: absorbed by a neighbour. valid_to "
                  "assumes Resolution 1232/NQ-UBTVQH15 (1 Jan 2025); 6 of the 56 such communes were merged "
                  "earlier (223 communes in 2019, 217 in 2024), which ones is not in the sources used."}


def build_admin(shared: Path) -> tuple[list[Rec], gpd.GeoDataFrame, dict[str, BaseGeometry]]:
    """Districts dissolved from the communes (MIT vietnam63), then the communes."""
    bdir = shared / "data" / "boundaries"
    communes = gpd.read_file(bdir / "haiphong_communes_pre2025.geojson").set_index("commune_code", drop=False)
    successors = read_successors(bdir / "haiphong_units_2025-07_merges.csv")
    feats, districts = district_features(communes)
    for code, r in communes.sort_index().iterrows():
        rec = commune_record(code, r, successors.get(code))
        feats.append(feature("admin_units", rec, as_multi(r.geometry)))
    return feats, communes, districts


def build_villages(communes: gpd.GeoDataFrame) -> tuple[list[Rec], dict[str, Point]]:
    recs = VILLAGES + [
        {"id": vid, "name": name, "commune_id": code, "_ll": ll, "crafts": crafts, "craft_group": group,
         "recognition": "listed_traditional_craft", "notes": "FACTS A11–A13. " + note, "sources": LIST}
        for vid, name, code, ll, crafts, group, note in LISTED]
    feats, points = [], {}
    for rec in recs:
        c = communes.loc[rec["commune_id"]]
        pt = Point(rec["_ll"])
        if not c.geometry.contains(pt):
            raise ValueError(f"{rec['id']} outside its commune")
        points[rec["id"]] = pt
        feats.append(feature("villages", {**rec, "commune_name": c["commune_name_vi"],
                                          "district_name": c["district_name_vi"],
                                          "location_precision": "commune_centroid"}, pt))
    return feats, points


def cluster_shape(region: BaseGeometry, start: Point, planned_ha: float | None,
                  avoid: list[BaseGeometry]) -> tuple[Polygon, str]:
    """A circle of the declared area, or a nominal 1 ha square, placed in ``region`` (EPSG:3405)."""
    if planned_ha:
        r = radius_for(planned_ha * 1e4)
        return place(region, start, r, avoid).buffer(r, quad_segs=16), "sized_to_declared_area"
    c = place(region, start, 71, avoid)
    return box(c.x - 50, c.y - 50, c.x + 50, c.y + 50), "nominal_marker"


def build_clusters(communes: gpd.GeoDataFrame, districts: dict[str, BaseGeometry],
                   village_pts: dict[str, Point]) -> tuple[list[Rec], dict[str, BaseGeometry]]:
    feats, shapes = [], {}
    avoid: list[BaseGeometry] = [to_m(p) for p in village_pts.values()]
    for raw in CLUSTERS:
        rec = {"kind": "cum_cong_nghiep", **(B2_DEFAULTS if raw.get("sources") is None else {}), **raw}
        if codes := rec["commune_ids"]:
            region = to_m(communes.loc[codes].geometry.union_all())
            first = communes.loc[codes[0]]
            start = to_m(Point(rec.get("_ll", (first["label_lon"], first["label_lat"]))))
            district = first["district_name_vi"]
        else:  # An Lão CCN: commune not stated
            region = to_m(districts["313"])
            start, district = region.representative_point(), rec["district_name"]
        shape_m, outline = cluster_shape(region, start, rec.get("planned_area_ha"), avoid)
        avoid.append(shape_m)
        geom = finish(to_ll(shape_m))
        shapes[rec["id"]] = geom
        feats.append(feature("clusters", {**rec, "district_name": district, "outline": outline,
                                          "area_ha": area_ha(geom), "location_precision": "approximate"},
                             as_multi(geom)))
    return feats, shapes


def build_plots(cluster_shapes: dict[str, BaseGeometry]) -> list[Rec]:
    """Illustrative plots: the cluster outline cut by a grid in EPSG:3405, each shrunk by 1 m."""
    feats = []
    for cid, prefix, cols, rows, specs in (("c-kien-bai", "KB", 4, 2, KB_PLOTS),
                                           ("c-my-dong", "MD", 3, 2, MD_PLOTS)):
        poly = to_m(cluster_shapes[cid])
        x0, y0, x1, y1 = poly.bounds
        w, h = (x1 - x0) / cols, (y1 - y0) / rows
        cells = [poly.intersection(box(x0 + i * w, y1 - (j + 1) * h, x0 + (i + 1) * w, y1 - j * h))
                 for j in range(rows) for i in range(cols)]
        for n, (cell, spec) in enumerate(zip(cells, specs, strict=True), start=1):
            status, tenant, industry, infra = spec
            geom = finish(to_ll(cell.buffer(-1.0, join_style="mitre")))
            feats.append(feature("cluster_plots", {
                "id": f"plot-{prefix.lower()}-{n:02d}", "name": f"Lô {prefix}-{n:02d} (minh họa)",
                "cluster_id": cid, "status": status, "area_ha": area_ha(geom), "tenant": tenant,
                "industry": industry, "infrastructure": infra, "location_precision": "illustrative",
                "illustrative": True, "notes": ILL_NOTE, "sources": ILL}, geom))
    return feats


def anchor(kind: str, ref: str, anchors: dict[str, dict[str, BaseGeometry]]) -> Point:
    g = anchors[kind][ref]
    return g if isinstance(g, Point) else (g.centroid if kind == "cluster" else g.representative_point())


def build_points(anchors: dict[str, dict[str, BaseGeometry]],
                 communes: gpd.GeoDataFrame) -> dict[str, list[Rec]]:
    out: dict[str, list[Rec]] = {"facilities": [], "pollution_sources": [], "projects": []}
    anchors["facility"] = {}
    for n, rec in enumerate(FACILITIES):
        kind, ref, dx, dy = rec["_at"]
        pt = finish(offset(anchor(kind, ref, anchors), dx, dy))
        if not communes.geometry.contains(pt).any():
            raise ValueError(f"{rec['id']} outside the Hải Phòng communes")
        anchors["facility"][rec["id"]] = pt
        extra = {} if rec.get("sources") else {"illustrative": True, "location_precision": "illustrative",
                                               "contact_phone": f"0000 000 {n:03d}", "notes": ILL_NOTE,
                                               "sources": ILL}
        out["facilities"].append(feature("facilities", {**rec, **extra}, pt))
    for rec in POLLUTION:
        out["pollution_sources"].append(feature("pollution_sources", {
            **rec, "assessment_method": "reported_classification", "location_precision": "commune_centroid"},
            anchors["village"][rec["village_id"]]))
    for rec in PROJECTS:
        pts = [anchor(kind, ref, anchors) for kind, ref in rec.get("_at", [])]
        out["projects"].append(feature("projects", rec, MultiPoint(pts) if pts else None))
    return out


README = """# craftmap data

Built by `scripts/build_data.py` from `../shared/data/boundaries/` (MIT files only) and the sourced facts
written in that script. Rebuild: `.venv/bin/python scripts/build_data.py [--shared ../shared]`.
GeoJSON is RFC 7946 (WGS 84 lon/lat, exterior rings counter-clockwise, 6 decimals), one feature per line.
Properties follow `geo/layers.py` exactly; unknown values are `null`. Every record lists its `sources`
(ids in `sources.csv`) and a `location_precision`. **No location in this dataset is surveyed.**

## Files

- `admin_units.geojson`: {admin_units} units = {districts} districts + {communes} communes (pre-2025).
  Communes: vietnam63 polygons (Marc Choisy, MIT) with GSO codes joined by name. Districts are
  **dissolved from those communes** by `district_code`, with the gaps between the thinned commune
  polygons filled (Bạch Long Vĩ has no communes, hence 14). `area_ha` is computed in EPSG:3405.
  `valid_to`: districts 2025-07-01 (district level abolished); a commune whose code is an old code of the
  dvhcvn/20250701 merge table (MIT) 2025-07-01, with `successor` = its first post-July-2025 unit; the
  others 2025-01-01 (Resolution 1232/NQ-UBTVQH15), although 6 of them were merged earlier (223 communes
  in 2019, 217 in 2024) and which ones is not in the sources. `valid_from` is null.
- `villages.geojson`: {villages} points. FACTS A: Mỹ Đồng (A1–A4 merged into one record), Bảo Hà
  (Xã Đồng Minh), Chính Mỹ, Kinh Giao (Xã Tân Tiến), Tràng Minh, and one record per commune–craft pair
  of the langngheviet list (A11–A13). Where the source names no village, the record is named after the
  craft and the commune (said in `notes`). Point = the commune centroid given in FACTS
  (`commune_centroid`).
- `clusters.geojson`: {clusters} polygons. Kiền Bái industrial point and Mỹ Đồng craft-village cluster
  (seed 004, FACTS A4, B1), the five CCNs of B2 (≈2013) and B3–B7. No outline is known. With a declared
  area: a 64-gon circle of exactly that area in EPSG:3405, at the commune label point (or the FACTS
  point of a two-commune union), moved to the nearest place where it fits inside the commune(s), clear
  of village points and other clusters (`outline` = `sized_to_declared_area`). Without: a nominal 1 ha
  square (`nominal_marker`). All `approximate`.
- `cluster_plots.geojson`: {cluster_plots} polygons, **all illustrative**: the Kiền Bái and Mỹ Đồng
  circles cut by a grid in EPSG:3405 (each plot shrunk 1 m); statuses and tenants are made up.
- `facilities.geojson`: {facilities} points: Công ty Đúc Thành Phương (FACTS A4, D2, D3; placed inside
  the approximate Mỹ Đồng cluster) and {ill_facilities} **illustrative** workshops. The private
  `contact_phone` holds a fake value ("0000 000 001"…) on illustrative records only.
- `pollution_sources.geojson`: {pollution_sources} points: Mỹ Đồng and Tràng Minh (FACTS C1–C3),
  severity as the source classifies it, at the village point.
- `projects.geojson`: {projects} records: the Mỹ Đồng national pilot 2019–2020 (seed 004), the 7
  machinery projects of seed 000 (no place: null geometry), the 2017 plan (D1, points = its two
  districts), D2 (group), D3 (demonstration model), D4 (2025, in the former Hải Dương part of the city:
  null geometry) and the 3 remediation projects of C3.
- `sources.csv`: {sources} sources: `id,title,publisher,address,date,language`. Dates are ISO 8601,
  reduced to year-month or year where the source shows no day; empty if not shown. Titles of web pages
  are rebuilt from their addresses where the page title was not recorded; publisher is the site's host
  name unless better known. Seed 004 was found republished at haiphong24h.org and seed 000 (an excerpt)
  at tapchicongthuong.vn.

## Choices

- FACTS B8 (Đình Vũ – Cát Hải economic zone) is an economic zone, not a cluster, and has no placeable
  outline: not included.
- "About"/"more than" figures keep a qualifier where the schema has one (investment, budget); areas
  have none, so "≈" is said in `notes`.
- The B2 group totals (183.31 ha, 117.49 ha leased, 80 projects …) are repeated in the `notes` of each
  B2 cluster, not split between them.
- Where a source does not say national or local khuyến công, `programme` is `national_and_local` and
  `notes` says so. A month-only source date becomes the 1st of that month in `status_date` (noted).

## Not found, left null

Surveyed coordinates of anything; cluster outlines; the existing Mỹ Đồng cluster's area and whether
its 28.1 ha expansion was completed; any decision, investment or wastewater data for Kiền Bái;
per-cluster figures of the five B2 CCNs and the commune of An Lão CCN; recognition decisions (and years,
except Chính Mỹ 2007); single household counts (Mỹ Đồng's by trade, Chính Mỹ's "more than 1,000",
Tràng Minh's "nearly 100" are in `description`); budgets of the Mỹ Đồng pilot, the 7 machinery
projects, D2, D3 and the Kinh Giao treatment system; places and years of the machinery projects;
pollution media and measured values; commune establishment dates; any real plot data.

## Licences and credits

- Commune polygons and the districts dissolved from them: MIT, vietnam63 by Marc Choisy (IRD),
  https://github.com/choisy/vietnam63.
- 2025 merge table: MIT, https://github.com/dvhcvn/20250701. GSO codes are official codes, joined via the
  2019 list in daohoangson/dvhcvn; no file of that GPL repository is shipped.
- Facts: quoted or summarised from the public pages listed in `sources.csv`; each record cites its
  sources. Illustrative records cite `craftmap-illustrative`.
- Nothing in `data/` is GPL: no file of `reference-gpl/` was used.
"""


def write_readme(counts: dict[str, int]) -> None:
    (OUT / "README.md").write_text(README.format(**counts), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    shared = parser.parse_args().shared.resolve()
    OUT.mkdir(exist_ok=True)
    admin, communes, districts = build_admin(shared)
    villages, village_pts = build_villages(communes)
    clusters, cluster_shapes = build_clusters(communes, districts, village_pts)
    plots = build_plots(cluster_shapes)
    anchors: dict[str, dict[str, BaseGeometry]] = {
        "village": dict(village_pts), "cluster": cluster_shapes, "district": districts,
        "plot": {f["id"]: shape(f["geometry"]) for f in plots}}
    points = build_points(anchors, communes)
    layers = {"admin_units": admin, "villages": villages, "clusters": clusters, "cluster_plots": plots,
              **points}
    for name, feats in layers.items():
        write_collection(name, feats)
    write_sources()
    counts = {k: len(v) for k, v in layers.items()}
    counts |= {"districts": len(districts), "communes": len(communes), "sources": len(SOURCES),
               "ill_facilities": sum(f["properties"]["illustrative"] for f in points["facilities"])}
    write_readme(counts)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
