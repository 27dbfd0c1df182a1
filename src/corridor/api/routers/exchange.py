"""The partner protocol: what other nodes call, every request signed (RFC 9421).

``GET /exchange/v1/node`` (unsigned) says which agency the node speaks for and its public key;
``GET /exchange/v1/feed?after=N&limit=M`` gives the signer's agency the changes shared with it
after sequence N; ``POST /exchange/v1/messages`` takes a message (a hit notification) once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from corridor.api.deps import DatabaseDep, SettingsDep
from corridor.errors import CorridorError, InvalidInput
from corridor.services import audit, feed, messages
from corridor.services.partners import authenticate, require_home
from corridor.transport.keys import load_key, public_text

router = APIRouter(prefix="/exchange/v1", tags=["exchange (partner nodes)"])


@router.get("/node")
def node(settings: SettingsDep) -> dict[str, str]:
    """Which agency this node speaks for, and the key its requests are signed with."""
    key = load_key(Path(settings.node_key_file))
    return {"agency": require_home(settings), "public_key": public_text(key), "alg": "ed25519"}


@router.get("/feed")
async def partner_feed(
    request: Request,
    database: DatabaseDep,
    settings: SettingsDep,
    after: int = Query(0, ge=0),
    limit: int = Query(500, ge=1, le=5000),
) -> dict[str, Any]:
    """The changes shared with the signer's agency after sequence ``after``, oldest first."""
    body = await request.body()

    def work() -> dict[str, Any]:
        sender = authenticate(
            database, settings, request.method, str(request.url), request.headers, body
        )
        with database.transaction() as session:
            entries = feed.entries_for(session, sender, after, limit)
            return {
                "agency": require_home(settings),
                "entries": [
                    {
                        "sequence": e.id,
                        "agreement": e.agreement,
                        "category": e.category,
                        "object_id": e.object_id,
                        "operation": e.operation,
                        "payload": e.payload,
                    }
                    for e in entries
                ],
            }

    return await run_in_threadpool(work)


@router.post("/messages")
async def receive_message(
    request: Request, database: DatabaseDep, settings: SettingsDep
) -> dict[str, Any]:
    """A partner's message, applied once: a second delivery answers ``"duplicate": true``."""
    body = await request.body()

    def work() -> dict[str, Any]:
        sender = authenticate(
            database, settings, request.method, str(request.url), request.headers, body
        )
        try:
            message = json.loads(body)
        except ValueError:
            raise InvalidInput("the body is not JSON") from None
        if not isinstance(message, dict):
            raise InvalidInput("the body is a JSON object")
        home = require_home(settings)
        try:
            with database.transaction() as session:
                stored, new = messages.receive(session, home, sender, message)
                return {"uid": stored.uid, "duplicate": not new}
        except IntegrityError:  # the same message arrived twice at the same moment
            return {"uid": message.get("uid"), "duplicate": True}
        except CorridorError as refusal:
            with database.transaction() as session:
                audit.record(
                    session,
                    None,
                    "exchange.refused_message",
                    f"partner:{sender}",
                    detail={"kind": str(message.get("kind"))[:32], "reason": refusal.detail[:300]},
                    actor="exchange",
                )
            raise

    return await run_in_threadpool(work)
