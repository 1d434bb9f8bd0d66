"""Seeded generator of a large product master and of customer-style noisy queries against it.

Products: maker + (variant) item + size (+ pack), with katakana readings, many near-duplicates
(same item in several sizes and from several makers) as in a real wholesaler's master.
Queries: OCR confusions, abbreviations, half-width kana, sizes written differently, maker
omitted where the rest is still unambiguous. Each query knows the product it means.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

from ordertake.domain import Product

_MORAE = list("アカサタナマヤラワキシチミリクスツムルコソトノモヨロダガゴボ")
_KANJI_MAKERS = [
    ("山田", "ヤマダ"),
    ("丸大", "マルダイ"),
    ("東洋", "トウヨウ"),
    ("日本", "ニホン"),
    ("大和", "ヤマト"),
    ("富士", "フジ"),
    ("北海", "ホッカイ"),
    ("関西", "カンサイ"),
    ("三河", "ミカワ"),
    ("信州", "シンシュウ"),
    ("九州", "キュウシュウ"),
    ("湘南", "ショウナン"),
    ("房総", "ボウソウ"),
    ("越後", "エチゴ"),
    ("紀州", "キシュウ"),
    ("瀬戸", "セト"),
]
_SUFFIXES = [
    ("食品", "ショクヒン"),
    ("醸造", "ジョウゾウ"),
    ("製菓", "セイカ"),
    ("乳業", "ニュウギョウ"),
    ("水産", "スイサン"),
    ("物産", "ブッサン"),
    ("フーズ", "フーズ"),
    ("製粉", "セイフン"),
]
_ITEMS = [
    ("こいくちしょうゆ", "コイクチショウユ", "vol"),
    ("うすくちしょうゆ", "ウスクチショウユ", "vol"),
    ("本みりん", "ホンミリン", "vol"),
    ("穀物酢", "コクモツス", "vol"),
    ("米酢", "コメズ", "vol"),
    ("料理酒", "リョウリシュ", "vol"),
    ("ぽん酢", "ポンズ", "vol"),
    ("めんつゆ", "メンツユ", "vol"),
    ("白だし", "シロダシ", "vol"),
    ("中濃ソース", "チュウノウソース", "vol"),
    ("ウスターソース", "ウスターソース", "vol"),
    ("ケチャップ", "ケチャップ", "mass"),
    ("マヨネーズ", "マヨネーズ", "mass"),
    ("サラダ油", "サラダアブラ", "mass"),
    ("ごま油", "ゴマアブラ", "mass"),
    ("上白糖", "ジョウハクトウ", "mass"),
    ("食塩", "ショクエン", "mass"),
    ("合わせみそ", "アワセミソ", "mass"),
    ("白みそ", "シロミソ", "mass"),
    ("緑茶", "リョクチャ", "vol"),
    ("ほうじ茶", "ホウジチャ", "vol"),
    ("麦茶", "ムギチャ", "vol"),
    ("ウーロン茶", "ウーロンチャ", "vol"),
    ("天然水", "テンネンスイ", "vol"),
    ("炭酸水", "タンサンスイ", "vol"),
    ("コーラ", "コーラ", "vol"),
    ("サイダー", "サイダー", "vol"),
    ("スポーツドリンク", "スポーツドリンク", "vol"),
    ("オレンジジュース", "オレンジジュース", "vol"),
    ("りんごジュース", "リンゴジュース", "vol"),
    ("缶コーヒー", "カンコーヒー", "mass"),
    ("カフェオレ", "カフェオレ", "vol"),
    ("生ビール", "ナマビール", "pack"),
    ("発泡酒", "ハッポウシュ", "pack"),
    ("チューハイ レモン", "チューハイレモン", "pack"),
    ("純米酒", "ジュンマイシュ", "vol"),
    ("麦焼酎", "ムギショウチュウ", "vol"),
    ("芋焼酎", "イモショウチュウ", "vol"),
    ("梅酒", "ウメシュ", "vol"),
    ("乾麺 そば", "カンメンソバ", "mass"),
    ("乾麺 うどん", "カンメンウドン", "mass"),
    ("スパゲッティ", "スパゲッティ", "mass"),
    ("薄力小麦粉", "ハクリキコムギコ", "mass"),
    ("強力小麦粉", "キョウリキコムギコ", "mass"),
    ("片栗粉", "カタクリコ", "mass"),
    ("パン粉", "パンコ", "mass"),
    ("コシヒカリ", "コシヒカリ", "mass"),
    ("焼のり", "ヤキノリ", "count"),
    ("花かつお", "ハナカツオ", "mass"),
    ("だし昆布", "ダシコンブ", "mass"),
    ("若鶏唐揚げ", "ワカドリカラアゲ", "mass"),
    ("えび天ぷら", "エビテンプラ", "count"),
    ("焼餃子", "ヤキギョウザ", "count"),
    ("牛肉コロッケ", "ギュウニクコロッケ", "pack"),
    ("フライドポテト", "フライドポテト", "mass"),
    ("枝豆", "エダマメ", "mass"),
    ("ハンバーグ", "ハンバーグ", "pack"),
    ("ロースハム", "ロースハム", "mass"),
    ("あらびきウインナー", "アラビキウインナー", "mass"),
    ("ベーコン", "ベーコン", "mass"),
    ("木綿豆腐", "モメンドウフ", "mass"),
    ("絹ごし豆腐", "キヌゴシドウフ", "mass"),
    ("牛乳", "ギュウニュウ", "vol"),
    ("無塩バター", "ムエンバター", "mass"),
    ("ヨーグルト", "ヨーグルト", "mass"),
    ("生クリーム", "ナマクリーム", "vol"),
    ("スライスチーズ", "スライスチーズ", "count"),
    ("ポテトチップス", "ポテトチップス", "mass"),
    ("ミルクチョコレート", "ミルクチョコレート", "mass"),
    ("バタークッキー", "バタークッキー", "count"),
    ("せんべい", "センベイ", "count"),
    ("ツナ缶", "ツナカン", "mass"),
    ("コーン缶", "コーンカン", "mass"),
    ("ホールトマト", "ホールトマト", "mass"),
    ("レトルトカレー", "レトルトカレー", "mass"),
    ("台所用洗剤", "ダイドコロヨウセンザイ", "vol"),
    ("ペーパータオル", "ペーパータオル", "count"),
    ("ゴミ袋 45L", "ゴミブクロ", "count"),
    ("ラップ", "ラップ", "len"),
    ("アルミホイル", "アルミホイル", "len"),
]
_VARIANTS = [
    ("", ""),
    ("", ""),
    ("", ""),
    ("特選", "トクセン"),
    ("減塩", "ゲンエン"),
    ("有機", "ユウキ"),
    ("国産", "コクサン"),
    ("業務用", "ギョウムヨウ"),
    ("徳用", "トクヨウ"),
    ("低糖", "テイトウ"),
    ("無添加", "ムテンカ"),
    ("プレミアム", "プレミアム"),
    ("北海道", "ホッカイドウ"),
    ("濃厚", "ノウコウ"),
]
_SIZES = {
    "vol": [
        "200ml",
        "350ml",
        "500ml",
        "525ml",
        "720ml",
        "900ml",
        "1L",
        "1.5L",
        "1.8L",
        "2L",
        "18L",
    ],
    "mass": ["100g", "150g", "200g", "300g", "500g", "1kg", "2kg", "5kg", "10kg", "20kg"],
    "count": ["5枚", "10枚", "20枚", "30個", "50個", "10尾", "20尾", "100枚"],
    "pack": ["350ml×6缶", "350ml×24缶", "500ml×24缶", "60g×10個", "80g×10個", "120g×10個"],
    "len": ["15cm×20m", "22cm×50m", "30cm×20m", "30cm×50m"],
}
_UNITS = {"vol": "本", "mass": "袋", "count": "袋", "pack": "ケース", "len": "本"}


def _makers(rng: random.Random, count: int) -> list[tuple[str, str]]:
    makers: dict[str, str] = {}
    while len(makers) < count:
        if rng.random() < 0.5:
            word = "".join(rng.choice(_MORAE) for _ in range(rng.randint(2, 4)))
            makers.setdefault(word, word)
        else:
            (k, r), (sk, sr) = rng.choice(_KANJI_MAKERS), rng.choice(_SUFFIXES)
            extra = rng.choice(_MORAE) if rng.random() < 0.5 else ""
            makers.setdefault(f"{k}{extra}{sk}", f"{r}{extra}{sr}")
    return list(makers.items())


def make_products(count: int, seed: int = 20261120) -> list[Product]:
    """`count` products with unique names, deterministic for a seed."""
    rng = random.Random(seed)
    makers = _makers(rng, max(40, count // 250))
    seen: set[str] = set()
    products: list[Product] = []
    while len(products) < count:
        maker, maker_kana = rng.choice(makers)
        item, item_kana, kind = rng.choice(_ITEMS)
        variant, variant_kana = rng.choice(_VARIANTS)
        size = rng.choice(_SIZES[kind])
        name = f"{maker} {variant}{item} {size}"
        if name in seen:
            continue
        seen.add(name)
        case_qty = rng.choice((6, 10, 12, 20, 24)) if kind != "pack" else 1
        products.append(
            Product(
                code=f"{'ABCDEFGH'[len(products) % 8]}-{100000 + len(products)}",
                name=name,
                unit=_UNITS[kind],
                price=float(rng.randint(60, 6000)),
                name_kana=f"{maker_kana} {variant_kana}{item_kana}",
                case_qty=case_qty,
            )
        )
    return products


# ── noisy queries ────────────────────────────────────────────────────────────────────

_OCR = {
    "ー": "一",
    "ロ": "口",
    "カ": "力",
    "エ": "工",
    "タ": "夕",
    "ニ": "二",
    "ソ": "ン",
    "シ": "ツ",
    "ハ": "八",
    "0": "O",
    "1": "l",
    "5": "S",
    "8": "B",
    "ペ": "ぺ",
    "へ": "ヘ",
    "ト": "卜",
}
_HALF = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンー",
        "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝｰ",
        strict=True,
    )
)


def _size_variant(size: str, rng: random.Random) -> str:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)L", size)
    if m:
        return rng.choice([f"{round(float(m.group(1)) * 1000)}ml", f"{m.group(1)}ℓ", size.lower()])
    m = re.fullmatch(r"(\d+)g", size)
    if m and int(m.group(1)) >= 100:
        return rng.choice([f"{int(m.group(1)) / 1000:g}kg", f"{m.group(1)}G", size])
    m = re.fullmatch(r"(\d+)kg", size)
    if m:
        return rng.choice([f"{m.group(1)}キロ", f"{int(m.group(1)) * 1000}g", f"{m.group(1)}KG"])
    if "×" in size:
        return size.replace("×", rng.choice(["x", "*", " "]))
    m = re.fullmatch(r"(\d+)ml", size)
    if m:
        return rng.choice([f"{m.group(1)}ML", f"{m.group(1)}mℓ", f"{m.group(1)}cc"])
    return size


@dataclass(frozen=True)
class Query:
    text: str
    product_code: str


class QueryWriter:
    def __init__(self, products: list[Product]) -> None:
        self.without_maker = Counter(p.name.split(" ", 1)[1] for p in products)
        self.short_maker = Counter((p.name[:2], p.name.split(" ", 1)[1]) for p in products)

    def write(self, product: Product, rng: random.Random) -> Query:
        maker, rest = product.name.split(" ", 1)
        item, size = rest.rsplit(" ", 1)
        size = _size_variant(size, rng) if rng.random() < 0.6 else size
        if rng.random() < 0.3 and product.case_qty and product.case_qty > 1:
            size += rng.choice(
                [f" {product.case_qty}入", f"×{product.case_qty}", f" {product.case_qty}本入"]
            )
        if rng.random() < 0.3 and self.short_maker[(maker[:2], rest)] == 1:
            maker = maker[:2]
        text = f"{maker} {item}{rng.choice([' ', '', ' '])}{size}"
        if rng.random() < 0.35 and self.without_maker[rest] == 1:
            text = f"{item} {size}"
        chars = list(text)
        for i, ch in enumerate(chars):
            if ch in _OCR and rng.random() < 0.12:
                chars[i] = _OCR[ch]
        letters = [i for i, ch in enumerate(chars) if not ch.isdigit() and ch != "."]
        if rng.random() < 0.15 and len(letters) > 6:
            del chars[rng.choice(letters)]
        text = "".join(chars)
        if rng.random() < 0.25:
            text = "".join(_HALF.get(ch, ch) for ch in text)
        return Query(text, product.code)


def make_queries(products: list[Product], count: int, seed: int = 7) -> list[Query]:
    rng = random.Random(seed)
    writer = QueryWriter(products)
    return [writer.write(rng.choice(products), rng) for _ in range(count)]
