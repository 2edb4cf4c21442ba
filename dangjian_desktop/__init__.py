"""党建台账: the offline ledger of a grassroots Party branch."""

__version__ = "0.1.0"
APP_NAME = "dangjian_desktop"
