"""The commune's time zone: legal days begin and end at local midnight (Asia/Ho_Chi_Minh by default)."""
from zoneinfo import ZoneInfo


def commune_tz(services) -> ZoneInfo:
    return ZoneInfo(services.settings.timezone)
