"""The default function groups and branches (after Locatus), and reading the taxonomy a municipality's files use.

The defaults are created on migrate (:func:`kernkompas.monitor.actions.taxonomy.ensure_default_taxonomy`) and
editable afterwards.

Codes are stable: importers, the OSM tag mapping and the tests refer to them. Names are Dutch, the language the
field uses for them (a municipality may rename them in the back office).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from kernkompas.lib.text import fold
from kernkompas.monitor.models import Branch, BranchAlias, FunctionGroup

# code, name, sector, colour (colour-blind safe palette, Okabe–Ito and Tol), branches (code, name)
DEFAULT_TAXONOMY: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
    (
        "dagelijks",
        "Dagelijks",
        "detailhandel",
        "#009E73",
        [
            ("supermarkt", "Supermarkt"),
            ("bakker", "Bakker"),
            ("slager", "Slager"),
            ("groente-fruit", "Groente en fruit"),
            ("speciaalzaak-food", "Speciaalzaak food"),
            ("drogist", "Drogist"),
            ("apotheek", "Apotheek"),
            ("bloemen", "Bloemen en planten"),
            ("dierenspeciaalzaak", "Dierenspeciaalzaak"),
        ],
    ),
    (
        "mode-luxe",
        "Mode & Luxe",
        "detailhandel",
        "#CC79A7",
        [
            ("kleding", "Kleding"),
            ("schoenen", "Schoenen en lederwaren"),
            ("juwelier", "Juwelier en horloges"),
            ("optiek", "Optiek"),
            ("parfumerie", "Parfumerie en cosmetica"),
            ("warenhuis", "Warenhuis"),
        ],
    ),
    (
        "vrije-tijd",
        "Vrije tijd",
        "detailhandel",
        "#56B4E9",
        [
            ("boeken", "Boeken en tijdschriften"),
            ("sport", "Sport"),
            ("speelgoed", "Speelgoed en hobby"),
            ("muziek", "Muziek en multimedia"),
            ("fietsen", "Fietsen"),
        ],
    ),
    (
        "in-om-huis",
        "In/om huis",
        "detailhandel",
        "#E69F00",
        [
            ("woninginrichting", "Woninginrichting en meubels"),
            ("doe-het-zelf", "Doe-het-zelf"),
            ("huishoudelijk", "Huishoudelijke artikelen"),
            ("elektronica", "Elektronica en witgoed"),
            ("tuin", "Tuin en dier"),
        ],
    ),
    (
        "detailhandel-overig",
        "Detailhandel overig",
        "detailhandel",
        "#999933",
        [
            ("tweedehands", "Tweedehands en kringloop"),
            ("auto-motor", "Auto en motor"),
            ("overig", "Overige detailhandel"),
        ],
    ),
    (
        "leisure",
        "Leisure/horeca",
        "leisure",
        "#D55E00",
        [
            ("restaurant", "Restaurant"),
            ("cafe", "Café"),
            ("fastservice", "Fastservice en afhaal"),
            ("lunchroom", "Lunchroom en koffie"),
            ("hotel", "Hotel en logies"),
            ("cultuur", "Cultuur"),
            ("ontspanning", "Ontspanning en sport"),
        ],
    ),
    (
        "diensten",
        "Diensten",
        "diensten",
        "#0072B2",
        [
            ("kapper", "Kapper en schoonheid"),
            ("bank", "Bank en verzekering"),
            ("makelaar", "Makelaar"),
            ("reisbureau", "Reisbureau"),
            ("zorg", "Zorg"),
            ("publieke-dienst", "Publieke dienst"),
            ("ambachtelijk", "Ambachtelijke dienst"),
            ("overige-dienst", "Overige dienstverlening"),
        ],
    ),
    ("leegstand", "Leegstand", "leegstand", "#000000", []),
    ("wonen", "Wonen", "wonen", "#AA4499", []),
    (
        "werken",
        "Werken",
        "werken",
        "#44AA99",
        [
            ("kantoor", "Kantoor"),
            ("bedrijf", "Bedrijf en werkplaats"),
        ],
    ),
]


def groups_and_branches(gemeente) -> tuple[dict[str, FunctionGroup], dict[str, Branch]]:
    """Groups and branches a municipality may use, by code: the default taxonomy plus its own (its own win)."""
    groups: dict[str, FunctionGroup] = {}
    for group in FunctionGroup.objects.filter(Q(gemeente=None) | Q(gemeente=gemeente)).order_by("gemeente_id"):
        if group.code not in groups or group.gemeente_id is not None:
            groups[group.code] = group
    branches: dict[str, Branch] = {}
    for branch in Branch.objects.filter(Q(gemeente=None) | Q(gemeente=gemeente)).order_by("gemeente_id"):
        if branch.code not in branches or branch.gemeente_id is not None:
            branches[branch.code] = branch
    return groups, branches


# --- Reading function groups and branches from files (owner: importers) ------------------------------------------

# Words that files use for a group but that are neither its name nor its code (keys as made by _key()).
GROUP_VARIANTS: dict[str, str] = {
    "dagelijkseartikelen": "dagelijks",
    "dagelijksegoederen": "dagelijks",
    "daily": "dagelijks",
    "dailygoods": "dagelijks",
    "food": "dagelijks",
    "modeluxe": "mode-luxe",
    "mode": "mode-luxe",
    "fashion": "mode-luxe",
    "fashionluxury": "mode-luxe",
    "vrijetijdsartikelen": "vrije-tijd",
    "vrijetijd": "vrije-tijd",
    "leisuregoods": "vrije-tijd",
    "inomhuis": "in-om-huis",
    "inhuis": "in-om-huis",
    "home": "in-om-huis",
    "homegarden": "in-om-huis",
    "overigedetailhandel": "detailhandel-overig",
    "detailhandeloverig": "detailhandel-overig",
    "overigretail": "detailhandel-overig",
    "otherretail": "detailhandel-overig",
    "horeca": "leisure",
    "leisure": "leisure",
    "leisurehoreca": "leisure",
    "horecaleisure": "leisure",
    "hospitality": "leisure",
    "vrijetijdhoreca": "leisure",
    "dienstverlening": "diensten",
    "diensten": "diensten",
    "services": "diensten",
    "zakelijkedienstverlening": "diensten",
    "consumentgerichtedienstverlening": "diensten",
    "leeg": "leegstand",
    "leegstaand": "leegstand",
    "leegstand": "leegstand",
    "leegstaandpand": "leegstand",
    "vacant": "leegstand",
    "vacancy": "leegstand",
    "empty": "leegstand",
    "wonen": "wonen",
    "woning": "wonen",
    "woonfunctie": "wonen",
    "housing": "wonen",
    "residential": "wonen",
    "werken": "werken",
    "kantoren": "werken",
    "bedrijvigheid": "werken",
    "work": "werken",
    "office": "werken",
}
_SMALL_WORDS = {"en", "and", "of", "de", "het", "the", "van", "et"}


# Words Flemish and Dutch files use for a trade that the default taxonomy names otherwise: folded word →
# "b:<branch code>" or "g:<group code>" (a group without a branch). Only used to *propose* a branch for a name the
# taxonomy does not know (kernkompas.lib.nearest); the officer confirms or chooses another.
BRANCH_SYNONYMS: dict[str, str] = {
    "frituur": "b:fastservice",
    "frietkot": "b:fastservice",
    "friterie": "b:fastservice",
    "snackbar": "b:fastservice",
    "cafetaria": "b:fastservice",
    "broodjeszaak": "b:lunchroom",
    "koffiebar": "b:lunchroom",
    "tearoom": "b:lunchroom",
    "taverne": "b:cafe",
    "herberg": "b:cafe",
    "brasserie": "b:restaurant",
    "eethuis": "b:restaurant",
    "nachtwinkel": "b:supermarkt",
    "avondwinkel": "b:supermarkt",
    "buurtwinkel": "b:supermarkt",
    "kruidenier": "b:supermarkt",
    "dagbladhandel": "b:boeken",
    "krantenwinkel": "b:boeken",
    "dagbladen": "b:boeken",
    "tijdschriften": "b:boeken",
    "kapsalon": "b:kapper",
    "haarsalon": "b:kapper",
    "kapster": "b:kapper",
    "schoonheidssalon": "b:kapper",
    "nagelstudio": "b:kapper",
    "wassalon": "b:overige-dienst",
    "wasserette": "b:overige-dienst",
    "droogkuis": "b:overige-dienst",
    "stomerij": "b:overige-dienst",
    "beenhouwerij": "b:slager",
    "beenhouwer": "b:slager",
    "slagerij": "b:slager",
    "charcuterie": "b:slager",
    "bakkerij": "b:bakker",
    "banketbakkerij": "b:bakker",
    "patisserie": "b:bakker",
    "apotheker": "b:apotheek",
    "pharmacie": "b:apotheek",
    "bloemist": "b:bloemen",
    "bloemenwinkel": "b:bloemen",
    "opticien": "b:optiek",
    "brillen": "b:optiek",
    "juwelen": "b:juwelier",
    "goudsmid": "b:juwelier",
    "leeg": "g:leegstand",
    "leegstaand": "g:leegstand",
    "leegstand": "g:leegstand",
    "vacant": "g:leegstand",
    "woning": "g:wonen",
    "appartement": "g:wonen",
    "kantoor": "b:kantoor",
    "notaris": "b:overige-dienst",
    "advocaat": "b:overige-dienst",
}


class UnknownFunction(ValueError):
    """A group or branch text that matches nothing; ``field`` is "group" or "branch", ``str()`` the reason.

    ``kind`` says what an officer can do about it: "group" (an unknown group text), "branch" (an unknown branch
    text), "conflict" (a known branch in another group than the file says) can be resolved by a choice
    (:mod:`kernkompas.monitor.vocabulary`); "missing" (neither given) cannot. ``group_code`` is the group the file
    names, where it is known.
    """

    def __init__(self, reason: str, field: str, *, kind: str = "", group_code: str = "", branch_code: str = ""):
        super().__init__(reason)
        self.field = field
        self.kind = kind or field
        self.group_code = group_code
        self.branch_code = branch_code


def _key(text: str | None) -> str:
    """ "Mode & Luxe", "mode en luxe", "MODE/LUXE", "mode-luxe" all give "modeluxe"."""
    return "".join(word for word in fold(text).split() if word not in _SMALL_WORDS)


def name_key(text: str | None) -> str:
    """The key a group or branch text of a file is known by (also the keys of :class:`BranchAlias`)."""
    return _key(text)


def aliases_of(gemeente) -> dict[tuple[str, str], tuple[str, str]]:
    """{(group key, branch key): (group code, branch code or "")} of the names a municipality resolved before."""
    if gemeente is None:
        return {}
    found = {}
    for alias in BranchAlias.objects.filter(gemeente=gemeente).select_related("group", "branch"):
        found[(alias.group_key, alias.branch_key)] = (alias.group.code, alias.branch.code if alias.branch_id else "")
    return found


class Resolver:
    """Group and branch texts of one municipality's files → codes. Build once per file: it reads the taxonomy
    (the default groups and branches plus the municipality's own, which win on a clash) and caches answers."""

    def __init__(self, gemeente=None):
        own = {"gemeente": gemeente} if gemeente is not None else {"pk__in": []}
        groups = list(FunctionGroup.objects.filter(gemeente=None)) + list(FunctionGroup.objects.filter(**own))
        branches = list(Branch.objects.filter(gemeente=None).select_related("group")) + list(
            Branch.objects.filter(**own).select_related("group")
        )
        self.group_names = [group.name for group in sorted(groups, key=lambda g: (g.position, g.name))]
        self.groups: dict[str, str] = {}
        for variant, code in GROUP_VARIANTS.items():
            if any(group.code == code for group in groups):
                self.groups[variant] = code
        for group in groups:  # own groups come last and overwrite a default with the same key
            self.groups[_key(group.code)] = group.code
            self.groups[_key(group.name)] = group.code
        self.branches: dict[str, tuple[str, str]] = {}  # key → (group code, branch code)
        self.branch_names: dict[str, list[str]] = {}  # group code → names, for messages
        parts: dict[str, set[tuple[str, str]]] = {}
        for branch in branches:
            value = (branch.group.code, branch.code)
            self.branches[_key(branch.code)] = value
            self.branches[_key(branch.name)] = value
            self.branch_names.setdefault(branch.group.code, []).append(branch.name)
            # "Schoenen en lederwaren" is also found as "schoenen" or "lederwaren", when no other branch is.
            for part in branch.name.replace("/", " en ").split(" en "):
                if _key(part) and _key(part) != _key(branch.name):
                    parts.setdefault(_key(part), set()).add(value)
        for key, values in parts.items():
            if len(values) == 1 and key not in self.branches:
                self.branches[key] = next(iter(values))
        self._cache: dict[tuple[str, str], tuple[str, str]] = {}
        # The municipality's earlier choices for names the taxonomy does not know (they win over the taxonomy:
        # an officer chose them for exactly this text), and which of them this file used.
        self.aliases = aliases_of(gemeente)
        self.alias_hits: set[tuple[str, str]] = set()

    def _alias(self, group_key: str, branch_key: str) -> tuple[str, str] | None:
        found = self.aliases.get((group_key, branch_key))
        if found is not None:
            self.alias_hits.add((group_key, branch_key))
        return found

    def resolve(self, group_text: str | None, branch_text: str | None) -> tuple[str, str]:
        cache_key = (group_text or "", branch_text or "")
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._resolve(*cache_key)
        return found

    def _resolve(self, group_text: str, branch_text: str) -> tuple[str, str]:
        group_key, branch_key = _key(group_text), _key(branch_text)
        if group_key and branch_key and (group_key, branch_key) in self.aliases:
            return self._alias(group_key, branch_key)  # this group text with this branch text (a conflict resolved)
        group = self.groups.get(group_key) if group_key else None
        if group is None and group_key and (group_key, "") in self.aliases:
            found = self._alias(group_key, "")
            if found[1] and not branch_key:
                return found  # the group column holds a branch name the municipality uses ("Frituur")
            group = found[0]
        branch = self.branches.get(branch_key) if branch_key else None
        if branch_key and ("", branch_key) in self.aliases:
            branch = self._alias("", branch_key)
            if not branch[1]:  # the branch text means a group ("Handelspand leeg" → Leegstand)
                if group is not None and group != branch[0]:
                    raise self._conflict(group_text, branch_text, group, "")
                if group is None and group_key:
                    raise self._unknown_group(group_text)
                return branch
        if group_key and group is None and not branch_key and group_key in self.branches:
            branch = self.branches[group_key]  # the group column holds a branch ("Supermarkt")
        elif group_key and group is None:
            raise self._unknown_group(group_text)
        if branch_key and branch is None:
            if branch_key in self.groups and (group is None or self.groups[branch_key] == group):
                return self.groups[branch_key], ""  # the branch column holds a group ("Leegstand", "Horeca")
            names = self.branch_names.get(group, []) if group else [n for ns in self.branch_names.values() for n in ns]
            if not names:
                raise UnknownFunction(
                    _("“%(value)s” is not a branch; the group %(group)s has no branches")
                    % {"value": branch_text.strip(), "group": group},
                    "branch",
                    group_code=group or "",
                )
            raise UnknownFunction(
                _("“%(value)s” is not a branch; known branches are: %(names)s")
                % {"value": branch_text.strip(), "names": ", ".join(sorted(set(names)))},
                "branch",
                group_code=group or "",
            )
        if branch is not None:
            if group is not None and branch[0] != group:
                raise self._conflict(group_text, branch_text, group, branch[1])
            return branch
        if group is None:
            raise UnknownFunction(_("neither a function group nor a branch is given"), "group", kind="missing")
        return group, ""

    def _unknown_group(self, group_text: str) -> UnknownFunction:
        return UnknownFunction(
            _("“%(value)s” is not a function group; known groups are: %(names)s")
            % {"value": group_text.strip(), "names": ", ".join(self.group_names)},
            "group",
        )

    def _conflict(self, group_text: str, branch_text: str, group: str, branch: str) -> UnknownFunction:
        return UnknownFunction(
            _("the branch “%(branch)s” belongs to another function group than “%(group)s”")
            % {"branch": branch_text.strip(), "group": group_text.strip()},
            "branch",
            kind="conflict",
            group_code=group,
            branch_code=branch,
        )


def resolve(group_text: str | None, branch_text: str | None, gemeente=None) -> tuple[str, str]:
    """(group code, branch code or "") for the texts a file has for them, e.g. ("Mode & Luxe", "Kleding") →
    ("mode-luxe", "kleding"), ("leeg", "") → ("leegstand", ""), ("", "Supermarkt") → ("dagelijks", "supermarkt").

    Case, accents and punctuation do not matter; names and codes of the default taxonomy and of the
    municipality's own groups and branches are known, and common variants ("horeca", "dienstverlening",
    "leegstaand"). Raises :class:`UnknownFunction` (with the valid names) for a text that matches nothing.
    For many rows, build one :class:`Resolver` and call its ``resolve``.
    """
    return Resolver(gemeente).resolve(group_text, branch_text)
