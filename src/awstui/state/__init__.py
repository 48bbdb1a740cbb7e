"""What the learner did: the reactive store, persisted in SQLite. Pure Python: never imports textual.

store = open_store(data_dir)        # recovery, daily backup; store.notices for the learner
unsubscribe = store.subscribe(cb)   # cb(event) after every committed change
store.tick_question("s3-q1")
"""

from .errors import CorruptDatabase, SchemaTooNew, StoreError
from .events import (
    AttemptChanged,
    Change,
    ExternalChange,
    LearnerQuestionsChanged,
    QuestionChanged,
    ReviewChanged,
    ServiceChanged,
    SettingChanged,
)
from .files import Backup, backup_now, daily_backup, list_backups, move_aside, open_store, restore_backup
from .models import Attempt, AttemptResult, AttemptStatus, LearnerQuestion, MergeReport, QuestionState, ServiceState
from .repos.drafts import Draft, draft_key
from .repos.leases import LEASE_RENEW_S, LEASE_TTL_S, LeaseHolder
from .schema import SCHEMA_VERSION
from .store import Store

__all__ = [
    "LEASE_RENEW_S",
    "LEASE_TTL_S",
    "SCHEMA_VERSION",
    "Attempt",
    "AttemptChanged",
    "AttemptResult",
    "AttemptStatus",
    "Backup",
    "Change",
    "CorruptDatabase",
    "Draft",
    "ExternalChange",
    "LearnerQuestion",
    "LearnerQuestionsChanged",
    "LeaseHolder",
    "MergeReport",
    "QuestionChanged",
    "QuestionState",
    "ReviewChanged",
    "SchemaTooNew",
    "ServiceChanged",
    "ServiceState",
    "SettingChanged",
    "Store",
    "StoreError",
    "backup_now",
    "daily_backup",
    "draft_key",
    "list_backups",
    "move_aside",
    "open_store",
    "restore_backup",
]
