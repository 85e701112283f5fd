# Uncaught custom exception with a custom message.
class ConfigError(Exception):
    pass

class MissingSetting(ConfigError):
    def __init__(self, name):
        super().__init__(f"setting {name!r} is required")

def load(settings):
    for key in ["host", "port"]:
        if key not in settings:
            raise MissingSetting(key)
        print("found", key, settings[key])

load({"host": "localhost"})
