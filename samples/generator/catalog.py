"""The sample product master and customers: structured specs plus their CSV rows."""

from __future__ import annotations

import random
from dataclasses import dataclass

from samples.generator.families import MAKERS, Family, Maker, Size, families
from samples.generator.kana import to_halfwidth_kana


@dataclass(frozen=True)
class ProductSpec:
    code: str
    maker: Maker
    family: Family
    size: Size
    price: int
    maker_no: str
    jan: str

    @property
    def name(self) -> str:
        return f"{self.maker.name} {self.family.item} {self.size.label}"

    @property
    def unit(self) -> str:
        return self.size.unit

    @property
    def kana(self) -> str:
        return to_halfwidth_kana(f"{self.maker.kana} {self.family.kana}") + f" {self.size.label}"


@dataclass(frozen=True)
class CustomerSpec:
    code: str
    name: str
    faxes: tuple[str, ...]
    emails: tuple[str, ...]
    tel: str
    address: str
    person: str
    order_no_style: str
    """How this customer numbers orders: a format key of orders.ORDER_NUMBER_STYLES."""
    own_codes: bool
    """Writes its own item codes (自社品番) beside the names."""


def jan13(rng: random.Random, used: set[str]) -> str:
    while True:
        body = "49" + "".join(str(rng.randrange(10)) for _ in range(10))
        odd = sum(int(d) for d in body[0::2])
        even = sum(int(d) for d in body[1::2])
        code = body + str((10 - (odd + 3 * even) % 10) % 10)
        if code not in used:
            used.add(code)
            return code


def make_products(rng: random.Random) -> list[ProductSpec]:
    """Every maker makes most families of its category in most sizes."""
    products: list[ProductSpec] = []
    used_jan: set[str] = set()
    maker_numbers: dict[str, int] = {}
    for prefix, fams in families().items():
        serial = 10000
        for maker in MAKERS[prefix]:
            for family in fams:
                if rng.random() < 0.22:
                    continue
                factor = rng.choice((0.92, 0.95, 1.0, 1.0, 1.05, 1.1, 1.18))
                for size in family.sizes:
                    if len(family.sizes) > 2 and rng.random() < 0.12:
                        continue
                    serial += rng.randint(1, 9)
                    maker_numbers[maker.abbrev] = maker_numbers.get(maker.abbrev, 0) + rng.randint(
                        1, 17
                    )
                    price = round(size.price * factor)
                    if price > 1000:
                        price = round(price, -1)
                    products.append(
                        ProductSpec(
                            code=f"{prefix}-{serial}",
                            maker=maker,
                            family=family,
                            size=size,
                            price=price,
                            maker_no=f"{maker.abbrev}-{maker_numbers[maker.abbrev]:04d}",
                            jan=jan13(rng, used_jan),
                        )
                    )
    return products


def product_rows(products: list[ProductSpec]) -> list[dict[str, str]]:
    return [
        {
            "code": p.code,
            "name": p.name,
            "unit": p.unit,
            "price": str(p.price),
            "name_kana": p.kana,
            "case_qty": str(p.size.case_qty),
            "aliases": p.maker_no,
            "jan": p.jan,
        }
        for p in products
    ]


_CUSTOMERS = [
    # name, address, domain, person
    ("株式会社山田商店", "東京都台東区浅草2-14-3", "yamada-shoten.co.jp", "山田"),
    ("有限会社さくら食堂", "東京都墨田区押上1-8-11", "sakura-shokudo.jp", "佐倉"),
    ("株式会社ホテル港屋", "神奈川県横浜市中区山下町21", "minatoya-hotel.co.jp", "購買部 高橋"),
    ("株式会社まるふく", "千葉県船橋市本町4-2-7", "marufuku.co.jp", "福田"),
    ("有限会社居酒屋とりまる", "東京都新宿区歌舞伎町1-3-5", "torimaru.jp", "鳥井"),
    ("株式会社グリーンスーパー", "埼玉県川口市栄町3-9-1", "green-super.co.jp", "仕入担当 中村"),
    ("社会福祉法人ひまわり会", "東京都練馬区光が丘5-1-2", "himawari-kai.or.jp", "給食係 小林"),
    ("株式会社給食サービス東都", "東京都大田区蒲田4-22-8", "toto-kyushoku.co.jp", "加藤"),
    ("有限会社そば処長寿庵", "東京都杉並区阿佐谷南1-15-2", "chojuan.jp", "長田"),
    ("株式会社ダイニング和楽", "東京都港区新橋3-6-14", "waraku-dining.co.jp", "吉田"),
    ("株式会社フレッシュマート千住", "東京都足立区千住2-30", "freshmart-senju.co.jp", "伊藤"),
    ("有限会社喫茶ポプラ", "東京都世田谷区三軒茶屋2-11-4", "poplar-cafe.jp", "松本"),
    ("株式会社ビストロ青山", "東京都港区南青山5-4-30", "bistro-aoyama.jp", "井上"),
    ("株式会社こだま弁当", "東京都品川区大井1-20-6", "kodama-bento.co.jp", "児玉"),
    ("有限会社中華料理龍門", "神奈川県川崎市川崎区駅前本町9-3", "ryumon.jp", "陳"),
    ("株式会社リゾートホテル湯の花", "静岡県熱海市銀座町7-1", "yunohana-resort.co.jp", "調達課 林"),
    ("株式会社やまびこ物産", "東京都八王子市旭町12-4", "yamabiko-bussan.co.jp", "山口"),
    ("有限会社焼肉ほむら", "東京都板橋区大山町33-2", "homura-yakiniku.jp", "村田"),
    ("株式会社オフィスカフェ東京", "東京都千代田区丸の内1-9-2", "officecafe.tokyo", "清水"),
    ("医療法人社団緑風会", "東京都府中市府中町2-5-9", "ryokufukai.or.jp", "栄養科 森"),
    ("株式会社マルエー商事", "神奈川県相模原市中央区中央3-12", "marua-shoji.co.jp", "阿部"),
    ("有限会社ラーメン一番星", "東京都中野区中野5-52-15", "ichibanboshi.jp", "星野"),
    ("株式会社とうきょう寿司", "東京都中央区築地4-10-5", "tokyo-sushi.co.jp", "池田"),
    ("株式会社はなまる保育園", "東京都江東区豊洲3-2-20", "hanamaru-hoikuen.jp", "橋本"),
    ("有限会社洋食キッチン大島", "東京都江戸川区小岩7-1-3", "kitchen-oshima.jp", "大島"),
    ("株式会社ベーカリー麦の穂", "東京都武蔵野市吉祥寺本町2-4", "muginoho-bakery.co.jp", "石川"),
    ("株式会社スマイル介護センター", "埼玉県さいたま市浦和区高砂2-8", "smile-kaigo.co.jp", "前田"),
    ("有限会社居酒屋だるま", "千葉県千葉市中央区富士見2-3", "izakaya-daruma.jp", "藤井"),
    ("株式会社サンライズ商会", "東京都北区赤羽1-7-9", "sunrise-shokai.co.jp", "後藤"),
    ("株式会社和食処かすみ", "東京都目黒区自由が丘1-26", "kasumi-washoku.jp", "岡田"),
    ("株式会社ミヤコ給食", "東京都調布市布田1-40-2", "miyako-kyushoku.co.jp", "長谷川"),
    ("有限会社カフェ・ド・モリ", "東京都国分寺市本町2-1-23", "cafe-de-mori.jp", "森本"),
    ("株式会社ふじや旅館", "神奈川県足柄下郡箱根町湯本640", "fujiya-ryokan.jp", "女将 藤原"),
    ("株式会社東和ストア", "東京都葛飾区亀有3-29", "towa-store.co.jp", "近藤"),
    ("有限会社串カツ田所", "東京都豊島区池袋2-40-11", "kushikatsu-tadokoro.jp", "田所"),
]

_AREA = ["03", "03", "03", "044", "045", "047", "048", "042", "0557", "0460"]
_STYLES = ["po-year", "numeric", "dash", "none", "hash", "po-year", "numeric", "dash"]


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        area = rng.choice(_AREA)
        digits = 10 - len(area)
        mid = 4 if digits >= 8 else digits - 4
        number = f"{area}-{rng.randrange(10 ** (mid - 1), 10**mid)}-{rng.randrange(1000, 10000)}"
        if number not in used:
            used.add(number)
            return number


def make_customers(rng: random.Random) -> list[CustomerSpec]:
    used: set[str] = set()
    customers = []
    for index, (name, address, domain, person) in enumerate(_CUSTOMERS, start=1):
        faxes = [_phone(rng, used)]
        if rng.random() < 0.2:
            faxes.append(_phone(rng, used))
        emails = [f"{rng.choice(['order', 'hachu', 'info', 'shiire'])}@{domain}"]
        if rng.random() < 0.25:
            emails.append(f"{rng.choice(['kitchen', 'honbu', 'tencho', 'keiri'])}@{domain}")
        customers.append(
            CustomerSpec(
                code=f"C{index:03d}",
                name=name,
                faxes=tuple(faxes),
                emails=tuple(emails),
                tel=_phone(rng, used),
                address=address,
                person=person,
                order_no_style=_STYLES[index % len(_STYLES)],
                own_codes=rng.random() < 0.3,
            )
        )
    return customers


def customer_rows(customers: list[CustomerSpec]) -> list[dict[str, str]]:
    return [
        {"code": c.code, "name": c.name, "fax": "|".join(c.faxes), "email": "|".join(c.emails)}
        for c in customers
    ]
