"""Helpers for the two-step sign-in tests: codes computed from the device's key, as the phone
app would compute them."""

import re
import time
from base64 import b32decode

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sportello.accounts import services
from sportello.accounts.models import User
from tests.conftest import PASSWORD


def app_code(key: bytes, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for this key (`steps_ahead` × 30 s from now)."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def device_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    return app_code(device.bin_key, steps_ahead=steps_ahead)


def key_on_page(html: str) -> bytes:
    """The key written out on the enrolment page for typing into the app by hand."""
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html)[1]
    return b32decode(secret.replace(" ", ""))


def with_app(user: User) -> tuple[TOTPDevice, list[str]]:
    """Give the user a confirmed authenticator app and recovery codes, through the services, as if
    set up a while ago (the code used to confirm it may be shown again now)."""
    device = services.two_factor_start(user=user)
    codes = services.two_factor_enable(user=user, device=device, code=device_code(device))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return device, codes


def password_step(client: Client, username: str, next_url: str = "") -> object:
    url = "/app/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD})
