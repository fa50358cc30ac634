"""Citizenship grouped for publication: the main communities of the province by name, every
other country by continent (ISO 3166-1 alpha-2 → continent). Grouping keeps small national groups
from standing out in a territory of 4,400 residents."""

from django.utils.translation import gettext_lazy as _

# The main foreign communities of the province of Alessandria (docs/indicators.md).
TOP_COUNTRIES = ["RO", "AL", "MA"]

_CONTINENTS = {
    "europe": (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE "
        "LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK"
    ),
    "africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA "
        "MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"
    ),
    "asia": (
        "AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN "
        "MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE"
    ),
    "americas": (
        "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN "
        "HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI"
    ),
    "oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
}
CONTINENT = {code: continent for continent, codes in _CONTINENTS.items() for code in codes.split()}

GROUP_LABELS = {
    "RO": _("Romania"),
    "AL": _("Albania"),
    "MA": _("Morocco"),
    "IT": _("Italy"),
    "europe": _("Other Europe"),
    "africa": _("Other Africa"),
    "asia": _("Asia"),
    "americas": _("Americas"),
    "oceania": _("Oceania"),
    "not_recorded": _("Not recorded"),
}
GROUPS = list(GROUP_LABELS)


def citizenship_group(code: str | None) -> str:
    """'RO' → 'RO'; 'TN' → 'africa'; '' → 'not_recorded'."""
    code = (code or "").upper()
    if not code:
        return "not_recorded"
    if code in TOP_COUNTRIES or code == "IT":
        return code
    return CONTINENT.get(code, "not_recorded")
