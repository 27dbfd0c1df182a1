"""Partner nodes: who they are, and the check every request from one of them passes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import NoReturn
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from corridor.domain.principal import Principal
from corridor.errors import Conflict, InvalidInput, Unauthenticated
from corridor.services import audit
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.models import Agency, Partner, SeenNonce
from corridor.transport.keys import parse_public
from corridor.transport.signing import SignatureRefused, verify


def add_partner(
    session: Session, actor: Principal | None, agency: str, base_url: str, public_key: str
) -> Partner:
    """Register (or re-key) a partner agency's node."""
    code = agency.strip().upper()
    if session.scalar(select(Agency.id).where(Agency.code == code)) is None:
        raise InvalidInput(f"unknown agency {code}: add it first (corridor agency add)")
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInput(f"{base_url!r} is not an http(s) base URL")
    parse_public(public_key)
    partner = session.scalar(select(Partner).where(Partner.agency_code == code))
    if partner is None:
        partner = Partner(agency_code=code, base_url=url, public_key=public_key.strip())
        session.add(partner)
    else:
        partner.base_url, partner.public_key = url, public_key.strip()
    session.flush()
    audit.record(
        session,
        actor,
        "partner.registered",
        f"partner:{code}",
        detail={"url": url},
        actor="administrator",
    )
    return partner


def partner(session: Session, code: str) -> Partner:
    found = session.scalar(select(Partner).where(Partner.agency_code == code.upper()))
    if found is None:
        raise InvalidInput(f"no partner {code}: corridor partner add {code} --url ... --key ...")
    return found


def authenticate(
    database: Database,
    settings: Settings,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
) -> str:
    """The partner agency that signed this request; a refusal is logged and raised."""
    try:
        with database.transaction() as session:
            keys = {p.agency_code: p.public_key for p in session.scalars(select(Partner))}

            def public(key_id: str) -> Ed25519PublicKey | None:
                text = keys.get(key_id)
                return parse_public(text) if text else None

            checked = verify(
                method,
                url,
                headers,
                body,
                public,
                timedelta(seconds=settings.exchange_max_age_seconds),
                timedelta(seconds=settings.exchange_skew_seconds),
            )
            now = datetime.now(UTC)
            session.execute(
                delete(SeenNonce).where(
                    SeenNonce.seen_at
                    < now - timedelta(seconds=4 * settings.exchange_max_age_seconds)
                )
            )
            session.add(SeenNonce(key_id=checked.key_id, nonce=checked.nonce, seen_at=now))
            session.flush()
    except IntegrityError:
        _refused(database, headers, "replayed: this signature's nonce was used before")
    except SignatureRefused as refusal:
        _refused(database, headers, str(refusal))
    return checked.key_id


def _refused(database: Database, headers: Mapping[str, str], reason: str) -> NoReturn:
    claimed = _claimed_key(headers.get("signature-input", ""))
    with database.transaction() as session:
        audit.record(
            session,
            None,
            "exchange.refused_request",
            f"partner:{claimed or 'unknown'}",
            detail={"reason": reason[:300]},
            actor="exchange",
        )
    raise Unauthenticated(f"signature refused: {reason}")


def _claimed_key(signature_input: str) -> str:
    marker = 'keyid="'
    start = signature_input.find(marker)
    if start < 0:
        return ""
    end = signature_input.find('"', start + len(marker))
    return signature_input[start + len(marker) : end][:16]


def require_home(settings: Settings) -> str:
    if not settings.node_agency:
        raise Conflict("this node speaks for no agency: set CORRIDOR_NODE_AGENCY")
    return settings.node_agency.upper()
