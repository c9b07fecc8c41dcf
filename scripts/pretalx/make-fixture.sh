#!/usr/bin/env bash
# Makes Tests/Data/frab/pretalx-democon.{xml,json} with pretalx itself (see SOURCES.md there):
# a fresh SQLite data folder, an administrator, create_test_event --seed 1, and pretalx's own
# frab exporters. Needs scripts/setup.sh test (the venv at .build/pretalx-venv).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
py="$root/.build/pretalx-venv/bin/python"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export PRETALX_DATA_DIR="$data/data" PRETALX_FILESYSTEM_STATIC="$data/static" PRETALX_FILESYSTEM_LOGS="$data/logs"
"$py" -m pretalx migrate >/dev/null
"$py" -m pretalx collectstatic --noinput >/dev/null
# A fixed instance identifier: pretalx derives its guids from it (and 2023.1.3 stores `None`
# when it makes one itself, which breaks the next process).
"$py" -m pretalx shell -c "
from pretalx.common.models.settings import GlobalSettings
from pretalx.person.models import User
GlobalSettings().settings.set('instance_identifier', '6f0b7c8e-2d47-4b0e-9a51-5e2f6f1c0a11')
u = User.objects.create_superuser(email='admin@example.org', password='admin')
u.is_administrator = True
u.save()
" >/dev/null
"$py" -m pretalx create_test_event --seed 1 >/dev/null
"$py" -m pretalx shell -c "
from django_scopes import scopes_disabled
from pretalx.event.models import Event
from pretalx.schedule.exporters import FrabXmlExporter, FrabJsonExporter
with scopes_disabled():
    e = Event.objects.get(slug='democon')
    for cls, ext in ((FrabXmlExporter, 'xml'), (FrabJsonExporter, 'json')):
        open('$root/Tests/Data/frab/pretalx-democon.' + ext, 'w').write(cls(e, schedule=e.current_schedule).render()[2])
" >/dev/null
echo "wrote Tests/Data/frab/pretalx-democon.xml and .json"
