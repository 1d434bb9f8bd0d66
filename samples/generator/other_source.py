# ruff: noqa: E501 (data tables read better one entry per line)
"""A second product master from another kind of wholesaler (hardware, packaging, daily goods),
written the way a different system exports it: CP932, CRLF, other column order, 1,280-style
prices, half-width katakana readings and units such as ｹｰｽ or PC."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from samples.generator.kana import to_halfwidth_kana

_SERIES = [
    # (name pattern, reading, unit, base price, sizes)
    (
        "六角ボルト ステンレス M{a}×{b} {n}本入",
        "ﾛｯｶｸﾎﾞﾙﾄ",
        "箱",
        380,
        {"a": [4, 5, 6, 8, 10, 12], "b": [10, 15, 20, 25, 30, 40, 50], "n": [50, 100]},
    ),
    (
        "六角ナット ユニクロ M{a} {n}個入",
        "ﾛｯｶｸﾅｯﾄ",
        "袋",
        160,
        {"a": [3, 4, 5, 6, 8, 10, 12, 16], "n": [20, 50, 100, 200]},
    ),
    (
        "平ワッシャー ステンレス M{a} {n}枚入",
        "ﾋﾗﾜｯｼｬｰ",
        "袋",
        120,
        {"a": [3, 4, 5, 6, 8, 10, 12], "n": [20, 50, 100]},
    ),
    (
        "木ネジ 丸頭 {a}×{b}mm {n}本入",
        "ｷﾈｼﾞ",
        "袋",
        210,
        {"a": [2.7, 3.1, 3.5, 3.8, 4.1], "b": [16, 20, 25, 32, 38, 45], "n": [30, 100]},
    ),
    (
        "結束バンド {c} {b}mm {n}本入",
        "ｹｯｿｸﾊﾞﾝﾄﾞ",
        "袋",
        240,
        {"c": ["黒", "白", "耐候"], "b": [100, 150, 200, 250, 300, 380], "n": [100, 1000]},
    ),
    (
        "養生テープ {c} {a}mm×25m",
        "ﾖｳｼﾞｮｳﾃｰﾌﾟ",
        "巻",
        190,
        {"c": ["緑", "白", "青", "黄"], "a": [25, 38, 50, 100]},
    ),
    (
        "布粘着テープ {c} {a}mm×25m",
        "ﾇﾉﾈﾝﾁｬｸﾃｰﾌﾟ",
        "巻",
        260,
        {"c": ["茶", "白", "黒", "銀"], "a": [38, 50, 75]},
    ),
    (
        "アルカリ乾電池 {c} {n}本パック",
        "ｱﾙｶﾘｶﾝﾃﾞﾝﾁ",
        "パック",
        280,
        {"c": ["単1", "単2", "単3", "単4", "9V"], "n": [2, 4, 8, 20]},
    ),
    (
        "LED電球 {c} {a}W形 {d}",
        "LEDﾃﾞﾝｷｭｳ",
        "個",
        680,
        {"c": ["E26", "E17"], "a": [40, 60, 100], "d": ["昼光色", "昼白色", "電球色"]},
    ),
    (
        "軍手 {c} {n}双組",
        "ｸﾞﾝﾃ",
        "組",
        420,
        {"c": ["7ゲージ", "10ゲージ", "13ゲージ滑り止め"], "n": [12, 120]},
    ),
    (
        "不織布マスク {c} {n}枚入",
        "ﾌｼｮｸﾌﾏｽｸ",
        "箱",
        398,
        {"c": ["ふつう", "小さめ", "大きめ", "子供用"], "n": [30, 50, 60]},
    ),
    (
        "段ボール箱 {c}サイズ {n}枚",
        "ﾀﾞﾝﾎﾞｰﾙﾊﾞｺ",
        "ケース",
        1200,
        {"c": [60, 80, 100, 120, 140], "n": [10, 20, 50]},
    ),
    ("ポリ手袋 {c} {n}枚入", "ﾎﾟﾘﾃﾌﾞｸﾛ", "箱", 298, {"c": ["SS", "S", "M", "L"], "n": [100, 200]}),
    (
        "OPP袋 テープ付 {a}×{b}mm {n}枚",
        "OPPﾌﾞｸﾛ",
        "袋",
        180,
        {"a": [70, 90, 100, 120, 150, 200], "b": [100, 140, 170, 230, 300], "n": [100]},
    ),
    (
        "ストレッチフィルム {a}mm×{b}m {c}μ",
        "ｽﾄﾚｯﾁﾌｨﾙﾑ",
        "ケース",
        5800,
        {"a": [300, 500], "b": [300], "c": [12, 15, 17, 20]},
    ),
    (
        "コピー用紙 {c} {n}枚",
        "ｺﾋﾟｰﾖｳｼ",
        "箱",
        2980,
        {"c": ["A4", "A3", "B4", "B5"], "n": [2500, 5000]},
    ),
    (
        "ボールペン 油性 {a}mm {c}",
        "ﾎﾞｰﾙﾍﾟﾝ",
        "本",
        110,
        {"a": [0.5, 0.7, 1.0], "c": ["黒", "赤", "青"]},
    ),
    (
        "塩ビパイプ VP{a} {b}m",
        "ｴﾝﾋﾞﾊﾟｲﾌﾟ",
        "本",
        640,
        {"a": [13, 16, 20, 25, 30, 40, 50], "b": [1, 2, 4]},
    ),
    ("エルボ DV{a} 90°", "ｴﾙﾎﾞ", "個", 120, {"a": [40, 50, 65, 75, 100]}),
    (
        "園芸用土 {c} {a}L",
        "ｴﾝｹﾞｲﾖｳﾄﾞ",
        "袋",
        480,
        {"c": ["培養土", "赤玉土 小粒", "腐葉土", "鹿沼土"], "a": [5, 14, 25]},
    ),
]
_MAKERS = [
    ("大和金属", "ﾀﾞｲﾜｷﾝｿﾞｸ"),
    ("共栄化工", "ｷｮｳｴｲｶｺｳ"),
    ("ニシダ工業", "ﾆｼﾀﾞｺｳｷﾞｮｳ"),
    ("光洋産業", "ｺｳﾖｳｻﾝｷﾞｮｳ"),
    ("ホクト電機", "ﾎｸﾄﾃﾞﾝｷ"),
    ("サンエイ", "ｻﾝｴｲ"),
    ("マツモト製作所", "ﾏﾂﾓﾄｾｲｻｸｼｮ"),
    ("東邦プラスチック", "ﾄｳﾎｳﾌﾟﾗｽﾁｯｸ"),
    ("みどり園芸", "ﾐﾄﾞﾘｴﾝｹﾞｲ"),
]
_UNIT_WRITING = {"ケース": "ｹｰｽ", "個": "PC", "箱": "ﾊｺ"}


def _expand(pattern: str, options: dict[str, list[object]]) -> list[str]:
    names = [pattern]
    for key, values in options.items():
        names = [name.replace("{" + key + "}", str(v)) for name in names for v in values]
    return names


def write_other_source(path: Path, rng: random.Random) -> int:
    """Write the CP932 master; returns the number of products."""
    rows = []
    serial = 200000
    for maker, maker_kana in _MAKERS:
        for pattern, reading, unit, base, options in _SERIES:
            for name in _expand(pattern, options):
                if rng.random() < 0.2:
                    continue
                serial += rng.randint(1, 4)
                price = round(base * rng.uniform(0.8, 1.6), -1)
                rows.append(
                    [
                        f"{serial}",
                        f"{maker} {name}",
                        to_halfwidth_kana(maker_kana) + " " + reading,
                        _UNIT_WRITING.get(unit, unit) if rng.random() < 0.3 else unit,
                        f"{int(price):,}",
                        str(rng.choice((1, 1, 10, 20, 50))),
                    ]
                )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["code", "name", "name_kana", "unit", "price", "case_qty"])
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp932"))
    return len(rows)
