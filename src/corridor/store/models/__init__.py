"""The node's tables, one module per noun; importing this package registers them all."""

from corridor.store.models.agencies import Agency
from corridor.store.models.alerts import Alert, Notification, ScreeningBatch, ScreeningHit
from corridor.store.models.audit import AuditEntry
from corridor.store.models.base import Base
from corridor.store.models.crossings import Crossing
from corridor.store.models.documents import DocumentReport
from corridor.store.models.entities import EntityChange, Judgement, PersonRecord, ReviewPair
from corridor.store.models.exchange import (
    Agreement,
    AgreementVersionRow,
    ExchangeMessage,
    FeedEntry,
    InformationRequest,
    Partner,
    SeenNonce,
)
from corridor.store.models.points import CrossingPoint
from corridor.store.models.travellers import TravelDocument, Traveller
from corridor.store.models.users import Token, User, UserRole

__all__ = [
    "Agency",
    "Agreement",
    "AgreementVersionRow",
    "Alert",
    "AuditEntry",
    "Base",
    "Crossing",
    "CrossingPoint",
    "DocumentReport",
    "EntityChange",
    "ExchangeMessage",
    "FeedEntry",
    "InformationRequest",
    "Judgement",
    "Notification",
    "Partner",
    "PersonRecord",
    "ReviewPair",
    "ScreeningBatch",
    "ScreeningHit",
    "SeenNonce",
    "Token",
    "TravelDocument",
    "Traveller",
    "User",
    "UserRole",
]
