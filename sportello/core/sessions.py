"""The session engine (SESSION_ENGINE): Django's database sessions, with only a hash of each
session key in the database. The cookie keeps the key.

Django's own engine stores the key in clear in `django_session`, so whoever reads the database (a
dump, a backup copy, its administrator) could take over every live staff session by putting a
key in a cookie. Here every place where Django reads or writes the row — loading, `exists` (also
used to pick a new key), creating and saving, deleting, and their async twins — goes by
`stored_key(key)`: SHA-256 of the key in hex, cut to the 40 characters of the existing
`session_key` column (160 bits; the key is 32 random characters out of 36, about 165 bits, so no
secret is needed to make the hash one-way). A value read from the table is no use as a cookie:
its own hash matches no row. Everything else (encoding, expiry, `cycle_key`, `flush`,
`clearsessions`, which deletes by expiry date) is Django's, unchanged.

Rows written by Django's engine before this one hold clear keys that no cookie hashes to: those
sessions simply end, and their users sign in again (`clearsessions` removes the rows once expired).
"""

import hashlib
import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

STORED_KEY_LENGTH = 40  # django.contrib.sessions.models.Session.session_key: max_length=40


def stored_key(session_key: str) -> str:
    """What the database holds for a session key: a one-way hash of it."""
    return hashlib.sha256(session_key.encode()).hexdigest()[:STORED_KEY_LENGTH]


class SessionStore(db.SessionStore):
    def _not_found(self, error: Exception) -> None:
        # Django's: no such live session (a tampered one is logged); the key is dropped.
        if isinstance(error, SuspiciousOperation):
            logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
            logger.warning(str(error))
        self._session_key = None

    def _get_session_from_db(self):
        # Django's, looked up by the stored key.
        try:
            return self.model.objects.get(
                session_key=stored_key(self.session_key), expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as e:
            self._not_found(e)

    async def _aget_session_from_db(self):
        try:
            return await self.model.objects.aget(
                session_key=stored_key(self.session_key), expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as e:
            self._not_found(e)

    def exists(self, session_key):
        return super().exists(stored_key(session_key))

    async def aexists(self, session_key):
        return await super().aexists(stored_key(session_key))

    def create_model_instance(self, data):
        # Used by save() and asave(): the row Django writes, under the stored key.
        instance = super().create_model_instance(data)
        instance.session_key = stored_key(instance.session_key)
        return instance

    async def acreate_model_instance(self, data):
        instance = await super().acreate_model_instance(data)
        instance.session_key = stored_key(instance.session_key)
        return instance

    def delete(self, session_key=None):
        if session_key is None:
            session_key = self.session_key
        if session_key is not None:
            super().delete(stored_key(session_key))

    async def adelete(self, session_key=None):
        if session_key is None:
            session_key = self.session_key
        if session_key is not None:
            await super().adelete(stored_key(session_key))
