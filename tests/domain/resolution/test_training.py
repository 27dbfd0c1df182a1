"""Weights trained from the data (EM) and from judgements, kept as a model file."""

import json
import random

from corridor.domain.resolution.training import as_data, train
from corridor.domain.screening.model import load_model, model_from_text


def _pairs(seed: int = 3) -> list[dict[str, str]]:
    """Matches share a document and a birth date; non-matches mostly do not."""
    rng = random.Random(seed)
    out = []
    for n in range(3000):
        match = n % 10 == 0
        out.append(
            {
                "name": "strong" if match or rng.random() < 0.2 else "weak",
                "birth_date": "exact" if match or rng.random() < 0.02 else "conflict",
                "document": "same" if match and rng.random() < 0.8 else "different",
                "sex": "same" if match or rng.random() < 0.5 else "different",
                "nationality": "same",
            }
        )
    return out


def test_em_learns_which_levels_speak_for_a_match() -> None:
    model = load_model()
    trained = train(_pairs(), model)
    assert trained.version == "screening-v1+trained"
    assert trained.document["same"] > 8
    assert trained.birth_date["exact"] > trained.birth_date["conflict"]
    assert trained.sex["different"] < 0
    assert trained.document["missing"] == 0.0
    assert trained.birth_date["day_month_swapped"] == model.birth_date["day_month_swapped"]


def test_judgements_count_as_judged_and_the_model_is_data() -> None:
    model = load_model()
    vectors = _pairs()
    # analysts say every pair with a shared document was not the same person (a cloned passport
    # ring): the judged pairs pull the document's weight down
    labels = {i: False for i, v in enumerate(vectors) if v["document"] == "same"}
    judged = train(vectors, model, labels=labels)
    assert judged.document["same"] < train(vectors, model).document["same"]
    text = json.dumps(as_data(judged, "test"))
    assert model_from_text(text) == judged
