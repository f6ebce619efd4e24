"""A FIT activity file written with fit-tool (an independent FIT encoder), for the importer and upload tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z


def _ms(t: dt.datetime) -> int:
    return round(t.timestamp() * 1000)


def build_fit(
    path: Path,
    start: dt.datetime,
    hr: list[int],
    utc_offset_h: float = 1.0,
    laps: int = 2,
    sport: Sport = Sport.RUNNING,
) -> Path:
    """A small FIT activity: one session, ``laps`` equal laps, one record per second with heart rate ``hr``."""
    b = FitFileBuilder(auto_define=True, min_string_size=50)
    m = FileIdMessage()
    m.type = FileType.ACTIVITY
    m.manufacturer = Manufacturer.DEVELOPMENT.value
    m.product = 0
    m.time_created = _ms(start)
    m.serial_number = 1
    b.add(m)
    records = []
    for i, bpm in enumerate(hr):
        r = RecordMessage()
        r.timestamp = _ms(start + dt.timedelta(seconds=i))
        r.heart_rate = bpm
        records.append(r)
    b.add_all(records)
    n = len(hr)
    for k in range(laps):
        lap = LapMessage()
        lap_start = start + dt.timedelta(seconds=k * n / laps)
        lap.start_time = _ms(lap_start)
        lap.timestamp = _ms(lap_start + dt.timedelta(seconds=n / laps))
        lap.total_elapsed_time = n / laps
        seg = hr[int(k * n / laps) : int((k + 1) * n / laps)]
        lap.avg_heart_rate = round(sum(seg) / len(seg))
        b.add(lap)
    end = start + dt.timedelta(seconds=n)
    s = SessionMessage()
    s.timestamp = _ms(end)
    s.start_time = _ms(start)
    s.total_elapsed_time = float(n)
    s.sport = sport
    s.avg_heart_rate = round(sum(hr) / n)
    s.max_heart_rate = max(hr)
    b.add(s)
    a = ActivityMessage()
    a.timestamp = _ms(end)
    a.local_timestamp = round((end + dt.timedelta(hours=utc_offset_h)).timestamp()) - FIT_EPOCH_S
    a.num_sessions = 1
    b.add(a)
    path.write_bytes(b.build().to_bytes())
    return path
