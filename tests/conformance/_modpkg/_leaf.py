# Helper submodule of _modpkg (not a program).
VALUE = 41


def where():
    return __name__, __package__
