"""The compiled name weighing of the bulk engine gives, to the last bit, what one pair's
``best_name_match`` gives: on real names in every script and on names built to reach every
branch of the rules (parts written together, guessed readings, dropped middles, ties)."""

from __future__ import annotations

from itertools import product

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.domain.names.compare import token_similarity
from corridor.domain.screening.bulk_names import NameTable
from corridor.domain.screening.model import load_model
from corridor.domain.screening.records import NameForm, Person, prepare
from corridor.domain.screening.score import best_name_match
from corridor.domain.screening.weights import TokenWeights
from tests.domain.screening.test_variations import ALERTS

MODEL = load_model()
NAMES = [
    "Nguyễn Thị Hương",
    "HUONG THI NGUYEN",
    "NGUYEN HUONG",
    "阮氏香",
    "Nguyễn Văn Hùng",
    "ZHENG JIANPING",
    "ZHENG JIAN PING",
    "郑建平",
    "大野翔太",
    "OHNO SHOTA",
    "七夏 佐藤",
    "SATO NANAMI",
    "이영철",
    "LEE YOUNG CHUL",
    "MOHAMMED YOUSEF AL RASHID",
    "MUHAMMAD YUSUF RASHID",
    "J SMITH",
    "JOHN SMITH",
    "JOHN SMYTH",
    "NGUYEN NGUYEN VAN",
]


def name_bits(left: Person, right: Person, weight: TokenWeights) -> float:
    return best_name_match(left, right, MODEL, weight)[0]


def test_real_names_in_every_script_weigh_as_one_pair_does() -> None:
    people = [
        prepare(f"p{k}", [name], None, [nat], None, [])
        for k, (name, nat) in enumerate(product(NAMES, ["", "VNM", "JPN", "CHN"]))
    ]
    people += ALERTS
    weight = TokenWeights(people, floor=0.3, ceiling=12.0)
    table = NameTable([p.names for p in people], weight, MODEL)
    lefts, rights = (a.ravel() for a in np.indices((len(people), len(people))))
    expected = [name_bits(people[a], people[b], weight) for a, b in zip(lefts, rights, strict=True)]
    assert table.bits(lefts, rights).tolist() == expected
    # asked again, with every token similarity now known
    assert table.bits(rights, lefts).tolist() == [
        name_bits(people[b], people[a], weight) for a, b in zip(lefts, rights, strict=True)
    ]


# one token to reach each of ``token_similarity``'s rules with another: spelling, group, typo,
# slip, consonants and initial, besides exact and nothing at all
TOKENS = ["SATOU", "SATO", "LEE", "YI", "RHEE", "NGUYEN", "NGUYEM", "WANG", "YANG", "HU", "THU"]
TOKENS += ["USAMA", "OSAMA", "HUSAYN", "HUSSEIN", "J", "JOHN", "H", "HUONG", "MOHAMMED", "A"]


def test_only_pairs_of_tokens_alike_by_no_rule_are_left_unasked() -> None:
    table = NameTable([(NameForm(t, ((t,),)),) for t in TOKENS], lambda _: 1.0, MODEL)
    lefts, rights = (a.ravel() for a in np.indices((len(TOKENS), len(TOKENS))))
    numbers = np.array([table._numbers[t] for t in TOKENS])
    asked = table._may_be_alike(numbers[lefts], numbers[rights])
    alike = [
        token_similarity(TOKENS[a], TOKENS[b])[0] > 0 for a, b in zip(lefts, rights, strict=True)
    ]
    assert not any(a and not k for a, k in zip(alike, asked.tolist(), strict=True))
    assert sum(alike) < asked.sum() < len(alike)  # some left unasked, a few asked in vain


PARTS = ["NGUYEN", "VAN", "HUNG", "HUNGG", "JIAN", "PING", "JIANPING", "LI", "LEE", "A", "ANH"]
readings = st.lists(st.sampled_from(PARTS), min_size=1, max_size=5).map(tuple)
forms = st.builds(
    lambda written, found, guessed: NameForm(written, tuple(found), frozenset(guessed)),
    st.text(max_size=3),
    st.lists(readings, min_size=1, max_size=3),
    st.sets(st.sampled_from(PARTS), max_size=2),
)
names = st.lists(forms, min_size=0, max_size=2).map(tuple)
# few distinct weights, so that ties between parts and between alignments are common
weights = st.dictionaries(st.sampled_from(PARTS), st.sampled_from([0.3, 1.0, 2.5, 12.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, names), min_size=1, max_size=6), weights)
def test_built_names_weigh_as_one_pair_does(
    pairs: list[tuple[tuple[NameForm, ...], tuple[NameForm, ...]]], table_of: dict[str, float]
) -> None:
    def weight(token: str) -> float:
        return table_of.get(token, 4.0)

    every = [name for pair in pairs for name in pair]
    table = NameTable(every, weight, MODEL)
    lefts = np.arange(0, len(every), 2)
    people = [
        Person(str(k), name, None, frozenset(), None, frozenset()) for k, name in enumerate(every)
    ]
    expected = [best_name_match(people[k], people[k + 1], MODEL, weight)[0] for k in lefts.tolist()]
    assert table.bits(lefts, lefts + 1).tolist() == expected
