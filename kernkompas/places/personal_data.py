"""The places hold no personal data; their names are declared so the register's field walk knows it."""

from kernkompas.core import personal_data
from kernkompas.places.models import Country, Gebied, Gemeente, Kern, Province, Regio

PLACE_NAME = "the name of a place"
personal_data.not_personal(Country, "name_nl", "name_fr", "name_en", reason=PLACE_NAME)
personal_data.not_personal(Province, "name_nl", "name_fr", reason=PLACE_NAME)
personal_data.not_personal(Gemeente, "name_nl", "name_fr", reason=PLACE_NAME)
personal_data.not_personal(Kern, "name", reason=PLACE_NAME)
personal_data.not_personal(Gebied, "name", reason=PLACE_NAME)
personal_data.not_personal(Regio, "name", reason=PLACE_NAME)
