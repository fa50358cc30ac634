"""With the demo data, the dashboard says whether the seed's targets are met."""

import re

from sportello.accounts.models import User
from sportello.core.demo import load_demo


def test_the_demo_dashboard_shows_the_targets_met_or_not(db, client, settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    load_demo()
    client.force_login(User.objects.get(username="coordinatore"))
    html = client.get("/app/indicators/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # 150 people reached and 30 people in a path: the demo is made to reach both.
    for target in ("150", "30"):
        match = re.search(rf"<strong>(\d+)</strong>\s*<span class=\"muted\">of {target}", html)
        assert match and int(match.group(1)) >= int(target), target
    assert html.count("badge ok") >= 2
    # The evaluation report of the demo builds, suppressed, in well under a minute.
    client.force_login(User.objects.get(username="comune"))
    response = client.get("/app/indicators/report.pdf")
    assert response.status_code == 200
    assert float(response["X-Build-Seconds"]) < 60
