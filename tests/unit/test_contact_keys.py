from ordertake.contact_keys import email_key, phone_key
from ordertake.units import canonical_unit


def test_phone_forms_share_one_key() -> None:
    forms = [
        "03-1234-5678",
        "+81 3-1234-5678",
        "03(1234)5678",
        "０３－１２３４－５６７８",
        "0081312345678",
    ]
    assert {phone_key(f) for f in forms} == {"0312345678"}
    assert phone_key("P.001") == ""


def test_email_key() -> None:
    assert email_key(" <Order@Example.CO.JP> ") == "order@example.co.jp"


def test_canonical_units() -> None:
    assert canonical_unit("C/S") == canonical_unit("ｹｰｽ") == canonical_unit("cs") == "ケース"
    assert canonical_unit("ＫＧ") == "kg"
    # Half-width kana as legacy systems print units.
    assert (canonical_unit("ﾎﾝ"), canonical_unit("ﾌｸﾛ"), canonical_unit("ｶﾝ")) == ("本", "袋", "缶")
    assert canonical_unit("unknown") is None
