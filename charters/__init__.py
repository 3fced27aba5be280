"""The charters and routines bundled with Garant: data, installed beside `bot`
(see `bot.charter.load.bundled_charters_dir`)."""
