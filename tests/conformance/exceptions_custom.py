# Custom exception hierarchies, args, str/repr.
class AppError(Exception):
    pass

class ValidationError(AppError):
    def __init__(self, field, msg):
        super().__init__(f"{field}: {msg}")
        self.field = field

class NotFound(AppError):
    def __init__(self, what):
        self.what = what
        super().__init__(what)
    def __str__(self):
        return f"{self.what} not found"

class Silent(AppError):
    pass

for exc in [ValidationError("age", "must be positive"), NotFound("user 7"), Silent(), Silent(1, 2), AppError("x")]:
    try:
        raise exc
    except NotFound as e:
        print("NotFound:", e, "|", repr(e), "|", e.args, e.what)
    except ValidationError as e:
        print("ValidationError:", e, "|", repr(e), "|", e.args, e.field)
    except AppError as e:
        print(type(e).__name__ + ":", str(e), "|", repr(e), "|", e.args)
print(issubclass(ValidationError, AppError), issubclass(AppError, Exception), isinstance(NotFound("x"), AppError))
class WithDefault(Exception):
    def __init__(self, msg="default message"):
        super().__init__(msg)
try:
    raise WithDefault
except WithDefault as e:
    print(e, repr(e))
try:
    raise WithDefault("custom")
except Exception as e:
    print(e)
errors = []
for raw in ["5", "x", "-1", "12"]:
    try:
        n = int(raw)
        if n < 0:
            raise ValidationError("n", "negative")
        print("ok", n)
    except ValueError as e:
        errors.append(f"bad int: {e}")
    except AppError as e:
        errors.append(f"app: {e}")
print(errors)
print(str(KeyError("k")), repr(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
print(str(ValueError()), repr(ValueError()), str(ValueError("a", "b")))
print(repr(Exception("it's")), repr(OSError("x")))
e = AppError("with attr")
e.extra = 42
print(e.extra, e)
try:
    raise e
except AppError as caught:
    print(caught is e)
